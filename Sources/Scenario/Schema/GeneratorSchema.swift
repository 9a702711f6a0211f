import Platform
import SimCore

/// A generated topology: `{"generator": "edge-tree" | "star" | "random-geometric", …}`. Every
/// parameter is optional; the defaults are the generator types' own.
enum GeneratorSchema {
  static let kinds = ["edge-tree", "star", "random-geometric"]
  static let generator = Field.choice(
    "generator", from: kinds, default: nil, help: "Which generator.")
  static let presets = DeviceProfile.presets.map(\.name)

  // MARK: - edge-tree

  private static let tree = EdgeTreeTopology()
  static let clients = Field.integer(
    "clients", in: 1...EdgeTreeTopology.maximumClientCount, default: tree.clientCount,
    help: "Clients, spread evenly over the edges; at least `edges`.")
  static let edges = Field.integer(
    "edges", in: 1...EdgeTreeTopology.maximumEdgeCount, default: tree.edgeCount,
    help: "Edge servers under the cloud server.")
  static let validators = Field.integer(
    "validators", in: 0...EdgeTreeTopology.maximumValidatorCount, default: tree.validatorCount,
    help: "Validators, fully meshed among themselves.")
  static let validatorAttachment = Field.choice(
    "validatorAttachment", from: ["cloud", "edges"], default: "cloud",
    help: "Whether validators link to the cloud server or are spread over the edges.")
  static let accessLatency = latency("accessLatency", tree.accessLatency, "client–edge links")
  static let accessBandwidth = Field.rate(
    "accessBandwidth", default: tree.accessBandwidth, help: "Client–edge links, downward.")
  static let accessUplinkBandwidth = Field.rate(
    "accessUplinkBandwidth", default: tree.accessUplinkBandwidth,
    help: "Client–edge links, upward.", defaultText: "`accessBandwidth`")
  static let backhaulLatency = latency("backhaulLatency", tree.backhaulLatency, "edge–cloud links")
  static let backhaulBandwidth = Field.rate(
    "backhaulBandwidth", default: tree.backhaulBandwidth, help: "Edge–cloud links.")
  static let attachmentLatency = latency(
    "attachmentLatency", tree.attachmentLatency, "validator attachment links")
  static let attachmentBandwidth = Field.rate(
    "attachmentBandwidth", default: tree.attachmentBandwidth, help: "Validator attachment links.")
  static let validatorLatency = latency(
    "validatorLatency", tree.validatorLatency, "validator-to-validator links")
  static let validatorBandwidth = Field.rate(
    "validatorBandwidth", default: tree.validatorBandwidth,
    help: "Validator-to-validator links, which carry blocks, votes and gossip.")
  static let clientProfile = profile("clientProfile", tree.clientProfile, "clients")
  static let edgeProfile = profile("edgeProfile", tree.edgeProfile, "edge servers")
  static let cloudProfile = profile("cloudProfile", tree.cloudProfile, "the cloud server")
  static let validatorProfile = profile("validatorProfile", tree.validatorProfile, "validators")
  static let clientCores = cores("clientCores", tree.clientCores, "each client")
  static let edgeCores = cores("edgeCores", tree.edgeCores, "each edge server")
  static let cloudCores = cores("cloudCores", tree.cloudCores, "the cloud server")
  static let validatorCores = cores("validatorCores", tree.validatorCores, "each validator")
  static let accessLoss = loss("accessLoss", tree.accessLoss, "a client–edge link")
  static let backhaulLoss = loss("backhaulLoss", tree.backhaulLoss, "an edge–cloud link")
  static let attachmentLoss = loss(
    "attachmentLoss", tree.attachmentLoss, "a validator attachment link")
  static let validatorLoss = loss(
    "validatorLoss", tree.validatorLoss, "a validator-to-validator link")
  static let storage = Field.boolean(
    "storage", default: tree.hasStorage,
    help: "Adds an off-chain store `storage` (role `storage`, profile cloud-server), linked to "
      + "the cloud server by `cloud-storage`, after every other node and link: for a chain's "
      + "\"off-chain\" payloads.")
  static let storageLatency = latency(
    "storageLatency", tree.storageLatency,
    "the cloud–storage link (the store sits in the cloud's data centre)")
  static let storageBandwidth = Field.rate(
    "storageBandwidth", default: tree.storageBandwidth,
    help: "The cloud–storage link: a data-centre link, above the backhauls' sum at the defaults, "
      + "so that the store is no bottleneck unless made one.")

