import Faults
import Platform
import SimCore
import Traces

/// Decodes the scenario's top-level `faults` list into a `FaultPlan`, in list order, with node and
/// link names resolved against the topology and availability traces read from their files.
///
/// An entry's kind is the one kind key it holds (`FaultSchema.Kind`); the entry is then read
/// against that kind's table, so a field of another kind (`slowdown` on a crash) is an unknown
/// field. The rules between fields and entries, each an error at the field to change:
/// - a window ends after it starts (`until` > `from`; `for` is positive by its range);
/// - a partition has at least two groups that, once `"rest"` is resolved, are disjoint and cover
///   every node (`"rest"` is always the keyword, even in a topology with a node called so);
/// - a byzantine validator is one of the chain's validators, in a scenario with a chain;
/// - a random process names its elements by `role` or by a list (`nodes` for crashes, `links` for
///   link-downs), not both, and they are not empty;
/// - an availability trace names one `node` or one `link`, and its file is a valid state file
///   (`FaultDecoder+Availability.swift`);
/// - two crashes of one node, two link-downs of one link, two straggler windows of one node, or
///   two byzantine windows of one validator do not overlap (windows are half-open: one may start
///   when the other ends); random processes and traces compose with everything;
/// - the list, the IDs its partitions, loss faults and random processes resolve to, and the trace
///   files it reads stay within `ScenarioLimits` and `FaultSchema`'s trace limits.
enum FaultDecoder {
  typealias Schema = FaultSchema

  /// What decoding one entry needs besides the entry, and what the entries share.
  struct Context {
    let topology: Topology
    /// The chain's validators, empty in a scenario without a chain.
    let validators: [NodeID]
    /// Where relative trace paths are looked up (the current folder when nil).
    let baseDirectory: String?
    var budget = MemberBudget()
    /// Each trace file read so far, by resolved path, so that a file several entries name is
    /// read once; looked up only, never iterated.
    var traces: [String: StateFile] = [:]
    /// The bytes of trace text read so far.
    var traceBytes = 0
  }

  /// The faults of the top-level object read by `scenario`; `.none` when it lists none.
  /// `validators` are the chain's (empty without a chain); relative trace paths are looked up in
  /// `baseDirectory`, the scenario file's folder (the current folder when nil).
  /// - Complexity: O(n log n) in the entries, plus the IDs partitions, loss faults and random
  ///   processes resolve to (at most `ScenarioLimits.faultMembers`) and the trace text read.
  static func decode(
    _ scenario: ObjectReader, topology: Topology, validators: [NodeID] = [],
    baseDirectory: String? = nil
  ) throws(ScenarioError) -> FaultPlan {
    guard let items = try scenario.array(ScenarioSchema.faults), !items.isEmpty else {
      return .none
    }
    try TopologyDecoder.checkCount(
      items.count, of: ScenarioSchema.faults.name, limit: ScenarioLimits.faults, in: scenario)
    var context = Context(
      topology: topology, validators: validators, baseDirectory: baseDirectory)
    var faults: [Fault] = []
    faults.reserveCapacity(items.count)
    for (i, item) in items.enumerated() {
      let (kind, entry) = try reader(for: item, index: i, in: scenario)
      faults.append(try decodeEntry(entry, as: kind, context: &context))
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

  /// The fault `entry`, of kind `kind`, describes; `context` counts the IDs it resolves to and
  /// keeps the trace files it reads.
  static func decodeEntry(
    _ entry: ObjectReader, as kind: Schema.Kind, context: inout Context
  ) throws(ScenarioError) -> Fault {
    let topology = context.topology
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
      let groups = try partitionGroups(entry, topology: topology, budget: &context.budget)
      return .partition(
        groups: groups, at: try entry.value(Schema.at), duration: try entry.read(Schema.duration))
    case .straggler:
      let node = try requiredNode(Schema.straggler, in: entry, topology: topology)
      let (from, until) = try window(entry)
      return .straggler(
        node: node, from: from, until: until, slowdown: try entry.value(Schema.slowdown))
    case .loss:
      let rate = try entry.value(Schema.loss)
      let links = try linkList(
        Schema.links, in: entry, topology: topology, budget: &context.budget)
      let (from, until) = try window(entry)
      return .loss(links: links, from: from, until: until, rate: rate)
    case .byzantineValidator:
      return try byzantineValidator(entry, context: context)
    case .random:
      return .random(try randomProcess(entry, topology: topology, budget: &context.budget))
    case .availability:
      return .availability(try availabilityTrace(entry, context: &context))
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

  /// The `from` (read as `fromField`) and `until` of `entry`: a window that ends after it starts,
  /// or never.
  static func window(_ entry: ObjectReader, from fromField: Field<SimDuration> = Schema.from)
    throws(ScenarioError) -> (from: SimDuration, until: SimDuration?)
  {
    let from = try entry.value(fromField)
    guard let until = try entry.read(Schema.until) else { return (from, nil) }
    if until <= from {
      throw entry.violation(
        Schema.until, value: entry.member(Schema.until.name)?.excerpt ?? "\"\(until)\"",
        accepted: "a time after `from` (\(from)): a window ends after it starts")
    }
    return (from, until)
  }
}
