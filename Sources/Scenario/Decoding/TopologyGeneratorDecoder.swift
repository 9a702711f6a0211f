import Platform
import SimCore
import Traces

/// Decodes a generated topology: `{"generator": "edge-tree" | "star" | "random-geometric", …}`.
/// Every parameter is optional and defaults as documented on the generator's type.
enum TopologyGeneratorDecoder {
  static let generators = ["edge-tree", "star", "random-geometric"]
  static let edgeTreeFields = [
    "generator", "clients", "edges", "validators", "validatorAttachment", "accessLatency",
    "accessBandwidth",
    "accessUplinkBandwidth", "backhaulLatency", "backhaulBandwidth", "attachmentLatency",
    "attachmentBandwidth",
    "validatorLatency", "validatorBandwidth", "clientProfile", "edgeProfile", "cloudProfile",
    "validatorProfile",
  ]
  static let starFields = [
    "generator", "leaves", "latency", "bandwidth", "uplinkBandwidth", "hubProfile", "leafProfile",
  ]
  static let geometricFields = [
    "generator", "nodes", "sideKilometres", "radius", "bandwidth", "roles", "profile",
  ]

  static func decode(_ reader: ObjectReader, seed: UInt64) throws(ScenarioError) -> Topology {
    let kind = try reader.choice("generator", from: generators)!
    do {
      switch kind {
      case "edge-tree": return try edgeTree(reader).makeTopology()
      case "star": return try star(reader).makeTopology()
      default:
        var generator = RandomStreams(seed: seed).make(.topologyGeneration)
        return try geometric(reader).makeTopology(using: &generator)
      }
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw .invalidValue(
        file: reader.file, line: reader.value.line, path: reader.path,
        value: "generator \"\(kind)\"",
        accepted: "\(error)")
    }
  }

  static func profile(_ key: String, in reader: ObjectReader) throws(ScenarioError)
    -> DeviceProfile?
  {
    guard let name = try reader.choice(key, from: DeviceProfile.presets.map(\.name)) else {
      return nil
    }
    return DeviceProfile.preset(named: name)
  }

  static func count(_ key: String, in reader: ObjectReader) throws(ScenarioError) -> Int? {
    try reader.integer(key, in: 0...1_000_000).map(Int.init)
  }

  static func edgeTree(_ reader: ObjectReader) throws(ScenarioError) -> EdgeTreeTopology {
    try reader.rejectUnknownFields(allowed: edgeTreeFields)
    var tree = EdgeTreeTopology()
    if let value = try count("clients", in: reader) { tree.clientCount = value }
    if let value = try count("edges", in: reader) { tree.edgeCount = value }
    if let value = try count("validators", in: reader) { tree.validatorCount = value }
    if let value = try reader.choice("validatorAttachment", from: ["cloud", "edges"]) {
      tree.validatorAttachment = value == "cloud" ? .cloud : .edges
    }
    if let value = try reader.duration("accessLatency") { tree.accessLatency = value }
    if let value = try reader.rate("accessBandwidth") { tree.accessBandwidth = value }
    if let value = try reader.rate("accessUplinkBandwidth") { tree.accessUplinkBandwidth = value }
    if let value = try reader.duration("backhaulLatency") { tree.backhaulLatency = value }
    if let value = try reader.rate("backhaulBandwidth") { tree.backhaulBandwidth = value }
    if let value = try reader.duration("attachmentLatency") { tree.attachmentLatency = value }
    if let value = try reader.rate("attachmentBandwidth") { tree.attachmentBandwidth = value }
    if let value = try reader.duration("validatorLatency") { tree.validatorLatency = value }
    if let value = try reader.rate("validatorBandwidth") { tree.validatorBandwidth = value }
    if let value = try profile("clientProfile", in: reader) { tree.clientProfile = value }
    if let value = try profile("edgeProfile", in: reader) { tree.edgeProfile = value }
    if let value = try profile("cloudProfile", in: reader) { tree.cloudProfile = value }
    if let value = try profile("validatorProfile", in: reader) { tree.validatorProfile = value }
    return tree
  }

  static func star(_ reader: ObjectReader) throws(ScenarioError) -> StarTopology {
    try reader.rejectUnknownFields(allowed: starFields)
    var star = StarTopology()
    if let value = try count("leaves", in: reader) { star.leafCount = value }
    if let value = try reader.duration("latency") { star.latency = value }
    if let value = try reader.rate("bandwidth") { star.bandwidth = value }
    if let value = try reader.rate("uplinkBandwidth") { star.uplinkBandwidth = value }
    if let value = try profile("hubProfile", in: reader) { star.hubProfile = value }
    if let value = try profile("leafProfile", in: reader) { star.leafProfile = value }
    return star
  }

  static func geometric(_ reader: ObjectReader) throws(ScenarioError) -> RandomGeometricTopology {
    try reader.rejectUnknownFields(allowed: geometricFields)
    var graph = RandomGeometricTopology()
    if let value = try count("nodes", in: reader) { graph.nodeCount = value }
    if let value = try reader.double(
      "sideKilometres", in: 0...RandomGeometricTopology.maximumSideKilometres, openLower: true)
    {
      graph.sideKilometres = value
    }
    if let value = try reader.double("radius", in: 0...2, openLower: true) { graph.radius = value }
    if let value = try reader.rate("bandwidth") { graph.bandwidth = value }
    if let value = try profile("profile", in: reader) { graph.profile = value }
    if let roles = try reader.array("roles") {
      graph.roles = try TopologyDecoder.roles(roles, in: reader, key: "roles")
    }
    return graph
  }
}
