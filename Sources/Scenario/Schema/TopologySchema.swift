import Platform
import SimCore
import Traces

/// An explicit topology: `nodes` and `links` written out.
enum TopologySchema {
  static let nodes = Field.structure(
    "nodes", accepts: "a non-empty array of node objects", defaultText: "required",
    help: "The hosts, in ID order: see `topology.nodes[]`.")
  static let links = Field.structure(
    "links", accepts: "an array of link objects", defaultText: "none",
    help: "Full-duplex links: see `topology.links[]`.")
  static let generator = Field.choice(
    "generator", from: GeneratorSchema.kinds, default: nil,
    help: "Generates the topology instead: see `topology (generator)`.", defaultText: "none")
  static let graphml = Field.string(
    "graphml", accepts: "a path to a GraphML file", default: nil,
    help: "Imports a Topology Zoo file instead: see `topology (graphml)`.", defaultText: "none")

  static let schema = ObjectSchema(
    path: "topology",
    summary: "The platform, written out (or generated, or imported: one of the three).",
    rows: [nodes.row, links.row, generator.row, graphml.row])

  // MARK: - nodes[]

  static let nodeID = Field.string(
    "id", accepts: "a node id", default: nil,
    help: "A unique name, printed in traces: not empty, no control characters, no leading or "
      + "trailing spaces.", check: checkID)
  static let roles = Field.structure(
    "roles",
    accepts: "an array of roles (\(NodeRole.allCases.map(\.rawValue).joined(separator: ", ")))",
    defaultText: "none", help: "What the node does; a node may hold several roles.")
  static let profile = Field.structure(
    "profile",
    accepts:
      "a profile name (\(DeviceProfile.presets.map(\.name).joined(separator: ", "))) or an object",
    defaultText: "by first role: client → smartphone, server or storage → cloud-server, else "
      + "edge-server",
    help: "How fast the node computes: a preset, or an object overriding the role's preset.")
  static let cores = Field.integer(
    "cores", in: 1...1_024, default: 1, help: "Tasks the node runs at once.")

  static let nodeSchema = ObjectSchema(
    path: "topology.nodes[]", summary: "One host.",
    rows: [nodeID.row, roles.row, profile.row, cores.row])

  // MARK: - links[]

  static let linkID = Field.string(
    "id", accepts: "a link id", default: nil, help: "A unique name, printed in traces.",
    check: checkID)
  static let between = Field.structure(
    "between", accepts: "two different node ids, e.g. [\"h1\", \"r\"]", defaultText: "required",
    help: "The endpoints a and b; `bandwidth` is the a → b direction.")
  static let latency = Field.duration(
    "latency", in: .nanoseconds(1)...ScenarioLimits.linkLatency, allowsZero: true, default: nil,
    help: "One-way propagation delay.", defaultText: "required")
  static let bandwidth = Field.rate(
    "bandwidth", default: nil, help: "Capacity a → b (and b → a unless `reverseBandwidth`).")
  static let reverseBandwidth = Field.rate(
    "reverseBandwidth", default: nil, help: "Capacity b → a.", defaultText: "`bandwidth`")
  static let loss = Field.number(
    "loss", in: 0...0.999_999, default: 0, help: "Probability that a message crossing is lost.")
  static let linkClass = Field.string(
    "class", accepts: "a class name such as \"client-edge\"", default: nil,
    help: "The summary's traffic class; inferred from the endpoints' roles when absent.",
    defaultText: "inferred", check: checkID)

  static let linkSchema = ObjectSchema(
    path: "topology.links[]", summary: "One full-duplex link.",
    rows: [
      linkID.row, between.row, latency.row, bandwidth.row, reverseBandwidth.row, loss.row,
      linkClass.row,
    ])

  // MARK: - profile

  static let profileName = Field.string(
    "name", default: "custom", help: "The profile's name in traces.", check: checkID)
  static let flopsPerSecond = rate("flopsPerSecond", "floating-point operations per second")
  static let limbMultiplicationsPerSecond = rate(
    "limbMultiplicationsPerSecond", "64-bit limb multiplications per second (big-number crypto)")
  static let hashBytesPerSecond = rate("hashBytesPerSecond", "bytes hashed per second")
  static let cipherBytesPerSecond = rate("cipherBytesPerSecond", "bytes enciphered per second")
  static let curveScalarMultiplicationsPerSecond = rate(
    "curveScalarMultiplicationsPerSecond", "elliptic-curve scalar multiplications per second")

  static let profileSchema = ObjectSchema(
    path: "topology.nodes[].profile",
    summary: "A custom device profile: the role's preset with these rates overridden.",
    rows: [
      profileName.row, flopsPerSecond.row, limbMultiplicationsPerSecond.row,
      hashBytesPerSecond.row, cipherBytesPerSecond.row, curveScalarMultiplicationsPerSecond.row,
    ])

  static var all: [ObjectSchema] { [schema, nodeSchema, linkSchema, profileSchema] }

  /// A positive rate of work, overriding the preset's.
  private static func rate(_ name: String, _ what: String) -> Field<Int> {
    Field.integer(
      name, in: 1...Int(Int64.max), default: nil, help: "The device's \(what).",
      defaultText: "the role's preset")
  }

  /// Ids are what traces print: non-empty, at most 200 bytes, without control characters or
  /// surrounding spaces (spaces inside are fine: Topology Zoo names such as `New York` keep them).
  @Sendable static func checkID(_ name: String) -> String? {
    let hasControl = name.unicodeScalars.contains { $0.properties.generalCategory == .control }
    if name.isEmpty || hasControl || name.first!.isWhitespace || name.last!.isWhitespace
      || name.utf8.count > 200
    {
      return "ids are 1 to 200 bytes, without control characters or leading or trailing spaces"
    }
    return nil
  }
}
