import Platform
import SimCore
import Traces

/// Decodes the `topology` object of a scenario: explicit `nodes` and `links`.
enum TopologyDecoder {
  static let nodeFields = ["id", "roles", "profile", "cores"]
  static let linkFields = [
    "id", "between", "latency", "bandwidth", "reverseBandwidth", "loss", "class",
  ]
  static let profileFields = [
    "name", "flopsPerSecond", "limbMultiplicationsPerSecond", "hashBytesPerSecond",
    "cipherBytesPerSecond", "curveScalarMultiplicationsPerSecond",
  ]

  /// The device profile a node gets when it names none: by its first role.
  static func defaultProfile(for roles: [NodeRole]) -> DeviceProfile {
    if roles.contains(.client) { return .smartphone }
    if roles.contains(.server) || roles.contains(.storage) { return .cloudServer }
    return .edgeServer
  }

  /// Explicit nodes and links, a generator, or a GraphML import.
  static func decode(_ reader: ObjectReader, seed: UInt64, baseDirectory: String?)
    throws(ScenarioError) -> Topology
  {
    if reader.optional("generator") != nil {
      return try TopologyGeneratorDecoder.decode(reader, seed: seed)
    }
    if reader.optional("graphml") != nil {
      return try GraphMLTopologyDecoder.decode(reader, baseDirectory: baseDirectory)
    }
    return try decodeExplicit(reader)
  }

  static func decodeExplicit(_ reader: ObjectReader) throws(ScenarioError) -> Topology {
    try reader.rejectUnknownFields(allowed: ["nodes", "links", "generator", "graphml"])
    let file = reader.file
    var topology = Topology()
    let nodes = try reader.array("nodes") ?? []
    if nodes.isEmpty {
      throw .missingField(
        file: file, line: reader.value.line, path: reader.fieldPath("nodes"),
        expected: "a non-empty array of nodes")
    }
    var nodeLines: [String: Int] = [:]
    for (i, item) in nodes.enumerated() {
      let node = try ObjectReader(item, path: reader.fieldPath("nodes[\(i)]"), file: file)
      try node.rejectUnknownFields(allowed: nodeFields)
      let name = try node.requiredString("id")
      try checkName(name, in: node, key: "id")
      if nodeLines[name] != nil {
        throw .duplicateID(file: file, line: item.line, path: node.fieldPath("id"), id: name)
      }
      nodeLines[name] = item.line
      let roles = try roles(try node.array("roles") ?? [], in: node, key: "roles")
      let profile = try decodeProfile(node, roles: roles)
      let cores = Int(try node.integer("cores", in: 1...1_024) ?? 1)
      topology.addNode(name: name, roles: roles, profile: profile, cores: cores)
    }
    var linkNames: Set<String> = []
    for (i, item) in (try reader.array("links") ?? []).enumerated() {
      let link = try ObjectReader(item, path: reader.fieldPath("links[\(i)]"), file: file)
      try link.rejectUnknownFields(allowed: linkFields)
      let name = try link.requiredString("id")
      try checkName(name, in: link, key: "id")
      if !linkNames.insert(name).inserted {
        throw .duplicateID(file: file, line: item.line, path: link.fieldPath("id"), id: name)
      }
      guard let ends = try link.array("between") else {
        throw .missingField(
          file: file, line: item.line, path: link.fieldPath("between"),
          expected: "two node ids, e.g. [\"h1\", \"r\"]")
      }
      guard ends.count == 2 else {
        throw .invalidValue(
          file: file, line: item.line, path: link.fieldPath("between"),
          value: "\(ends.count) entries",
          accepted: "expected exactly two node ids")
      }
      var endpoints: [NodeID] = []
      for (e, end) in ends.enumerated() {
        guard case .string(let endName) = end.kind else {
          throw .wrongType(
            file: file, line: end.line, path: link.fieldPath("between[\(e)]"),
            found: end.typeDescription, expected: "a node id string")
        }
        guard let node = topology.node(named: endName) else {
          throw .unknownReference(
            file: file, line: end.line, path: link.fieldPath("between[\(e)]"), name: endName,
            kind: "node")
        }
        endpoints.append(node.id)
      }
      if endpoints[0] == endpoints[1] {
        throw .invalidValue(
          file: file, line: item.line, path: link.fieldPath("between"),
          value: "[\"\(topology.nodes[endpoints[0].index].name)\" twice]",
          accepted: "a link joins two different nodes")
      }
      guard let latency = try link.duration("latency") else {
        throw .missingField(
          file: file, line: item.line, path: link.fieldPath("latency"),
          expected: "a duration such as \"10ms\"")
      }
      guard let bandwidth = try link.rate("bandwidth") else {
        throw .missingField(
          file: file, line: item.line, path: link.fieldPath("bandwidth"),
          expected: "a rate such as \"100Mbps\" or \"10MBps\"")
      }
      let reverse = try link.rate("reverseBandwidth")
      let loss = try link.double("loss", in: 0...0.999_999) ?? 0
      let linkClass = try link.string("class")
      topology.addLink(
        name: name, between: endpoints[0], and: endpoints[1], latency: latency,
        bandwidth: bandwidth,
        reverseBandwidth: reverse, lossRate: loss, linkClass: linkClass)
    }
    return topology
  }

