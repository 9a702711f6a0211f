import Platform
import SimCore

/// An imported topology: `{"graphml": "topologies/zoo/Abilene.graphml", …}`.
enum GraphMLSchema {
  private static let options = GraphMLImportOptions()
  static let graphml = Field.string(
    "graphml", accepts: "a path to a GraphML file, relative to the scenario's folder",
    default: nil, help: "The Internet Topology Zoo file to import.")
  static let bandwidth = Field.rate(
    "bandwidth", default: options.defaultBandwidth,
    help: "Bandwidth of links whose file gives none.")
  static let latency = Field.duration(
    "latency", in: .nanoseconds(1)...ScenarioLimits.linkLatency, allowsZero: true,
    default: options.defaultLatency,
    help: "Latency of links whose endpoints have no coordinates.")
  static let roles = Field.structure(
    "roles", accepts: "an object from node label to an array of roles",
    defaultText: "every node a router", help: "Roles of particular nodes, by their label.")
  static let profile = Field.choice(
    "profile", from: DeviceProfile.presets.map(\.name), default: options.profile.name,
    help: "The device profile of every imported node.")
  static let cores = Field.integer(
    "cores", in: 1...1_024, default: options.cores, help: "Tasks each imported node runs at once.")
  static let linkClass = Field.string(
    "class", accepts: "a class name such as \"core\"", default: options.linkClass,
    help: "The summary's traffic class of every imported link.", check: TopologySchema.checkID)
  static let parallelEdges = Field.choice(
    "parallelEdges", from: ["sum", "first"], default: "sum",
    help: "Edges repeated between two nodes: one link with the summed bandwidth, or the first.")

  static let schema = ObjectSchema(
    path: "topology (graphml)",
    summary: "A Topology Zoo GraphML file, imported at load time; its nodes are points of "
      + "presence (PoPs), to which edge servers, clients, a cloud server and validators may be "
      + "attached.",
    rows: [
      graphml.row, bandwidth.row, latency.row, roles.row, profile.row, cores.row, linkClass.row,
      parallelEdges.row,
    ] + BackboneAttachmentSchema.rows)

  /// Largest GraphML file read: the largest Topology Zoo file is under 1 MB.
  static let maximumFileBytes = 64 << 20
}
