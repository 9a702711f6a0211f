import Platform
import SimCore
import Traces

/// The target lists of faults: a partition's groups, a loss fault's links, a random process's
/// nodes or links.
extension FaultDecoder {
  /// The node and link IDs the faults' target lists hold so far, against
  /// `ScenarioLimits.faultMembers`: `"rest"` and `"all"` resolve a few bytes of scenario to a
  /// whole topology, so the file size alone does not bound them.
  struct MemberBudget {
    private(set) var used = 0

    /// Counts `count` more IDs for `field` of `entry`, or throws there naming the limit.
    mutating func spend<Value>(_ count: Int, for field: Field<Value>, of entry: ObjectReader)
      throws(ScenarioError)
    {
      if count > ScenarioLimits.faultMembers - used {
        throw entry.violation(
          field, value: "\(grouped(used + count)) node and link IDs with the faults before it",
          accepted:
            "at most \(grouped(ScenarioLimits.faultMembers)) node and link IDs across every "
            + "partition's groups, every loss fault's links and every random process's nodes or "
            + "links, with \"\(Schema.rest)\", \"\(Schema.allLinks)\" and roles resolved "
            + "(README, Limits)")
      }
      used += count
    }
  }

  // MARK: - Partition

  /// The groups of a partition: two or more, each a non-empty array of node ids or `["rest"]`;
  /// disjoint, and together every node. Explicit groups keep their written order; `"rest"`
  /// becomes the nodes no other group names, in ascending `NodeID` order.
  /// - Complexity: O(nodes + names written).
  static func partitionGroups(
    _ entry: ObjectReader, topology: Topology, budget: inout MemberBudget
  ) throws(ScenarioError) -> [[NodeID]] {
    let field = Schema.partition
    let file = entry.file
    guard let groups = try entry.array(field) else {
      throw .missingField(
        file: file, line: entry.value.line, path: entry.path(of: field), expected: field.accepts)
    }
    if groups.count < 2 {
      throw entry.violation(
        field, value: groups.count == 1 ? "1 group" : "no groups",
        accepted:
          "at least two groups: a partition cuts the links between groups (write [\"\(Schema.rest)\"] "
          + "for every node not named)")
    }
    // Resolved, the groups cover every node exactly once.
    try budget.spend(topology.nodes.count, for: field, of: entry)
    // Where each node is first named, as `partition[g][k]`; indexed by `NodeID.index`.
    var namedAt = [String?](repeating: nil, count: topology.nodes.count)
    var resolved: [[NodeID]] = []
    var rest: (group: Int, path: String, value: JSONValue)?
    for (g, groupValue) in groups.enumerated() {
      let groupPath = entry.fieldPath("\(field.name)[\(g)]")
      let groupAccepts = "a non-empty array of node ids, or [\"\(Schema.rest)\"]"
      guard case .array(let names) = groupValue.kind else {
        throw .wrongType(
          file: file, line: groupValue.line, path: groupPath, found: groupValue.typeDescription,
          expected: groupAccepts)
      }
      if names.isEmpty {
        throw .invalidValue(
          file: file, line: groupValue.line, path: groupPath, value: "[]",
          accepted: "\(groupAccepts): an empty group cuts nothing off")
      }
      var group: [NodeID] = []
      for (k, nameValue) in names.enumerated() {
        let path = "\(groupPath)[\(k)]"
        guard case .string(let name) = nameValue.kind else {
          throw .wrongType(
            file: file, line: nameValue.line, path: path, found: nameValue.typeDescription,
            expected: "a node id, or \"\(Schema.rest)\"")
        }
        if name == Schema.rest {
          if names.count > 1 {
            throw .invalidValue(
              file: file, line: nameValue.line, path: path, value: nameValue.excerpt,
              accepted:
                "\"\(Schema.rest)\" alone in its group: it stands for every node no other group "
                + "names")
          }
          if let rest {
            throw .invalidValue(
              file: file, line: nameValue.line, path: path, value: nameValue.excerpt,
              accepted: "\"\(Schema.rest)\" at most once; \(rest.path) is already the rest")
          }
          rest = (g, path, nameValue)
          continue
        }
        guard let node = topology.node(named: name) else {
          throw .unknownReference(
            file: file, line: nameValue.line, path: path, name: name, kind: "node")
        }
        if let first = namedAt[node.id.index] {
          throw .invalidValue(
            file: file, line: nameValue.line, path: path, value: nameValue.excerpt,
            accepted: "each node in one group only; `\(name)` is already \(first)")
        }
        namedAt[node.id.index] = path
        group.append(node.id)
      }
      resolved.append(group)
    }
    let unnamed = topology.nodes.indices.filter { namedAt[$0] == nil }.map { NodeID($0) }
    if let rest {
      if unnamed.isEmpty {
        throw .invalidValue(
          file: file, line: rest.value.line, path: rest.path, value: rest.value.excerpt,
          accepted:
            "a group of the nodes no other group names, but the other groups name every node; "
            + "remove [\"\(Schema.rest)\"]")
      }
      resolved[rest.group] = unnamed
    } else if let first = unnamed.first {
      let more = unnamed.count > 1 ? " (and \(grouped(unnamed.count - 1)) more)" : ""
      throw entry.violation(
        field, value: "\(groups.count) groups",
        accepted:
          "groups that together name every node; `\(topology.nodes[first.index].name)`\(more) "
          + "is in none: add it to a group, or add a group [\"\(Schema.rest)\"]")
    }
    return resolved
  }

