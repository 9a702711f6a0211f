import Cryptography
import Traces

/// Reads a sweep file into a `SweepSpec`, and checks every point's scenario before anything
/// runs.
public enum SweepDecoder {
  /// The largest sweep file read.
  static let limitBytes = 64 << 20

  /// Reads and decodes the sweep file at `path`. Each point's scenario is not decoded here: see
  /// `validatePoints`.
  /// - Throws: `ScenarioError` naming the sweep file (or the base scenario file), line, field and
  ///   what is accepted.
  /// - Parameter traces: replaces the file's `traces` (`--traces`).
  public static func load(path: String, traces: TraceSelection? = nil) throws(ScenarioError)
    -> SweepSpec
  {
    let text = try InputFile.readText(path, limitBytes: limitBytes, what: "sweep file")
    let directory = folder(of: path)
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch {
      throw .syntax(file: path, line: error.line, column: error.column, message: error.message)
    }
    return try decode(root, file: path, directory: directory, traces: traces)
  }

  /// Decodes the sweep `root`; `file` names it in errors, `directory` is where its relative
  /// paths are resolved, `traces` replaces its `traces`.
  public static func decode(
    _ root: JSONValue, file: String, directory: String, traces tracesOverride: TraceSelection? = nil
  ) throws(ScenarioError) -> SweepSpec {
    let reader = try ObjectReader(root, schema: SweepSchema.schema, path: "", file: file)
    _ = try reader.read(SweepSchema.description)
    guard let scenario = try reader.read(SweepSchema.scenario) else {
      throw .missingField(
        file: file, line: root.line, path: "scenario", expected: SweepSchema.scenario.accepts)
    }
    let (base, baseFile, baseDirectory) = try baseScenario(
      scenario, file: file, directory: directory)
    let grid = try axes(reader, SweepSchema.grid)
    let zip = try axes(reader, SweepSchema.zip)
    let paths = (grid + zip).map(\.path)
    var seen: Set<FieldPath> = []
    for axis in grid + zip {
      if !seen.insert(axis.path).inserted {
        throw .invalidValue(
          file: file, line: axis.line, path: "zip", value: "\"\(axis.path)\"",
          accepted: "a path is swept once: it is also in grid")
      }
    }
    if let zipLength = zip.first?.values.count,
      let odd = zip.first(where: { $0.values.count != zipLength })
    {
      throw .invalidValue(
        file: file, line: odd.line, path: "zip.\(odd.path)", value: "[…\(odd.values.count) items]",
        accepted: "every zip list has the same length; \(zip[0].path) has \(zipLength)")
    }
    let points = try makePoints(grid: grid, zip: zip, file: file, line: root.line)
    let seeds = try decodeSeeds(reader, base: base, file: file)
    let runs = try reader.value(SweepSchema.runs)
    let total = points.count.multipliedReportingOverflow(by: seeds.count * runs)
    guard !total.overflow, total.partialValue <= SweepLimits.totalRuns else {
      throw .invalidValue(
        file: file, line: root.line, path: "",
        value: "\(points.count) points × \(seeds.count) seeds × \(runs) runs",
        accepted: "at most \(grouped(SweepLimits.totalRuns)) runs in one sweep; split it")
    }
    let mode = SweepMode(rawValue: try reader.value(SweepSchema.mode))!
    let tracesText = try reader.value(SweepSchema.traces)
    // The field's check admits only parsable lists.
    let traces = tracesOverride ?? (try? TraceSelection(parsing: tracesText)) ?? .light
    let identity = JSONValue.object([
      ("scenario", base),
      ("points", .array(points.map { .object($0.values.map { ($0.path.description, $0.value) }) })),
      ("seeds", .array(seeds.map { .integer($0) })),
      ("runs", .integer(runs)),
      ("mode", .string(mode.rawValue)),
      ("traces", .string(traces.description)),
    ])
    // The sweep as it will run, self-contained (the scenario inline, the seeds listed): what a
    // sweep folder records, so that `sweep collect` needs no other file.
    var definition: [(String, JSONValue)] = [("scenario", base)]
    if let grid = try reader.read(SweepSchema.grid) { definition.append(("grid", grid)) }
    if let zip = try reader.read(SweepSchema.zip) { definition.append(("zip", zip)) }
    definition += [
      ("seeds", .array(seeds.map { .integer($0) })), ("runs", .integer(runs)),
      ("mode", .string(mode.rawValue)), ("traces", .string(traces.description)),
    ]
    return SweepSpec(
      file: file, base: base, baseFile: baseFile, baseDirectory: baseDirectory, paths: paths,
      points: points, seeds: seeds, runs: runs, mode: mode, traces: traces,
      id: digest(JSONWriter.write(identity), hexDigits: 16),
      definition: .object(definition).withoutLines)
  }

