import SimCore

/// A star: one hub (a `server`) joined directly to `leafCount` leaves (`client`s).
///
/// The smallest topology a federated-learning scenario can run on: the cross-device setting of
/// McMahan et al. (AISTATS 2017), where every client talks to the aggregator over its own access
/// link. Nodes are named `server`, then `c0`, `c1`, …; links `server-c0`, `server-c1`, …, each
/// with the hub as endpoint `a`, so `bandwidth` is the downlink and `uplinkBandwidth` the uplink.
/// Links take the class inferred from the roles (`client-cloud`).
///
/// ```swift
/// let topology = try StarTopology(leafCount: 8, latency: .milliseconds(5)).makeTopology()
/// ```
public struct StarTopology: Sendable, Hashable {
  /// The number of leaves (clients). Default 10; from 1 to `maximumLeafCount`.
  public var leafCount: Int
  /// The one-way latency of every hub–leaf link. Default 20 ms, a typical wide-area access RTT/2.
  public var latency: SimDuration
  /// The hub-to-leaf (downlink) bandwidth. Default 100 Mbps.
  public var bandwidth: BitRate
  /// The leaf-to-hub (uplink) bandwidth; nil (the default) makes the links symmetric.
  public var uplinkBandwidth: BitRate?
  /// The hub's device profile. Default `.cloudServer`.
  public var hubProfile: DeviceProfile
  /// The leaves' device profile. Default `.smartphone`, the cross-device FL setting.
  public var leafProfile: DeviceProfile
  /// Tasks the hub runs side by side. Default 1, as before the cores were a parameter.
  public var hubCores: Int
  /// Tasks each leaf runs side by side. Default 1.
  public var leafCores: Int
  /// Probability that a message crossing a hub–leaf link is lost, in [0, 1). Default 0.
  public var loss: Double

  /// A star with the given parameters; every argument has the default documented on its property.
  public init(
    leafCount: Int = 10, latency: SimDuration = .milliseconds(20),
    bandwidth: BitRate = .megabitsPerSecond(100), uplinkBandwidth: BitRate? = nil,
    hubProfile: DeviceProfile = .cloudServer, leafProfile: DeviceProfile = .smartphone,
    hubCores: Int = 1, leafCores: Int = 1, loss: Double = 0
  ) {
    self.leafCount = leafCount
    self.latency = latency
    self.bandwidth = bandwidth
    self.uplinkBandwidth = uplinkBandwidth
    self.hubProfile = hubProfile
    self.leafProfile = leafProfile
    self.hubCores = hubCores
    self.leafCores = leafCores
    self.loss = loss
  }

  /// The largest accepted `leafCount`: 100,000, the scenario node limit; such a star builds in
  /// well under a second (release) and about 60 MB.
  public static let maximumLeafCount = 100_000

  /// Builds the star: node 0 is the hub, nodes 1…`leafCount` the leaves, link *i* joins the hub
  /// to leaf *i*.
  /// - Throws: `TopologyGenerationError` when a count, latency, bandwidth, core count or loss
  ///   rate is out of range.
  /// - Complexity: O(`leafCount`).
  public func makeTopology() throws(TopologyGenerationError) -> Topology {
    let generator = "star"
    try TopologyGenerationError.checkCount(
      leafCount, in: 1...Self.maximumLeafCount, generator: generator, parameter: "leafCount")
    try TopologyGenerationError.checkLatency(latency, generator: generator, parameter: "latency")
    try TopologyGenerationError.checkBandwidth(
      bandwidth, generator: generator, parameter: "bandwidth")
    if let uplinkBandwidth {
      try TopologyGenerationError.checkBandwidth(
        uplinkBandwidth, generator: generator, parameter: "uplinkBandwidth")
    }
    try TopologyGenerationError.checkCores(hubCores, generator: generator, parameter: "hubCores")
    try TopologyGenerationError.checkCores(leafCores, generator: generator, parameter: "leafCores")
    try TopologyGenerationError.checkLoss(loss, generator: generator, parameter: "loss")

    var topology = Topology()
    let hub = topology.addNode(
      name: "server", roles: [.server], profile: hubProfile, cores: hubCores)
    for index in 0..<leafCount {
      let leaf = topology.addNode(
        name: "c\(index)", roles: [.client], profile: leafProfile, cores: leafCores)
      topology.addLink(
        name: "server-c\(index)", between: hub, and: leaf, latency: latency, bandwidth: bandwidth,
        reverseBandwidth: uplinkBandwidth, lossRate: loss)
    }
    return topology
  }
}
