import Platform
import SimCore
import Traces

/// Decodes the `topology` object of a scenario: explicit `nodes` and `links`, a generator, or a
/// GraphML import — then checks the result against `ScenarioLimits`.
enum TopologyDecoder {
  typealias Schema = TopologySchema

  /// The device profile a node gets when it names none: by its first role.
  static func defaultProfile(for roles: [NodeRole]) -> DeviceProfile {
    if roles.contains(.client) { return .smartphone }
    if roles.contains(.server) || roles.contains(.storage) { return .cloudServer }
    return .edgeServer
  }

  /// Explicit nodes and links, a generator, or a GraphML import.
  static func decode(
    _ value: JSONValue, path: String, file: String, seed: UInt64, baseDirectory: String?
  ) throws(ScenarioError) -> Topology {
    let members = try ObjectReader.members(of: value, path: path, file: file)
    if members.contains(where: { $0.key == Schema.generator.name }) {
      return try TopologyGeneratorDecoder.decode(value, path: path, file: file, seed: seed)
    }
    if members.contains(where: { $0.key == Schema.graphml.name }) {
      let reader = try ObjectReader(value, schema: GraphMLSchema.schema, path: path, file: file)
      return try GraphMLTopologyDecoder.decode(reader, baseDirectory: baseDirectory)
    }
    let reader = try ObjectReader(value, schema: Schema.schema, path: path, file: file)
    return try decodeExplicit(reader)
  }

  static func decodeExplicit(_ reader: ObjectReader) throws(ScenarioError) -> Topology {
    let file = reader.file
    var topology = Topology()
    let nodes = try reader.array(Schema.nodes) ?? []
    if nodes.isEmpty {
      throw .missingField(
        file: file, line: reader.value.line, path: reader.path(of: Schema.nodes),
        expected: Schema.nodes.accepts)
    }
    try checkCount(nodes.count, of: "nodes", limit: ScenarioLimits.nodes, in: reader)
    var nodeLines: [String: Int] = [:]
    for (i, item) in nodes.enumerated() {
      let node = try ObjectReader(
        item, schema: Schema.nodeSchema, path: reader.fieldPath("nodes[\(i)]"), file: file)
      let name = try node.value(Schema.nodeID)
      if nodeLines[name] != nil {
        throw .duplicateID(
          file: file, line: item.line, path: node.path(of: Schema.nodeID), id: name)
      }
      nodeLines[name] = item.line
      let roles = try roles(
        try node.array(Schema.roles) ?? [], path: node.path(of: Schema.roles), file: file)
      let profile = try decodeProfile(node, roles: roles)
      let cores = try node.value(Schema.cores)
      topology.addNode(name: name, roles: roles, profile: profile, cores: cores)
    }
    let links = try reader.array(Schema.links) ?? []
    try checkCount(links.count, of: "links", limit: ScenarioLimits.links, in: reader)
    var linkNames: Set<String> = []
    for (i, item) in links.enumerated() {
      let link = try ObjectReader(
        item, schema: Schema.linkSchema, path: reader.fieldPath("links[\(i)]"), file: file)
      let name = try link.value(Schema.linkID)
      if !linkNames.insert(name).inserted {
        throw .duplicateID(
          file: file, line: item.line, path: link.path(of: Schema.linkID), id: name)
      }
      guard let ends = try link.array(Schema.between) else {
        throw .missingField(
          file: file, line: item.line, path: link.path(of: Schema.between),
          expected: Schema.between.accepts)
      }
      guard ends.count == 2 else {
        throw link.violation(
          Schema.between, value: "\(ends.count) entries", accepted: "expected exactly two node ids")
      }
      var endpoints: [NodeID] = []
      for (e, end) in ends.enumerated() {
        let endPath = link.fieldPath("between[\(e)]")
        guard case .string(let endName) = end.kind else {
          throw .wrongType(
            file: file, line: end.line, path: endPath, found: end.typeDescription,
            expected: "a node id string")
        }
        guard let node = topology.node(named: endName) else {
          throw .unknownReference(
            file: file, line: end.line, path: endPath, name: endName, kind: "node")
        }
        endpoints.append(node.id)
      }
      if endpoints[0] == endpoints[1] {
        throw link.violation(
          Schema.between, value: "[\"\(topology.nodes[endpoints[0].index].name)\" twice]",
          accepted: "a link joins two different nodes")
      }
      let latency = try link.value(Schema.latency)
      let bandwidth = try link.value(Schema.bandwidth)
      topology.addLink(
        name: name, between: endpoints[0], and: endpoints[1], latency: latency,
        bandwidth: bandwidth, reverseBandwidth: try link.read(Schema.reverseBandwidth),
        lossRate: try link.value(Schema.loss), linkClass: try link.read(Schema.linkClass))
    }
    return topology
  }