  // MARK: - Links and nodes

  /// The links under `field` (a loss fault's or a linkDown process's `links`): `"all"` (every
  /// link, in ascending `LinkID` order) or a non-empty array of distinct link ids, in written
  /// order.
  static func linkList(
    _ field: Field<JSONValue>, in entry: ObjectReader, topology: Topology,
    budget: inout MemberBudget
  ) throws(ScenarioError) -> [LinkID] {
    let file = entry.file
    guard let value = try entry.read(field) else {
      throw .missingField(
        file: file, line: entry.value.line, path: entry.path(of: field), expected: field.accepts)
    }
    switch value.kind {
    case .string(let text):
      guard text == Schema.allLinks else {
        throw .invalidValue(
          file: file, line: value.line, path: entry.path(of: field), value: value.excerpt,
          accepted: "expected \(field.accepts)")
      }
      if topology.links.isEmpty {
        throw entry.violation(
          field, value: value.excerpt,
          accepted: "a topology with links: \"\(Schema.allLinks)\" names none here")
      }
      try budget.spend(topology.links.count, for: field, of: entry)
      return topology.links.map(\.id)
    case .array(let names):
      if names.isEmpty {
        throw entry.violation(
          field, value: "[]", accepted: "at least one link id, or \"\(Schema.allLinks)\"")
      }
      try budget.spend(names.count, for: field, of: entry)
      return try entry.distinctIDs(names, under: field.name, kind: "link") {
        topology.link(named: $0)?.id
      }
    default:
      throw .wrongType(
        file: file, line: value.line, path: entry.path(of: field), found: value.typeDescription,
        expected: field.accepts)
    }
  }

  /// The nodes under `field` (a crash process's `nodes`): a non-empty array of distinct node ids,
  /// in written order.
  static func nodeList(
    _ field: Field<JSONValue>, in entry: ObjectReader, topology: Topology,
    budget: inout MemberBudget
  ) throws(ScenarioError) -> [NodeID] {
    guard let names = try entry.array(field) else {
      throw .missingField(
        file: entry.file, line: entry.value.line, path: entry.path(of: field),
        expected: field.accepts)
    }
    if names.isEmpty {
      throw entry.violation(field, value: "[]", accepted: "at least one node id")
    }
    try budget.spend(names.count, for: field, of: entry)
    return try entry.distinctIDs(names, under: field.name, kind: "node") {
      topology.node(named: $0)?.id
    }
  }
}
