/// The top level of a sweep file (`fedchain sweep SWEEP.json`): a base scenario and the values
/// to try. README, "Sweeps", documents it from this table.
enum SweepSchema {
  static let scenario = Field.structure(
    "scenario",
    accepts: "a scenario file's path (relative to the sweep file) or a scenario object",
    defaultText: "required", help: "The base scenario every point starts from.")
  static let description = Field.string(
    "description", default: "", help: "Free text for people; the simulator ignores it.",
    defaultText: "none")
  static let grid = Field.structure(
    "grid", accepts: "an object whose keys are dotted field paths and values non-empty arrays",
    defaultText: "none",
    help: "Every combination of the listed values (Cartesian product); the first path varies "
      + "slowest.")
  static let zip = Field.structure(
    "zip", accepts: "an object whose keys are dotted field paths and values arrays of one length",
    defaultText: "none",
    help: "Values taken in lock-step: the i-th point of the zip sets every path's i-th value. "
      + "With a grid, each grid point is combined with each zip point (the zip varies fastest).")
  static let seeds = Field.structure(
    "seeds",
    accepts: "an array of distinct whole numbers from 0 to \(grouped(Int64.max)), or a count "
      + "from 1 to \(grouped(SweepLimits.seeds))",
    defaultText: "the scenario's seed",
    help: "The seeds every point runs with; a count n means the scenario's seed s, s + 1, …, "
      + "s + n − 1.")
  static let runs = Field.integer(
    "runs", in: 1...SweepLimits.runs, default: 1,
    help: "Replications per point and seed (the `run` column, 0, 1, …): the same seed, other "
      + "random streams.")
  static let mode = Field.choice(
    "mode", from: SweepMode.allCases.map(\.rawValue), default: SweepMode.auto.rawValue,
    help: "`compare` runs each point's blockchain scheme with its vanilla twin, `run` the "
      + "scenario's scheme alone, `auto` compares points that have a chain and runs the others.")
  static let traces = Field.string(
    "traces",
    accepts: "\"all\", \"light\", or a comma-separated list of: "
      + TraceSelection.known.joined(separator: ", "),
    default: "light",
    help: "The trace files each run writes (`light`: \(TraceSelection.light)); `--traces` "
      + "overrides it."
  ) { text in
    do throws(TraceSelectionError) {
      _ = try TraceSelection(parsing: text)
      return nil
    } catch {
      return error.message
    }
  }

  static let schema = ObjectSchema(
    path: "(sweep file)", summary: "A sweep file: one JSON object.",
    rows: [
      scenario.row, description.row, grid.row, zip.row, seeds.row, runs.row, mode.row,
      traces.row,
    ])
}

/// The largest sweeps accepted: far beyond what a machine runs, but small enough that planning
/// one never exhausts memory.
enum SweepLimits {
  static let points = 100_000
  static let seeds = 10_000
  static let runs = 10_000
  /// Points × seeds × runs.
  static let totalRuns = 1_000_000
}
