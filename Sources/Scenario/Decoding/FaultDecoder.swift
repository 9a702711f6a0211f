import Faults
import Platform
import SimCore
import Traces

/// Decodes the scenario's top-level `faults` list into a `FaultPlan`, in list order, with node and
/// link names resolved against the topology.
///
/// An entry's kind is the one kind key it holds (`FaultSchema.Kind`); the entry is then read
/// against that kind's table, so a field of another kind (`slowdown` on a crash) is an unknown
/// field. The rules between fields and entries, each an error at the field to change:
/// - a window ends after it starts (`until` > `from`; `for` is positive by its range);
/// - a partition has at least two groups that, once `"rest"` is resolved, are disjoint and cover
///   every node (`"rest"` is always the keyword, even in a topology with a node called so);
/// - two crashes of one node, two link-downs of one link, or two straggler windows of one node do
///   not overlap (windows are half-open: one may start when the other ends);
/// - the list and the IDs its partitions and loss faults resolve to stay within `ScenarioLimits`.
enum FaultDecoder {
  typealias Schema = FaultSchema

  /// The faults of the top-level object read by `scenario`; `.none` when it lists none.
  /// - Complexity: O(n log n) in the entries, plus the IDs partitions and loss faults resolve to
  ///   (at most `ScenarioLimits.faultMembers`).
  static func decode(
    _ scenario: ObjectReader, topology: Topology, validators: [NodeID] = []
  ) throws(ScenarioError) -> FaultPlan {
    guard let items = try scenario.array(ScenarioSchema.faults), !items.isEmpty else {
      return .none
    }
    try TopologyDecoder.checkCount(
      items.count, of: ScenarioSchema.faults.name, limit: ScenarioLimits.faults, in: scenario)
    var budget = MemberBudget()
    var faults: [Fault] = []
    faults.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      let (kind, entry) = try reader(for: item, index: i, in: scenario)
      let fault = try decodeEntry(entry, as: kind, topology: topology, budget: &budget)
      // The consensus engines do not react to a crashed validator yet: refuse rather than run a
      // chain whose crashed validator keeps its state machine going.
      if case .crash(let node, _, _) = fault, validators.contains(node) {
        throw entry.violation(
          Schema.crash, value: "\"\(topology.nodes[node.index].name)\"",
          accepted:
            "a node that is not one of the chain's validators: crashing a validator is not "
            + "modelled yet (partitions and link faults around validators are)")
      }
      faults.append(fault)
    }
    try checkOverlaps(faults, items: items, in: scenario, topology: topology)
    return FaultPlan(faults: faults)
  }

  /// The kind of entry `index`, told by the one kind key it holds, and a reader for the entry
  /// against that kind's table.
  static func reader(for item: JSONValue, index: Int, in scenario: ObjectReader)
    throws(ScenarioError) -> (kind: Schema.Kind, entry: ObjectReader)
  {
    let path = scenario.fieldPath("\(ScenarioSchema.faults.name)[\(index)]")
    let members = try ObjectReader.members(of: item, path: path, file: scenario.file)
    let kinds = members.compactMap { member in
      Schema.Kind.allCases.first { $0.key == member.key }.map { (kind: $0, value: member.value) }
    }
    guard let kind = kinds.first?.kind else {
      throw .invalidValue(
        file: scenario.file, line: item.line, path: path, value: item.excerpt,
        accepted:
          "expected an entry with one of the keys \(Schema.kindKeys), which says the fault's kind")
    }
    if kinds.count > 1 {
      let extra = kinds[1]
      throw .invalidValue(
        file: scenario.file, line: extra.value.line, path: "\(path).\(extra.kind.key)",
        value: extra.value.excerpt,
        accepted:
          "one kind per entry, and this one is a \(kind.key) already: exactly one of the keys "
          + "\(Schema.kindKeys); write a second entry for the second fault")
    }
    return (kind, try ObjectReader(item, schema: kind.schema, path: path, file: scenario.file))
  }

  /// The fault `entry`, of kind `kind`, describes; `budget` counts the IDs partitions and loss
  /// faults resolve to.
  static func decodeEntry(
    _ entry: ObjectReader, as kind: Schema.Kind, topology: Topology, budget: inout MemberBudget
  ) throws(ScenarioError) -> Fault {
    switch kind {
    case .crash:
      let node = try requiredNode(Schema.crash, in: entry, topology: topology)
      return .crash(
        node: node, at: try entry.value(Schema.at), duration: try entry.read(Schema.duration))
    case .linkDown:
      let link = try requiredLink(Schema.linkDown, in: entry, topology: topology)
      return .linkDown(
        link: link, at: try entry.value(Schema.at), duration: try entry.read(Schema.duration))
    case .partition:
      let groups = try partitionGroups(entry, topology: topology, budget: &budget)
      return .partition(
        groups: groups, at: try entry.value(Schema.at), duration: try entry.read(Schema.duration))
    case .straggler:
      let node = try requiredNode(Schema.straggler, in: entry, topology: topology)
      let (from, until) = try window(entry)
      return .straggler(
        node: node, from: from, until: until, slowdown: try entry.value(Schema.slowdown))
    case .loss:
      let rate = try entry.value(Schema.loss)
      let links = try lossLinks(entry, topology: topology, budget: &budget)
      let (from, until) = try window(entry)
      return .loss(links: links, from: from, until: until, rate: rate)
    }
  }

  // MARK: - Targets and windows

  /// The node `field` names, which must be given and exist.
  static func requiredNode(_ field: Field<String>, in entry: ObjectReader, topology: Topology)
    throws(ScenarioError) -> NodeID
  {
    guard let node = try WorkloadDecoder.node(field, in: entry, topology: topology) else {
      throw .missingField(
        file: entry.file, line: entry.value.line, path: entry.path(of: field),
        expected: field.accepts)
    }
    return node
  }

  /// The link `field` names, which must be given and exist.
  static func requiredLink(_ field: Field<String>, in entry: ObjectReader, topology: Topology)
    throws(ScenarioError) -> LinkID
  {
    guard let name = try entry.read(field) else {
      throw .missingField(
        file: entry.file, line: entry.value.line, path: entry.path(of: field),
        expected: field.accepts)
    }
    guard let link = topology.link(named: name) else {
      throw .unknownReference(
        file: entry.file, line: entry.line(of: field), path: entry.path(of: field), name: name,
        kind: "link")
    }
    return link.id
  }

  /// The `from` and `until` of `entry`: a window that ends after it starts, or never.
  static func window(_ entry: ObjectReader) throws(ScenarioError)
    -> (from: SimDuration, until: SimDuration?)
  {
    let from = try entry.value(Schema.from)
    guard let until = try entry.read(Schema.until) else { return (from, nil) }
    if until <= from {
      throw entry.violation(
        Schema.until, value: entry.member(Schema.until.name)?.excerpt ?? "\"\(until)\"",
        accepted: "a time after `from` (\(from)): a window ends after it starts")
    }
    return (from, until)
  }
}