  /// Refuses more than `limit` entries of a list, naming the limit.
  static func checkCount(_ count: Int, of what: String, limit: Int, in reader: ObjectReader)
    throws(ScenarioError)
  {
    if count > limit {
      throw .invalidValue(
        file: reader.file, line: reader.value.line, path: reader.fieldPath(what),
        value: "\(grouped(count)) \(what)",
        accepted: "at most \(grouped(limit)) \(what) (README, Limits)")
    }
  }

  /// The distinct roles listed in `values`, each a role name; `path` is the list's dotted path.
  static func roles(_ values: [JSONValue], path: String, file: String) throws(ScenarioError)
    -> [NodeRole]
  {
    var roles: [NodeRole] = []
    for (r, roleValue) in values.enumerated() {
      guard case .string(let text) = roleValue.kind, let role = NodeRole(rawValue: text) else {
        throw .invalidValue(
          file: file, line: roleValue.line, path: "\(path)[\(r)]", value: roleValue.excerpt,
          accepted: "expected one of: \(NodeRole.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      if !roles.contains(role) { roles.append(role) }
    }
    return roles
  }

  static func decodeProfile(_ node: ObjectReader, roles: [NodeRole]) throws(ScenarioError)
    -> DeviceProfile
  {
    guard let value = try node.read(Schema.profile) else { return defaultProfile(for: roles) }
    let path = node.path(of: Schema.profile)
    switch value.kind {
    case .string(let name):
      guard let preset = DeviceProfile.preset(named: name) else {
        throw .invalidValue(
          file: node.file, line: value.line, path: path, value: value.excerpt,
          accepted: "expected \(Schema.profile.accepts) with "
            + Schema.profileSchema.fieldNames.joined(separator: ", "))
      }
      return preset
    case .object:
      let custom = try ObjectReader(
        value, schema: Schema.profileSchema, path: path, file: node.file)
      // A custom profile starts from the preset for the node's role and overrides what it gives.
      let base = defaultProfile(for: roles)
      func rate(_ field: Field<Int>, _ preset: Int64) throws(ScenarioError) -> Int64 {
        try custom.read(field).map(Int64.init) ?? preset
      }
      return DeviceProfile(
        name: try custom.value(Schema.profileName),
        flopsPerSecond: try rate(Schema.flopsPerSecond, base.flopsPerSecond),
        limbMultiplicationsPerSecond: try rate(
          Schema.limbMultiplicationsPerSecond, base.limbMultiplicationsPerSecond),
        hashBytesPerSecond: try rate(Schema.hashBytesPerSecond, base.hashBytesPerSecond),
        cipherBytesPerSecond: try rate(Schema.cipherBytesPerSecond, base.cipherBytesPerSecond),
        curveScalarMultiplicationsPerSecond: try rate(
          Schema.curveScalarMultiplicationsPerSecond, base.curveScalarMultiplicationsPerSecond))
    default:
      throw .wrongType(
        file: node.file, line: value.line, path: path, found: value.typeDescription,
        expected: Schema.profile.accepts)
    }
  }
}