  static let edgeTreeSchema = ObjectSchema(
    path: "topology (generator \"edge-tree\")",
    summary: "Clients under edge servers under one cloud server, with validators beside it.",
    rows: [
      generator.row, clients.row, edges.row, validators.row, validatorAttachment.row,
      accessLatency.row, accessBandwidth.row, accessUplinkBandwidth.row, backhaulLatency.row,
      backhaulBandwidth.row, attachmentLatency.row, attachmentBandwidth.row,
      validatorLatency.row, validatorBandwidth.row, clientProfile.row, edgeProfile.row,
      cloudProfile.row, validatorProfile.row, clientCores.row, edgeCores.row, cloudCores.row,
      validatorCores.row, accessLoss.row, backhaulLoss.row, attachmentLoss.row,
      validatorLoss.row, storage.row, storageLatency.row, storageBandwidth.row,
    ])

  // MARK: - star

  private static let star = StarTopology()
  static let leaves = Field.integer(
    "leaves", in: 1...StarTopology.maximumLeafCount, default: star.leafCount,
    help: "Clients, each linked to the hub.")
  static let starLatency = latency("latency", star.latency, "every link")
  static let starBandwidth = Field.rate(
    "bandwidth", default: star.bandwidth, help: "Every link, hub to leaf.")
  static let uplinkBandwidth = Field.rate(
    "uplinkBandwidth", default: star.uplinkBandwidth, help: "Every link, leaf to hub.",
    defaultText: "`bandwidth`")
  static let hubProfile = profile("hubProfile", star.hubProfile, "the hub")
  static let leafProfile = profile("leafProfile", star.leafProfile, "the leaves")
  static let hubCores = cores("hubCores", star.hubCores, "the hub")
  static let leafCores = cores("leafCores", star.leafCores, "each leaf")
  static let starLoss = loss("loss", star.loss, "a hub–leaf link")

  static let starSchema = ObjectSchema(
    path: "topology (generator \"star\")", summary: "One server hub joined to client leaves.",
    rows: [
      generator.row, leaves.row, starLatency.row, starBandwidth.row, uplinkBandwidth.row,
      hubProfile.row, leafProfile.row, hubCores.row, leafCores.row, starLoss.row,
    ])

  // MARK: - random-geometric

  private static let geometric = RandomGeometricTopology()
  static let nodes = Field.integer(
    "nodes", in: 1...RandomGeometricTopology.maximumNodeCount, default: geometric.nodeCount,
    help: "Nodes dropped uniformly at random in the square.")
  static let sideKilometres = Field.number(
    "sideKilometres", in: 0...RandomGeometricTopology.maximumSideKilometres, openLower: true,
    default: geometric.sideKilometres, help: "The square's side; latencies follow distance.")
  static let radius = Field.number(
    "radius", in: 0...2, openLower: true, default: geometric.radius,
    help: "Nodes closer than this (in the unit square) are linked.")
  static let geometricBandwidth = Field.rate(
    "bandwidth", default: geometric.bandwidth, help: "Every link.")
  static let geometricRoles = Field.structure(
    "roles", accepts: "an array of roles", defaultText: "[\"client\"]",
    help: "The roles of every node.")
  static let geometricProfile = profile("profile", geometric.profile, "every node")
  static let geometricLinkClass = Field.string(
    "class", accepts: "a class name such as \"p2p\"", default: nil,
    help: "The summary's traffic class of every link.",
    defaultText: "inferred from the roles", check: TopologySchema.checkID)
  static let geometricCores = cores("cores", geometric.cores, "every node")
  static let geometricLoss = loss("loss", geometric.loss, "a link")

  static let geometricSchema = ObjectSchema(
    path: "topology (generator \"random-geometric\")",
    summary: "A random geometric graph, made connected.",
    rows: [
      generator.row, nodes.row, sideKilometres.row, radius.row, geometricBandwidth.row,
      geometricRoles.row, geometricProfile.row, geometricLinkClass.row, geometricCores.row,
      geometricLoss.row,
    ])

  static var all: [ObjectSchema] { [edgeTreeSchema, starSchema, geometricSchema] }

  // MARK: - Helpers (shared with `BackboneAttachmentSchema`, whose fields mean the same)

  static func latency(_ name: String, _ value: SimDuration, _ what: String)
    -> Field<SimDuration>
  {
    Field.duration(
      name, in: .nanoseconds(1)...ScenarioLimits.linkLatency, allowsZero: true, default: value,
      help: "Latency of \(what).")
  }

  static func profile(_ name: String, _ value: DeviceProfile, _ what: String)
    -> Field<String>
  {
    Field.choice(
      name, from: presets, default: value.name, help: "The device profile of \(what).")
  }

  /// A node's cores, bounded like an explicit node's (`topology.nodes[].cores`).
  static func cores(_ name: String, _ value: Int, _ what: String) -> Field<Int> {
    Field.integer(name, in: 1...1_024, default: value, help: "Tasks \(what) runs at once.")
  }

  /// A link's loss rate, bounded like an explicit link's (`topology.links[].loss`).
  static func loss(_ name: String, _ value: Double, _ what: String) -> Field<Double> {
    Field.number(
      name, in: 0...0.999_999, default: value,
      help: "Probability that a message crossing \(what) is lost.")
  }
}
