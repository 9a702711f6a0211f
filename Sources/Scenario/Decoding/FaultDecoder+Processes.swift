import Faults
import Ledger
import Platform
import SimCore
import Traces

/// Byzantine validators and random fault processes.
extension FaultDecoder {
  // MARK: - Byzantine validators

  /// `{"at": "30s", "byzantineValidator": "v2", "conduct": "equivocate", "for": "20s"}`: the node
  /// must be one of the chain's validators, in a scenario with a chain.
  static func byzantineValidator(_ entry: ObjectReader, context: Context) throws(ScenarioError)
    -> Fault
  {
    let field = Schema.byzantineValidator
    let topology = context.topology
    let node = try requiredNode(field, in: entry, topology: topology)
    let shown = entry.member(field.name)?.excerpt ?? "\"\(topology.nodes[node.index].name)\""
    if context.validators.isEmpty {
      throw entry.violation(
        field, value: shown,
        accepted:
          "a validator of the scenario's chain (`workload.chain`), and this scenario has none: "
          + "a byzantine validator misbehaves in the chain's consensus")
    }
    if !context.validators.contains(node) {
      let names = context.validators.prefix(8).map { "`\(topology.nodes[$0.index].name)`" }
      let more =
        context.validators.count > 8 ? " and \(grouped(context.validators.count - 8)) more" : ""
      throw entry.violation(
        field, value: shown,
        accepted:
          "one of the chain's validators: \(names.joined(separator: ", "))\(more)")
    }
    let conductName = try entry.value(Schema.conduct)
    // The field's choices are the conducts' raw values.
    guard let conduct = ValidatorConduct(rawValue: conductName) else {
      preconditionFailure("FaultDecoder: conduct \(conductName) passed its field's check")
    }
    return .byzantineValidator(
      node: node, conduct: conduct, at: try entry.value(Schema.at),
      duration: try entry.read(Schema.duration))
  }

  // MARK: - Random processes

  /// `{"random": "crash", "role": "client", "mtbf": "600s", "mttr": "60s"}`: the elements by
  /// `role` or by list (`nodes` for a crash process, `links` for a linkDown one), the means, and
  /// the window `from` (default 0 s) `until` (default the end of the run).
  static func randomProcess(
    _ entry: ObjectReader, topology: Topology, budget: inout MemberBudget
  ) throws(ScenarioError) -> FaultProcess {
    let isCrash = try entry.value(Schema.random) == "crash"
    let kind = isCrash ? "crash" : "linkDown"
    let listField = isCrash ? Schema.processNodes : Schema.processLinks
    let otherField = isCrash ? Schema.processLinks : Schema.processNodes
    if let other = entry.member(otherField.name) {
      throw entry.violation(
        otherField, value: other.excerpt,
        accepted:
          "`\(Schema.role.name)` or `\(listField.name)`: a \(kind) process "
          + (isCrash ? "crashes nodes" : "takes links down"))
    }
    let targets: FaultProcess.Targets
    if let roleName = try entry.read(Schema.role) {
      if let list = entry.member(listField.name) {
        throw entry.violation(
          listField, value: list.excerpt,
          accepted:
            "either `\(Schema.role.name)` or `\(listField.name)`, not both: the role already "
            + "chooses the elements")
      }
      // The field's choices are the roles' raw values.
      guard let role = NodeRole(rawValue: roleName) else {
        preconditionFailure("FaultDecoder: role \(roleName) passed its field's check")
      }
      targets = try roleTargets(role, isCrash: isCrash, in: entry, topology: topology)
      try budget.spend(targets.count, for: Schema.role, of: entry)
    } else if entry.member(listField.name) != nil {
      targets =
        isCrash
        ? .nodes(try nodeList(listField, in: entry, topology: topology, budget: &budget))
        : .links(try linkList(listField, in: entry, topology: topology, budget: &budget))
    } else {
      throw .missingField(
        file: entry.file, line: entry.value.line, path: entry.path(of: Schema.role),
        expected:
          "`\(Schema.role.name)` (\(Schema.role.accepts)) or `\(listField.name)` "
          + "(\(listField.accepts))")
    }
    let mtbf = try entry.value(Schema.mtbf)
    let mttr = try entry.value(Schema.mttr)
    let (from, until) = try window(entry, from: Schema.processFrom)
    return FaultProcess(
      targets: targets, meanTimeBetweenFailures: mtbf, meanTimeToRepair: mttr, from: from,
      until: until)
  }

  /// The nodes holding `role` (a crash process) or the links with an end holding it (a linkDown
  /// process), in ascending ID order; at least one.
  private static func roleTargets(
    _ role: NodeRole, isCrash: Bool, in entry: ObjectReader, topology: Topology
  ) throws(ScenarioError) -> FaultProcess.Targets {
    let targets: FaultProcess.Targets
    if isCrash {
      targets = .nodes(topology.nodes(withRole: role).map(\.id))
    } else {
      targets = .links(
        topology.links.filter { link in
          topology.nodes[link.a.index].has(role) || topology.nodes[link.b.index].has(role)
        }.map(\.id))
    }
    if targets.count == 0 {
      throw entry.violation(
        Schema.role, value: "\"\(role.rawValue)\"",
        accepted:
          isCrash
          ? "a role some node of the topology holds; none is a \(role.rawValue)"
          : "a role some link's end holds; no link touches a \(role.rawValue)")
    }
    return targets
  }
}

extension FaultProcess.Targets {
  /// How many elements.
  fileprivate var count: Int {
    switch self {
    case .nodes(let nodes): nodes.count
    case .links(let links): links.count
    }
  }
}