  /// The roles listed in `values`, each a role name.
  static func roles(_ values: [JSONValue], in reader: ObjectReader, key: String)
    throws(ScenarioError) -> [NodeRole]
  {
    var roles: [NodeRole] = []
    for (r, roleValue) in values.enumerated() {
      guard case .string(let text) = roleValue.kind, let role = NodeRole(rawValue: text) else {
        throw .invalidValue(
          file: reader.file, line: roleValue.line, path: reader.fieldPath("\(key)[\(r)]"),
          value: roleValue.excerpt,
          accepted: "expected one of: \(NodeRole.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      roles.append(role)
    }
    return roles
  }

  /// Ids are what traces print: non-empty, without control characters or surrounding spaces
  /// (spaces inside are fine: Topology Zoo names such as `New York` keep them).
  static func checkName(_ name: String, in reader: ObjectReader, key: String) throws(ScenarioError)
  {
    let hasControl = name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    if name.isEmpty || hasControl || name.first!.isWhitespace || name.last!.isWhitespace {
      throw .invalidValue(
        file: reader.file, line: reader.optional(key)?.line ?? reader.value.line,
        path: reader.fieldPath(key),
        value: JSONWriter.quoted(name),
        accepted: "ids are non-empty, without control characters or leading or trailing spaces")
    }
  }

  static func decodeProfile(_ node: ObjectReader, roles: [NodeRole]) throws(ScenarioError)
    -> DeviceProfile
  {
    guard let value = node.optional("profile") else { return defaultProfile(for: roles) }
    let names = DeviceProfile.presets.map(\.name)
    switch value.kind {
    case .string(let name):
      guard let preset = DeviceProfile.preset(named: name) else {
        throw .invalidValue(
          file: node.file, line: value.line, path: node.fieldPath("profile"), value: "\"\(name)\"",
          accepted:
            "expected one of \(names.joined(separator: ", ")) or an object with \(profileFields.joined(separator: ", "))"
        )
      }
      return preset
    case .object:
      let custom = try ObjectReader(value, path: node.fieldPath("profile"), file: node.file)
      try custom.rejectUnknownFields(allowed: profileFields)
      // A custom profile starts from the preset for the node's role and overrides what it gives.
      let base = defaultProfile(for: roles)
      let limit: ClosedRange<Int64> = 1...Int64.max
      return DeviceProfile(
        name: try custom.string("name") ?? "custom",
        flopsPerSecond: try custom.integer("flopsPerSecond", in: limit) ?? base.flopsPerSecond,
        limbMultiplicationsPerSecond: try custom.integer("limbMultiplicationsPerSecond", in: limit)
          ?? base.limbMultiplicationsPerSecond,
        hashBytesPerSecond: try custom.integer("hashBytesPerSecond", in: limit)
          ?? base.hashBytesPerSecond,
        cipherBytesPerSecond: try custom.integer("cipherBytesPerSecond", in: limit)
          ?? base.cipherBytesPerSecond,
        curveScalarMultiplicationsPerSecond: try custom.integer(
          "curveScalarMultiplicationsPerSecond", in: limit)
          ?? base.curveScalarMultiplicationsPerSecond)
    default:
      throw .wrongType(
        file: node.file, line: value.line, path: node.fieldPath("profile"),
        found: value.typeDescription,
        expected: "a profile name (\(names.joined(separator: ", "))) or an object")
    }
  }
}
