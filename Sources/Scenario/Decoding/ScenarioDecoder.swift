import Platform
import SimCore
import Traces

/// Turns scenario text into a validated `ScenarioSpec`, or the first error found, described with
/// file, line, field path, value and what is accepted.
public enum ScenarioDecoder {
  static let topFields = [
    "name", "seed", "sharing", "rateUpdate", "topology", "workload", "output", "description",
  ]

  /// Decodes the scenario in `text`; `file` names it in errors; files the scenario refers to by
  /// relative path are looked up in `baseDirectory` (the current folder when nil).
  public static func decode(_ text: String, file: String, baseDirectory: String? = nil)
    throws(ScenarioError)
    -> ScenarioSpec
  {
    let root: JSONValue
    do {
      root = try JSONParser.parse(text)
    } catch {
      throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
    }
    let reader = try ObjectReader(root, path: "", file: file)
    try reader.rejectUnknownFields(allowed: topFields)
    let name = try reader.string("name") ?? "scenario"
    if name.isEmpty || name.contains("/") || name.hasPrefix(".") {
      throw .invalidValue(
        file: file, line: reader.optional("name")!.line, path: "name", value: "\"\(name)\"",
        accepted: "the name becomes a folder name: no `/`, not empty, not starting with `.`")
    }
    let seed = UInt64(try reader.integer("seed", in: 0...Int64.max) ?? 1)
    let sharingName = try reader.choice("sharing", from: SharingPolicy.allCases.map(\.rawValue))
    let sharing = sharingName.flatMap(SharingPolicy.init(rawValue:)) ?? .cm02
    var rateUpdate = RateUpdatePolicy.exact
    if let value = reader.optional("rateUpdate") {
      // "exact", or the positive interval of a batched re-solve.
      guard case .string(let text) = value.kind,
        text == "exact" || (SimDuration(parsing: text).map { $0 > .zero } ?? false)
      else {
        throw .invalidValue(
          file: file, line: value.line, path: "rateUpdate", value: value.excerpt,
          accepted:
            "\"exact\" (re-solve shares at every flow start or finish) or a positive duration "
            + "such as \"1ms\" (re-solve at most once per interval; README, Network model)")
      }
      if text != "exact" { rateUpdate = .batched(interval: SimDuration(parsing: text)!) }
    }
    guard let topologyReader = try reader.object("topology") else {
      throw .missingField(
        file: file, line: root.line, path: "topology",
        expected: "an object with nodes and links, a generator, or a graphml file")
    }
    let topology = try TopologyDecoder.decode(
      topologyReader, seed: seed, baseDirectory: baseDirectory)
    guard let workloadReader = try reader.object("workload") else {
      throw .missingField(
        file: file, line: root.line, path: "workload",
        expected: "an object with a kind: transfers or fedavg")
    }
    let workload = try WorkloadDecoder.decode(
      workloadReader, topology: topology, baseDirectory: baseDirectory)
    var outputDirectory: String?
    if let output = try reader.object("output") {
      try output.rejectUnknownFields(allowed: ["directory"])
      outputDirectory = try output.string("directory")
    }
    return ScenarioSpec(
      name: name, seed: seed, sharing: sharing, rateUpdate: rateUpdate, topology: topology,
      workload: workload,
      outputDirectory: outputDirectory, source: root)
  }
}
