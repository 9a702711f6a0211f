import Learning
import Platform
import Schemes
import SimCore
import Traces

/// Decodes what a FedAvg workload's scheme is made of: `workload.scheme` (the preset),
/// `workload.stages` (overrides of the preset's stages) and `workload.behaviours` (who
/// misbehaves, from which round), and checks that they fit the workload's chain and training.
///
/// The rules between fields, each an error at the field to change:
/// - `bcfl` and `ll-bcfl` run on a chain, so they need `workload.chain`; `fedavg` has a server,
///   so it refuses one. Without `scheme`, a chain means `bcfl` and no chain `fedavg`.
/// - Validation other than `none` is done by a chain's validators: without a chain it is refused.
/// - Accuracy validation and attacks work on real updates: with placeholder training they are
///   refused (silent clients and norm validation are fine).
enum SchemeDecoder {
  typealias Schema = SchemeSchema

  /// The decoded composition of a FedAvg workload's scheme.
  struct Composition {
    var preset: SchemePreset
    var stages: StageChoices
    /// Where `workload.stages` is, or the workload when it is absent.
    var stagesLocation: ScenarioSpec.SourceLocation
    var behaviours: BehaviourPlan
  }

  /// The preset, its stages after the overrides, and the behaviours of the FedAvg workload read
  /// by `fedavg`, whose chain (if any) and training are already decoded.
  static func decode(
    _ fedavg: ObjectReader, training: ScenarioSpec.TrainingSpec, hasChain: Bool,
    clients: [NodeID], topology: Topology
  ) throws(ScenarioError) -> Composition {
    let preset = try decodePreset(fedavg, hasChain: hasChain)
    var stages = preset.stages(aggregation: training.aggregation)
    let overrides = try fedavg.object(WorkloadSchema.stages, schema: Schema.stagesSchema)
    if let overrides {
      if let selection = try overrides.read(Schema.selection) { stages.selection = selection }
      if let privacy = try overrides.read(Schema.privacy) { stages.privacy = privacy }
      if let validation = try overrides.read(Schema.validation) { stages.validation = validation }
      if let aggregation = try overrides.read(Schema.aggregation) {
        stages.aggregation = aggregation
      }
    }
    try checkValidation(
      stages.validation, preset: preset, overrides: overrides, fedavg: fedavg, hasChain: hasChain,
      training: training)
    let behaviours = try decodeBehaviours(
      fedavg, training: training, clients: clients, topology: topology)
    let location = ScenarioSpec.SourceLocation(
      file: fedavg.file, line: fedavg.line(of: WorkloadSchema.stages),
      path: fedavg.path(of: WorkloadSchema.stages))
    return Composition(
      preset: preset, stages: stages, stagesLocation: location, behaviours: behaviours)
  }

  // MARK: - Preset

  /// `workload.scheme`, or its default, checked against the presence of a chain.
  static func decodePreset(_ fedavg: ObjectReader, hasChain: Bool) throws(ScenarioError)
    -> SchemePreset
  {
    guard let name = try fedavg.read(WorkloadSchema.scheme) else {
      return hasChain ? .bcfl : .fedavg
    }
    // The field admits only the presets' raw values.
    let preset = SchemePreset(rawValue: name) ?? .fedavg
    if preset.needsChain && !hasChain {
      throw fedavg.violation(
        WorkloadSchema.scheme, value: "\"\(name)\"",
        accepted:
          "\"\(name)\" runs on a chain, so it needs `workload.chain`: add one, or use \"fedavg\"")
    }
    if !preset.needsChain && hasChain {
      throw fedavg.violation(
        WorkloadSchema.scheme, value: "\"\(name)\"",
        accepted:
          "\"bcfl\" or \"ll-bcfl\" with a chain, or remove `workload.chain` (\"\(name)\" has a "
          + "server)")
    }
    return preset
  }

  // MARK: - Rules between fields