  /// Decodes every point's scenario and checks the inputs its workload needs (data sets, models,
  /// payloads that must fit a block), so that a sweep fails before its first run, not at point 37.
  /// Workloads are checked once each: points that differ only outside `workload` share a check.
  /// - Throws: `ScenarioError.sweepPoint` for the first point that fails.
  public static func validatePoints(_ sweep: SweepSpec) throws(ScenarioError) {
    var checkedWorkloads: Set<String> = []
    for point in sweep.points {
      let root = try sweep.scenarioJSON(at: point)
      let spec = try sweep.scenario(root, at: point)
      if sweep.mode == .compare && !spec.isBlockchain {
        throw .sweepPoint(
          file: sweep.file, line: point.line, point: point.index, values: point.valuesText,
          cause: .missingField(
            file: sweep.baseFile, line: 0, path: "workload.chain",
            expected: "a chain, since the sweep's mode is compare"))
      }
      let key = root["workload"].map(JSONWriter.compact) ?? ""
      guard checkedWorkloads.insert(key).inserted else { continue }
      do throws(ScenarioError) {
        try Experiment.checkInputs(spec)
      } catch {
        throw .sweepPoint(
          file: sweep.file, line: point.line, point: point.index, values: point.valuesText,
          cause: error)
      }
    }
  }

  // MARK: - Parts

  /// The base scenario's JSON, the file its messages name, and the folder its relative paths are
  /// resolved against.
  private static func baseScenario(_ value: JSONValue, file: String, directory: String)
    throws(ScenarioError) -> (JSONValue, String, String)
  {
    switch value.kind {
    case .object: return (value, file, directory)
    case .string(let relative):
      let path = InputFile.resolved(relative, against: directory)
      let text = try InputFile.readText(
        path, limitBytes: InputFile.scenarioLimitBytes, what: "scenario file")
      do {
        let base = try JSONParser.parse(text)
        return (base, path, folder(of: path))
      } catch {
        throw .syntax(file: path, line: error.line, column: error.column, message: error.message)
      }
    default:
      throw .wrongType(
        file: file, line: value.line, path: "scenario", found: value.typeDescription,
        expected: SweepSchema.scenario.accepts)
    }
  }

  /// One swept path and its values.
  struct Axis {
    let path: FieldPath
    let values: [JSONValue]
    let line: Int
  }

  /// The paths and value lists of `grid` or `zip`.
  private static func axes(_ reader: ObjectReader, _ field: Field<JSONValue>)
    throws(ScenarioError) -> [Axis]
  {
    guard let object = try reader.read(field) else { return [] }
    let file = reader.file
    let members = try ObjectReader.members(of: object, path: field.name, file: file)
    var axes: [Axis] = []
    for member in members {
      let place = "\(field.name).\(member.key)"
      let path: FieldPath
      do throws(FieldPathError) {
        path = try FieldPath(parsing: member.key)
      } catch {
        throw .invalidValue(
          file: file, line: member.value.line, path: field.name,
          value: "\"\(member.key)\"", accepted: error.message)
      }
      if path.steps.first == .member("seed") {
        throw .invalidValue(
          file: file, line: member.value.line, path: field.name, value: "\"\(member.key)\"",
          accepted: "seeds are swept with the sweep file's `seeds`, which also gives each its row")
      }
      guard case .array(let values) = member.value.kind else {
        throw .wrongType(
          file: file, line: member.value.line, path: place, found: member.value.typeDescription,
          expected: "an array of the values to try")
      }
      guard !values.isEmpty, values.count <= SweepLimits.points else {
        throw .invalidValue(
          file: file, line: member.value.line, path: place, value: "[…\(values.count) items]",
          accepted: "from 1 to \(grouped(SweepLimits.points)) values")
      }
      axes.append(Axis(path: path, values: values, line: member.value.line))
    }
    return axes
  }

