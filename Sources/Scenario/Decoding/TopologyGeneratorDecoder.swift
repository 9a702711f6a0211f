import Platform
import SimCore
import Traces

/// Decodes a generated topology: `{"generator": "edge-tree" | "star" | "random-geometric", …}`.
/// Every parameter is optional and defaults as documented on the generator's type.
enum TopologyGeneratorDecoder {
  typealias Schema = GeneratorSchema

  static func decode(_ value: JSONValue, path: String, file: String, seed: UInt64)
    throws(ScenarioError) -> Topology
  {
    guard
      let kind = try ObjectReader.discriminator(
        Schema.generator, in: value, path: path, file: file)
    else {
      throw .missingField(
        file: file, line: value.line, path: "\(path).generator", expected: Schema.generator.accepts)
    }
    let reader: ObjectReader
    let topology: Topology
    do {
      switch kind {
      case "edge-tree":
        reader = try ObjectReader(value, schema: Schema.edgeTreeSchema, path: path, file: file)
        topology = try edgeTree(reader).makeTopology()
      case "star":
        reader = try ObjectReader(value, schema: Schema.starSchema, path: path, file: file)
        topology = try star(reader).makeTopology()
      default:
        reader = try ObjectReader(value, schema: Schema.geometricSchema, path: path, file: file)
        var generator = RandomStreams(seed: seed).make(.topologyGeneration)
        topology = try geometric(reader).makeTopology(using: &generator)
      }
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw .invalidValue(
        file: file, line: value.line, path: path, value: "generator \"\(kind)\"",
        accepted: "\(error)")
    }
    try TopologyDecoder.checkCount(
      topology.links.count, of: "links", limit: ScenarioLimits.links, in: reader)
    return topology
  }

  static func profile(_ field: Field<String>, in reader: ObjectReader) throws(ScenarioError)
    -> DeviceProfile?
  {
    try reader.read(field).flatMap { DeviceProfile.preset(named: $0) }
  }

  static func edgeTree(_ reader: ObjectReader) throws(ScenarioError) -> EdgeTreeTopology {
    var tree = EdgeTreeTopology()
    tree.clientCount = try reader.value(Schema.clients)
    tree.edgeCount = try reader.value(Schema.edges)
    tree.validatorCount = try reader.value(Schema.validators)
    tree.validatorAttachment =
      try reader.value(Schema.validatorAttachment) == "cloud" ? .cloud : .edges
    tree.accessLatency = try reader.value(Schema.accessLatency)
    tree.accessBandwidth = try reader.value(Schema.accessBandwidth)
    if let value = try reader.read(Schema.accessUplinkBandwidth) {
      tree.accessUplinkBandwidth = value
    }
    tree.backhaulLatency = try reader.value(Schema.backhaulLatency)
    tree.backhaulBandwidth = try reader.value(Schema.backhaulBandwidth)
    tree.attachmentLatency = try reader.value(Schema.attachmentLatency)
    tree.attachmentBandwidth = try reader.value(Schema.attachmentBandwidth)
    tree.validatorLatency = try reader.value(Schema.validatorLatency)
    tree.validatorBandwidth = try reader.value(Schema.validatorBandwidth)
    if let value = try profile(Schema.clientProfile, in: reader) { tree.clientProfile = value }
    if let value = try profile(Schema.edgeProfile, in: reader) { tree.edgeProfile = value }
    if let value = try profile(Schema.cloudProfile, in: reader) { tree.cloudProfile = value }
    if let value = try profile(Schema.validatorProfile, in: reader) {
      tree.validatorProfile = value
    }
    tree.clientCores = try reader.value(Schema.clientCores)
    tree.edgeCores = try reader.value(Schema.edgeCores)
    tree.cloudCores = try reader.value(Schema.cloudCores)
    tree.validatorCores = try reader.value(Schema.validatorCores)
    tree.accessLoss = try reader.value(Schema.accessLoss)
    tree.backhaulLoss = try reader.value(Schema.backhaulLoss)
    tree.attachmentLoss = try reader.value(Schema.attachmentLoss)
    tree.validatorLoss = try reader.value(Schema.validatorLoss)
    tree.hasStorage = try reader.value(Schema.storage)
    tree.storageLatency = try reader.value(Schema.storageLatency)
    tree.storageBandwidth = try reader.value(Schema.storageBandwidth)
    return tree
  }

  static func star(_ reader: ObjectReader) throws(ScenarioError) -> StarTopology {
    var star = StarTopology()
    star.leafCount = try reader.value(Schema.leaves)
    star.latency = try reader.value(Schema.starLatency)
    star.bandwidth = try reader.value(Schema.starBandwidth)
    if let value = try reader.read(Schema.uplinkBandwidth) { star.uplinkBandwidth = value }
    if let value = try profile(Schema.hubProfile, in: reader) { star.hubProfile = value }
    if let value = try profile(Schema.leafProfile, in: reader) { star.leafProfile = value }
    star.hubCores = try reader.value(Schema.hubCores)
    star.leafCores = try reader.value(Schema.leafCores)
    star.loss = try reader.value(Schema.starLoss)
    return star
  }

  static func geometric(_ reader: ObjectReader) throws(ScenarioError) -> RandomGeometricTopology {
    var graph = RandomGeometricTopology()
    graph.nodeCount = try reader.value(Schema.nodes)
    graph.sideKilometres = try reader.value(Schema.sideKilometres)
    graph.radius = try reader.value(Schema.radius)
    // Checked before generating: each pair closer than the radius becomes a link, about
    // n²/2 · πr² of them, so a large radius on many nodes would build a near-complete graph.
    let pairs = Double(graph.nodeCount) * Double(graph.nodeCount - 1) / 2
    let expectedLinks = pairs * min(1, Double.pi * graph.radius * graph.radius)
    if expectedLinks > Double(ScenarioLimits.links) {
      throw reader.violation(
        Schema.radius, value: "\(graph.radius) with \(grouped(graph.nodeCount)) nodes",
        accepted: "about n²/2 · πr² = \(grouped(Int(expectedLinks))) links would be made; at "
          + "most \(grouped(ScenarioLimits.links)) links (README, Limits): lower the radius or "
          + "the node count")
    }
    graph.bandwidth = try reader.value(Schema.geometricBandwidth)
    if let value = try profile(Schema.geometricProfile, in: reader) { graph.profile = value }
    graph.linkClass = try reader.read(Schema.geometricLinkClass)
    graph.cores = try reader.value(Schema.geometricCores)
    graph.loss = try reader.value(Schema.geometricLoss)
    if let roles = try reader.array(Schema.geometricRoles) {
      graph.roles = try TopologyDecoder.roles(
        roles, path: reader.path(of: Schema.geometricRoles), file: reader.file)
    }
    return graph
  }
}
