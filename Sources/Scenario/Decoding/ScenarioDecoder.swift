import Platform
import SimCore
import Traces

/// Turns scenario text into a validated `ScenarioSpec`, or the first error found, described with
/// file, line, field path, value and what is accepted. Every object is read against its table in
/// `Scenario/Schema/`.
public enum ScenarioDecoder {
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
    return try decode(root, file: file, baseDirectory: baseDirectory)
  }

  /// Decodes a scenario already parsed (a sweep point: the base scenario with its swept values
  /// set).
  public static func decode(_ root: JSONValue, file: String, baseDirectory: String? = nil)
    throws(ScenarioError) -> ScenarioSpec
  {
    let reader = try ObjectReader(root, schema: ScenarioSchema.schema, path: "", file: file)
    let name = try reader.value(ScenarioSchema.name)
    _ = try reader.read(ScenarioSchema.description)
    let seed = try reader.value(ScenarioSchema.seed)
    let sharingName = try reader.value(ScenarioSchema.sharing)
    let sharing = SharingPolicy(rawValue: sharingName) ?? .cm02
    let rateText = try reader.value(ScenarioSchema.rateUpdate)
    // The field's check admits only "exact" or a parsable positive interval.
    let rateUpdate =
      SimDuration(parsing: rateText).map { RateUpdatePolicy.batched(interval: $0) } ?? .exact
    guard let topologyValue = try reader.read(ScenarioSchema.topology) else {
      throw .missingField(
        file: file, line: root.line, path: "topology", expected: ScenarioSchema.topology.accepts)
    }
    let topology = try TopologyDecoder.decode(
      topologyValue, path: "topology", file: file, seed: seed, baseDirectory: baseDirectory)
    guard let workloadValue = try reader.read(ScenarioSchema.workload) else {
      throw .missingField(
        file: file, line: root.line, path: "workload", expected: ScenarioSchema.workload.accepts)
    }
    let workload = try WorkloadDecoder.decode(
      workloadValue, path: "workload", file: file, topology: topology,
      baseDirectory: baseDirectory)
    var validators: [NodeID] = []
    if case .fedavg(let fedavg) = workload, let chain = fedavg.chain {
      validators = chain.validators
    }
    let faults = try FaultDecoder.decode(
      reader, topology: topology, validators: validators, baseDirectory: baseDirectory)
    var outputDirectory: String?
    if let output = try reader.object(ScenarioSchema.output, schema: ScenarioSchema.outputSchema) {
      outputDirectory = try output.read(ScenarioSchema.directory)
    }
    return ScenarioSpec(
      name: name, seed: seed, sharing: sharing, rateUpdate: rateUpdate, topology: topology,
      workload: workload, faults: faults,
      outputDirectory: outputDirectory, source: root)
  }
}