  /// The grid's Cartesian product (first path slowest), each combined with every zip position.
  private static func makePoints(grid: [Axis], zip: [Axis], file: String, line: Int)
    throws(ScenarioError) -> [SweepPoint]
  {
    var count = zip.first?.values.count ?? 1
    for axis in grid {
      let product = count.multipliedReportingOverflow(by: axis.values.count)
      guard !product.overflow, product.partialValue <= SweepLimits.points else {
        throw .invalidValue(
          file: file, line: axis.line, path: "grid.\(axis.path)",
          value: "[…\(axis.values.count) items]",
          accepted: "at most \(grouped(SweepLimits.points)) points in one sweep (grid × zip)")
      }
      count = product.partialValue
    }
    let zipLength = zip.first?.values.count ?? 1
    var points: [SweepPoint] = []
    points.reserveCapacity(count)
    for index in 0..<count {
      // Mixed-radix digits of the index: the zip position is the fastest digit, then the grid's
      // last path, …, its first path the slowest.
      var rest = index
      let zipPosition = rest % zipLength
      rest /= zipLength
      var gridValues: [(path: FieldPath, value: JSONValue)] = []
      var lines: [Int] = []
      for axis in grid.reversed() {
        let value = axis.values[rest % axis.values.count]
        rest /= axis.values.count
        gridValues.insert((axis.path, value), at: 0)
        lines.append(value.line)
      }
      let zipValues = zip.map { (path: $0.path, value: $0.values[zipPosition]) }
      let values = gridValues + zipValues
      let text = values.map { "\($0.path)=\(JSONWriter.compact($0.value))\n" }.joined()
      points.append(
        SweepPoint(
          index: index, values: values, id: digest(text, hexDigits: 8),
          line: values.last?.value.line ?? line))
    }
    return points
  }

  /// The seeds: a list, or a count starting at the base scenario's seed.
  private static func decodeSeeds(_ reader: ObjectReader, base: JSONValue, file: String)
    throws(ScenarioError) -> [UInt64]
  {
    // The base seed as the scenario decoder will read it; a bad one fails at point 0.
    var baseSeed: UInt64 = 1
    if case .number(let text)? = base["seed"]?.kind, let seed = UInt64(text) { baseSeed = seed }
    guard let value = try reader.read(SweepSchema.seeds) else { return [baseSeed] }
    let maximum = UInt64(Int64.max)
    switch value.kind {
    case .number(let text):
      guard let count = UInt64(text), (1...UInt64(SweepLimits.seeds)).contains(count),
        baseSeed <= maximum - (count - 1)
      else {
        throw .invalidValue(
          file: file, line: value.line, path: "seeds", value: value.excerpt,
          accepted: "expected \(SweepSchema.seeds.accepts), and the last seed at most "
            + grouped(maximum))
      }
      return (0..<count).map { baseSeed + $0 }
    case .array(let items):
      var seeds: [UInt64] = []
      for (index, item) in items.enumerated() {
        guard case .number(let text) = item.kind, let seed = UInt64(text), seed <= maximum,
          !seeds.contains(seed)
        else {
          throw .invalidValue(
            file: file, line: item.line, path: "seeds[\(index)]", value: item.excerpt,
            accepted: "expected \(SweepSchema.seeds.accepts)")
        }
        seeds.append(seed)
      }
      guard !seeds.isEmpty, seeds.count <= SweepLimits.seeds else {
        throw .invalidValue(
          file: file, line: value.line, path: "seeds", value: value.excerpt,
          accepted: "expected \(SweepSchema.seeds.accepts)")
      }
      return seeds
    default:
      throw .wrongType(
        file: file, line: value.line, path: "seeds", found: value.typeDescription,
        expected: SweepSchema.seeds.accepts)
    }
  }

  /// The folder of `path` as the user wrote it (`scenarios` for `scenarios/sweep.json`, `.` for
  /// a bare name), so that messages name files the way the user does.
  private static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// The first `hexDigits` hex digits of the SHA-256 of `text`.
  static func digest(_ text: String, hexDigits: Int) -> String {
    let bytes = SHA256.hash(Array(text.utf8))
    let hex = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
    return String(hex.prefix(hexDigits))
  }
}
