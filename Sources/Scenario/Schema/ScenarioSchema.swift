import Platform
import SimCore
import Traces

/// The top level of a scenario file.
enum ScenarioSchema {
  static let name = Field.string(
    "name",
    accepts: "a folder name of 1 to 200 bytes: no `/` or control characters, not starting with `.`",
    default: "scenario", help: "Names the run; the default output folder is `traces/<name>/`."
  ) { name in
    name.isEmpty || name.contains("/") || name.hasPrefix(".")
      || name.unicodeScalars.contains { $0.properties.generalCategory == .control }
      || name.utf8.count > 200
      ? "the name becomes a folder name: 1 to 200 bytes, no `/` or control characters, "
        + "not starting with `.`" : nil
  }
  static let description = Field.string(
    "description", default: "", help: "Free text for people; the simulator ignores it.",
    defaultText: "none")
  static let seed = Field<UInt64>.integer(
    "seed", in: 0...UInt64(Int64.max), default: 1,
    help: "Seeds every random stream of the run; `--seed` overrides it.")
  static let sharing = Field.choice(
    "sharing", from: SharingPolicy.allCases.map(\.rawValue), default: SharingPolicy.cm02.rawValue,
    help: "How flows share a bottleneck: SimGrid's CM02 (weighted by route latency) or equal.")
  static let rateUpdate = Field.string(
    "rateUpdate",
    accepts:
      "\"exact\", or a duration from 1ns to \(ScenarioLimits.rateUpdateInterval) such as \"1ms\"",
    default: "exact",
    help: "When bandwidth shares are re-solved: at every flow start or finish, or at most once "
      + "per interval (README, Network model)."
  ) { text in
    if text == "exact" { return nil }
    guard let interval = SimDuration(parsing: text), interval > .zero,
      interval <= ScenarioLimits.rateUpdateInterval
    else {
      return "expected \"exact\" (re-solve shares at every flow start or finish) or a duration "
        + "from 1ns to \(ScenarioLimits.rateUpdateInterval) such as \"1ms\" (re-solve at most "
        + "once per interval; README, Network model)"
    }
    return nil
  }
  static let topology = Field.structure(
    "topology", accepts: "an object with nodes and links, a generator, or a graphml file",
    defaultText: "required", help: "The platform: see `topology`.")
  static let workload = Field.structure(
    "workload", accepts: "an object with a kind: transfers or fedavg", defaultText: "required",
    help: "What runs on the platform: see `workload`.")
  static let faults = Field.structure(
    "faults",
    accepts: "an array of fault objects, each with one of the keys crash, linkDown, "
      + "partition, straggler or loss", defaultText: "none (no faults)",
    help: "Faults injected at simulated instants, the same in both twins of a pair: see "
      + "`faults[] (…)` and README, Faults.")
  static let output = Field.structure(
    "output", accepts: "an object", defaultText: "none", help: "Where traces go: see `output`.")

  static let schema = ObjectSchema(
    path: "", summary: "The scenario file: one JSON object.",
    rows: [
      name.row, description.row, seed.row, sharing.row, rateUpdate.row, topology.row,
      workload.row, faults.row, output.row,
    ])

  // MARK: - output

  static let directory = Field.string(
    "directory", accepts: "a folder path, not empty", default: nil,
    help: "The output folder; `--out` overrides it.", defaultText: "`traces/<name>/`"
  ) { $0.isEmpty ? "the output folder cannot be empty" : nil }

  static let outputSchema = ObjectSchema(
    path: "output", summary: "Where a run writes its traces.", rows: [directory.row])

  /// Every object schema of a scenario, in the order the README documents them.
  static var all: [ObjectSchema] {
    [schema, outputSchema] + TopologySchema.all + GeneratorSchema.all + [GraphMLSchema.schema]
      + WorkloadSchema.all + [ChainSchema.schema] + SchemeSchema.all + FaultSchema.all
  }
}