  /// Refuses a validation stage the workload cannot run: any but `none` without a chain, and
  /// one that needs held-out data (accuracy) with placeholder training. The error is at
  /// `workload.stages.validation` when that is where the stage came from, else at
  /// `workload.scheme` (the preset's stage).
  static func checkValidation(
    _ validation: ValidationSpec, preset: SchemePreset, overrides: ObjectReader?,
    fedavg: ObjectReader, hasChain: Bool, training: ScenarioSpec.TrainingSpec
  ) throws(ScenarioError) {
    let given = overrides.flatMap { $0.has(Schema.validation) ? $0 : nil }
    let written = given?.member(Schema.validation.name)?.excerpt ?? "\"\(validation)\""
    // Without a chain the preset is `fedavg`, which validates nothing: only an override can
    // ask for validation there.
    if let given, validation != .none, !hasChain {
      throw given.violation(
        Schema.validation, value: written,
        accepted:
          "\"none\" without a chain: validation is done by a chain's validators (add "
          + "`workload.chain`, with scheme \"bcfl\" or \"ll-bcfl\")")
    }
    guard validation.needsValidationData, case .placeholder = training else { return }
    if let given {
      throw given.violation(
        Schema.validation, value: written,
        accepted:
          "\"none\" or \"norm:bound=B\" with placeholder training: accuracy validation needs a "
          + "real model (or use a learning training)")
    }
    throw fedavg.violation(
      WorkloadSchema.scheme, value: "\"\(preset)\"",
      accepted:
        "with placeholder training, set `workload.stages.validation` to \"none\" or "
        + "\"norm:bound=B\": \"\(preset)\" validates updates by accuracy (\(validation)), which "
        + "needs a real model (or use a learning training)")
  }

  // MARK: - Behaviours

  /// `workload.behaviours`: the rules in array order (a later one wins), each naming clients of
  /// the workload by node id, mapped to `ClientID`s by position in `clients`.
  static func decodeBehaviours(
    _ fedavg: ObjectReader, training: ScenarioSpec.TrainingSpec, clients: [NodeID],
    topology: Topology
  ) throws(ScenarioError) -> BehaviourPlan {
    guard let items = try fedavg.array(WorkloadSchema.behaviours) else {
      return .everyoneHonest
    }
    // Only looked up, never iterated: hash order cannot reach the plan.
    var position: [NodeID: Int] = [:]
    for (index, client) in clients.enumerated() { position[client] = index }
    var rules: [BehaviourPlan.Rule] = []
    for (i, item) in items.enumerated() {
      let rule = try ObjectReader(
        item, schema: Schema.behaviourSchema, path: fedavg.fieldPath("behaviours[\(i)]"),
        file: fedavg.file)
      let named = try behaviourClients(rule, position: position, topology: topology)
      let conduct = try rule.value(Schema.attack)
      if case .placeholder = training, conduct != .honest, conduct != .silent {
        throw rule.violation(
          Schema.attack, value: rule.member(Schema.attack.name)?.excerpt ?? "\"\(conduct)\"",
          accepted:
            "\"silent\" or \"honest\" with placeholder training: attacks transform real "
            + "updates, so use a learning training")
      }
      rules.append(
        BehaviourPlan.Rule(
          clients: named, conduct: conduct, fromRound: try rule.value(Schema.fromRound)))
    }
    return BehaviourPlan(rules: rules)
  }

  /// The clients one behaviour names: a non-empty list of distinct node ids, each a client of the
  /// workload (`position` gives each client's index in `workload.clients`).
  static func behaviourClients(
    _ rule: ObjectReader, position: [NodeID: Int], topology: Topology
  ) throws(ScenarioError) -> [ClientID] {
    let field = Schema.behaviourClients
    guard let names = try rule.array(field) else {
      throw .missingField(
        file: rule.file, line: rule.value.line, path: rule.path(of: field),
        expected: field.accepts)
    }
    if names.isEmpty {
      throw rule.violation(field, value: "[]", accepted: "at least one client's node id")
    }
    // The distinct nodes, each checked and named by its position as any node list is.
    let nodes = try WorkloadDecoder.nodeList(field, in: rule, topology: topology) ?? []
    var found: [ClientID] = []
    for (j, node) in nodes.enumerated() {
      guard let index = position[node] else {
        let value = names[j]
        throw .invalidValue(
          file: rule.file, line: value.line, path: rule.fieldPath("\(field.name)[\(j)]"),
          value: value.excerpt,
          accepted:
            "a client of this workload (see `workload.clients`); "
            + "`\(topology.nodes[node.index].name)` is not one")
      }
      found.append(ClientID(index))
    }
    return found
  }
}
