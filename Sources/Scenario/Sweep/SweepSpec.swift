import Traces

/// What a sweep runs each point as.
public enum SweepMode: String, Sendable, CaseIterable {
  /// A point with a chain is compared with its vanilla twin, any other is run alone (as
  /// `fedchain SCENARIO.json`).
  case auto
  /// Every point is compared (each needs a chain).
  case compare
  /// Every point runs its scheme alone.
  case run
}

/// A decoded sweep file: a base scenario, the points to run it at, and the seeds and
/// replications of each point.
///
/// Every point's scenario is the base scenario's JSON with the point's values set at their
/// dotted paths, decoded like a scenario file (`scenario(at:)`), so a point is validated exactly
/// as a file would be.
public struct SweepSpec: Sendable {
  /// The sweep file as the user named it (in messages).
  public let file: String
  /// The base scenario's JSON.
  public let base: JSONValue
  /// The file that holds the base scenario (the sweep file itself for an inline scenario): the
  /// name the decoder's messages use.
  public let baseFile: String
  /// Where the base scenario's relative paths are resolved.
  public let baseDirectory: String
  /// The swept paths, grid paths first, in file order: one `sweep.csv` column each.
  public let paths: [FieldPath]
  /// The points, in run order.
  public let points: [SweepPoint]
  /// The seeds every point runs with.
  public let seeds: [UInt64]
  /// Replications per point and seed.
  public let runs: Int
  public let mode: SweepMode
  public let traces: TraceSelection
  /// A digest of everything that decides the sweep's output (base scenario, points, seeds, runs,
  /// mode, traces): a folder holds the runs of one sweep id only.
  public let id: String
  /// The sweep as it runs, self-contained: the base scenario inline, the seeds listed, the
  /// traces resolved. A sweep folder's `sweep.json` records it; decoding it gives this sweep
  /// (the same id) again.
  public let definition: JSONValue

  /// Every run of the sweep, in order: points, then seeds, then replications.
  public var allRuns: [SweepRun] {
    points.flatMap { point in
      seeds.flatMap { seed in
        (0..<UInt64(runs)).map { SweepRun(point: point.index, seed: seed, run: $0) }
      }
    }
  }

  /// The runs of shard `index` of `count`: those of every `count`-th point, starting at point
  /// `index` (0-based), so that a job array's tasks split the points evenly.
  public func runs(inShard index: Int, of count: Int) -> [SweepRun] {
    allRuns.filter { $0.point % count == index }
  }

  /// The scenario of `point`: the base with the point's values set, decoded.
  /// - Throws: `ScenarioError.sweepPoint` naming the sweep file, the point and its values.
  public func scenario(at point: SweepPoint) throws(ScenarioError) -> ScenarioSpec {
    try scenario(try scenarioJSON(at: point), at: point)
  }

  /// `root`, the point's scenario JSON (`scenarioJSON(at:)`), decoded.
  func scenario(_ root: JSONValue, at point: SweepPoint) throws(ScenarioError) -> ScenarioSpec {
    do throws(ScenarioError) {
      return try ScenarioDecoder.decode(root, file: baseFile, baseDirectory: baseDirectory)
    } catch {
      throw .sweepPoint(
        file: file, line: point.line, point: point.index, values: point.valuesText, cause: error)
    }
  }

  /// The base scenario's JSON with `point`'s values set.
  /// - Throws: `ScenarioError.sweepPoint` when a path cannot be followed (a step into a number,
  ///   an array element that is not there).
  public func scenarioJSON(at point: SweepPoint) throws(ScenarioError) -> JSONValue {
    var root = base
    for (path, value) in point.values {
      do throws(FieldPathError) {
        // Values built into the scenario keep no sweep-file line: an error names the file only.
        root = try root.replacing(path, with: value.withoutLines)
      } catch {
        throw .sweepPoint(
          file: file, line: point.line, point: point.index, values: point.valuesText,
          cause: .invalidValue(
            file: baseFile, line: 0, path: path.description, value: value.excerpt,
            accepted: error.message))
      }
    }
    return root
  }

  /// The manifest's `sweep` member for a run: which sweep, point and values it belongs to.
  public func manifestMember(for run: SweepRun) -> JSONValue {
    let point = points[run.point]
    return JSONValue.object([
      ("id", JSONValue.string(id)),
      ("point", JSONValue.integer(point.index)),
      ("point_id", JSONValue.string(point.id)),
      ("values", JSONValue.object(point.values.map { ($0.path.description, $0.value) })),
    ])
  }
}

extension JSONValue {
  /// The value with every line set to 0 (built in code).
  var withoutLines: JSONValue {
    switch kind {
    case .array(let items): return JSONValue(.array(items.map(\.withoutLines)))
    case .object(let members):
      return JSONValue(.object(members.map { (key: $0.key, value: $0.value.withoutLines) }))
    default: return JSONValue(kind)
    }
  }
}

/// One combination of swept values.
public struct SweepPoint: Sendable {
  /// 0, 1, … in run order.
  public let index: Int
  /// The value set at each swept path, in the sweep's path order.
  public let values: [(path: FieldPath, value: JSONValue)]
  /// A short digest of the values, so that a point's folder name changes with what it runs.
  public let id: String
  /// The sweep file line of the point's last value (for messages).
  let line: Int

  /// `path = value, …` for messages.
  public var valuesText: String {
    values.isEmpty
      ? "the base scenario"
      : values.map { "\($0.path) = \(JSONWriter.compact($0.value))" }.joined(separator: ", ")
  }
}

/// One run of a sweep: a point at a seed and replication.
public struct SweepRun: Sendable, Hashable {
  public let point: Int
  public let seed: UInt64
  public let run: UInt64
  public init(point: Int, seed: UInt64, run: UInt64) {
    self.point = point
    self.seed = seed
    self.run = run
  }
}
