import SimCore

/// A two-tier edge tree: clients under edge servers under one cloud server, plus a fully meshed
/// set of validators — the hierarchical (client–edge–cloud) FL layout of Liu et al., "Client-Edge-
/// Cloud Hierarchical Federated Learning" (ICC 2020), with a blockchain's consensus nodes beside it.
///
/// Nodes, in ID order: clients `c0`…, edge servers `e0`…, the cloud server `cloud`, validators
/// `v0`…. Clients are spread evenly over the edges in contiguous blocks (the first
/// `clientCount % edgeCount` edges take one extra client), and so are validators when attached to
/// the edges. Links, in ID order: access links `e<j>-c<i>` (client order), backhaul links
/// `cloud-e<j>`, validator attachments (`cloud-v<k>` or `e<j>-v<k>`), then the validator mesh
/// `v<i>-v<j>` for i < j in lexicographic order. The endpoint nearer the cloud is always `a`, so
/// each `…Bandwidth` is the downward direction. Link classes are inferred from the roles:
/// `client-edge`, `edge-cloud`, `cloud-validator` or `edge-validator`, and `p2p`. Each tier has
/// its own cores and each kind of link its own loss rate (1 core and no loss by default).
///
/// **Storage.** With `hasStorage`, an off-chain store `storage` (role `storage`, profile
/// `.cloudServer`, the profile an explicit storage node gets) comes after the validators, linked
/// to the cloud by `cloud-storage` (class `cloud-cloud`) after the mesh. Being last, it leaves
/// every other node and link ID, and so every per-link random stream, as it is without it: a run
/// with on-chain payloads and one with off-chain payloads see the same platform otherwise.
///
/// **The validator mesh carries the validators' traffic.** Routes are shortest-latency, so a
/// validator link is used only if it is shorter than the way round through the tree. The
/// generator therefore requires `validatorLatency` to be below the shortest tree path between two
/// validators — 2 × `attachmentLatency` through their shared parent (plus 2 ×
/// `backhaulLatency` when validators hang off distinct edges and none share one) — and throws
/// otherwise. The default 1 ms against two 1 ms attachments keeps every validator-to-validator
/// byte on the mesh, so `validatorBandwidth` governs block and vote propagation. (It used to
/// default to 30 ms: gossip then went through the cloud and `validatorBandwidth` had no effect.)
///
/// **Size.** The mesh is full, v(v − 1)/2 links, so that any two validators are one hop apart
/// and the rule above holds for every pair (a sparser mesh would send multi-hop gossip back
/// through the cloud). It is bounded by `maximumValidatorCount` (1,000 validators: 499,500
/// links); clients and edges by `maximumClientCount` and `maximumEdgeCount`.
///
/// ```swift
/// let topology = try EdgeTreeTopology(clientCount: 12, edgeCount: 3, validatorCount: 4)
///   .makeTopology()
/// ```
public struct EdgeTreeTopology: Sendable, Hashable {
  /// Where validators connect to the tree.
  public enum ValidatorAttachment: Sendable, Hashable {
    /// Every validator links to the cloud server.
    case cloud
    /// Validators are spread evenly over the edge servers, each linking to one edge.
    case edges
  }

  /// The number of clients. Default 20; at least `edgeCount`, so no edge is idle, and at most
  /// `maximumClientCount`.
  public var clientCount: Int
  /// The number of edge servers. Default 4; from 1 to `maximumEdgeCount`.
  public var edgeCount: Int
  /// The number of validators. Default 4; may be 0 for a tree without a blockchain; at most
  /// `maximumValidatorCount`.
  public var validatorCount: Int
  /// Where validators connect. Default `.cloud`.
  public var validatorAttachment: ValidatorAttachment

  /// One-way latency of a client–edge access link. Default 5 ms (a MEC access network).
  public var accessLatency: SimDuration
  /// Edge-to-client (downlink) bandwidth. Default 50 Mbps.
  public var accessBandwidth: BitRate
  /// Client-to-edge (uplink) bandwidth; nil (the default) means the same as `accessBandwidth`.
  public var accessUplinkBandwidth: BitRate?
  /// One-way latency of an edge–cloud backhaul link. Default 20 ms.
  public var backhaulLatency: SimDuration
  /// Bandwidth of a backhaul link in each direction. Default 1 Gbps.
  public var backhaulBandwidth: BitRate
  /// One-way latency of a validator's link to the cloud or its edge. Default 1 ms (co-located).
  public var attachmentLatency: SimDuration
  /// Bandwidth of a validator's attachment link in each direction. Default 1 Gbps.
  public var attachmentBandwidth: BitRate
  /// One-way latency of a validator–validator (p2p) link. Default 1 ms (validators co-located
  /// beside what they attach to). Must be below 2 × `attachmentLatency` (see the type's
  /// discussion), else the mesh would carry nothing.
  public var validatorLatency: SimDuration
  /// Bandwidth of a validator–validator link in each direction. Default 100 Mbps.
  public var validatorBandwidth: BitRate

  /// The clients' device profile. Default `.iotDevice` (IoT sensors under MEC servers); use
  /// `.smartphone` for phones.
  public var clientProfile: DeviceProfile
  /// The edge servers' device profile. Default `.edgeServer`.
  public var edgeProfile: DeviceProfile
  /// The cloud server's device profile. Default `.cloudServer`.
  public var cloudProfile: DeviceProfile
  /// The validators' device profile. Default `.edgeServer`.
  public var validatorProfile: DeviceProfile

  /// Tasks each client runs side by side. Default 1, as every generated node had before the
  /// cores were a parameter.
  public var clientCores: Int
  /// Tasks each edge server runs side by side. Default 1.
  public var edgeCores: Int
  /// Tasks the cloud server runs side by side. Default 1.
  public var cloudCores: Int
  /// Tasks each validator runs side by side. Default 1.
  public var validatorCores: Int

  /// Probability that a message crossing a client–edge access link is lost, in [0, 1).
  /// Default 0; wireless access is where loss is usually swept.
  public var accessLoss: Double
  /// Loss probability of an edge–cloud backhaul link, in [0, 1). Default 0.
  public var backhaulLoss: Double
  /// Loss probability of a validator's attachment link, in [0, 1). Default 0.
  public var attachmentLoss: Double
  /// Loss probability of a validator–validator link, in [0, 1). Default 0.
  public var validatorLoss: Double

  /// Whether an off-chain store `storage` hangs off the cloud (see the type's discussion).
  /// Default false.
  public var hasStorage: Bool
  /// One-way latency of the `cloud-storage` link. Default 1 ms: the store sits in the cloud's
  /// data centre, like a validator attached to the cloud (`attachmentLatency`).
  public var storageLatency: SimDuration
  /// Bandwidth of the `cloud-storage` link in each direction. Default 10 Gbps, a data-centre
  /// server link: with off-chain payloads every update and model crosses it, up to
  /// `edgeCount` × `backhaulBandwidth` (4 Gbps at the defaults) at once, so the store is not
  /// the bottleneck unless a scenario makes it one.
  public var storageBandwidth: BitRate

  /// An edge tree with the given parameters; every argument has the default documented on its
  /// property.
  public init(
    clientCount: Int = 20, edgeCount: Int = 4, validatorCount: Int = 4,
    validatorAttachment: ValidatorAttachment = .cloud,
    accessLatency: SimDuration = .milliseconds(5),
    accessBandwidth: BitRate = .megabitsPerSecond(50), accessUplinkBandwidth: BitRate? = nil,
    backhaulLatency: SimDuration = .milliseconds(20),
    backhaulBandwidth: BitRate = .gigabitsPerSecond(1),
    attachmentLatency: SimDuration = .milliseconds(1),
    attachmentBandwidth: BitRate = .gigabitsPerSecond(1),
    validatorLatency: SimDuration = .milliseconds(1),
    validatorBandwidth: BitRate = .megabitsPerSecond(100),
    clientProfile: DeviceProfile = .iotDevice, edgeProfile: DeviceProfile = .edgeServer,
    cloudProfile: DeviceProfile = .cloudServer, validatorProfile: DeviceProfile = .edgeServer,
    clientCores: Int = 1, edgeCores: Int = 1, cloudCores: Int = 1, validatorCores: Int = 1,
    accessLoss: Double = 0, backhaulLoss: Double = 0, attachmentLoss: Double = 0,
    validatorLoss: Double = 0, hasStorage: Bool = false,
    storageLatency: SimDuration = .milliseconds(1),
    storageBandwidth: BitRate = .gigabitsPerSecond(10)
  ) {
    self.clientCount = clientCount
    self.edgeCount = edgeCount
    self.validatorCount = validatorCount
    self.validatorAttachment = validatorAttachment
    self.accessLatency = accessLatency
    self.accessBandwidth = accessBandwidth
    self.accessUplinkBandwidth = accessUplinkBandwidth
    self.backhaulLatency = backhaulLatency
    self.backhaulBandwidth = backhaulBandwidth
    self.attachmentLatency = attachmentLatency
    self.attachmentBandwidth = attachmentBandwidth
    self.validatorLatency = validatorLatency
    self.validatorBandwidth = validatorBandwidth
    self.clientProfile = clientProfile
    self.edgeProfile = edgeProfile
    self.cloudProfile = cloudProfile
    self.validatorProfile = validatorProfile
    self.clientCores = clientCores
    self.edgeCores = edgeCores
    self.cloudCores = cloudCores
    self.validatorCores = validatorCores
    self.accessLoss = accessLoss
    self.backhaulLoss = backhaulLoss
    self.attachmentLoss = attachmentLoss
    self.validatorLoss = validatorLoss
    self.hasStorage = hasStorage
    self.storageLatency = storageLatency
    self.storageBandwidth = storageBandwidth
  }

  /// The largest accepted `clientCount`: 100,000, the scenario node limit. 100,000 clients
  /// build in well under a second (release) and about 60 MB.
  public static let maximumClientCount = 100_000
  /// The largest accepted `edgeCount`: 10,000 (at most `clientCount` in any case).
  public static let maximumEdgeCount = 10_000
  /// The largest accepted `validatorCount`: 1,000, whose full mesh is 499,500 links, about
  /// 0.5 s (release) and 90 MB to build; 10,000 validators would be 50 million links.
  public static let maximumValidatorCount = 1_000

  /// Builds the tree: `clientCount + edgeCount + 1 + validatorCount` nodes and
  /// `clientCount + edgeCount + validatorCount + validatorCount·(validatorCount − 1)/2` links,
  /// plus one node and one link with `hasStorage`.
  /// - Throws: `TopologyGenerationError` when a count, latency, bandwidth, core count or loss
  ///   rate is out of range, or when `validatorLatency` is too long for the mesh to carry traffic.
  /// - Complexity: O(N + L) for N nodes and L links.
  public func makeTopology() throws(TopologyGenerationError) -> Topology {
    try validate()
    var topology = Topology()
    let clients = (0..<clientCount).map {
      topology.addNode(
        name: "c\($0)", roles: [.client], profile: clientProfile, cores: clientCores)
    }
    let edges = (0..<edgeCount).map {
      topology.addNode(name: "e\($0)", roles: [.edge], profile: edgeProfile, cores: edgeCores)
    }
    let cloud = topology.addNode(
      name: "cloud", roles: [.server], profile: cloudProfile, cores: cloudCores)
    let validators = (0..<validatorCount).map {
      topology.addNode(
        name: "v\($0)", roles: [.validator], profile: validatorProfile, cores: validatorCores)
    }

    for (index, client) in clients.enumerated() {
      let edge = Self.block(of: index, items: clientCount, blocks: edgeCount)
      topology.addLink(
        name: "e\(edge)-c\(index)", between: edges[edge], and: client, latency: accessLatency,
        bandwidth: accessBandwidth, reverseBandwidth: accessUplinkBandwidth, lossRate: accessLoss)
    }
    for (index, edge) in edges.enumerated() {
      topology.addLink(
        name: "cloud-e\(index)", between: cloud, and: edge, latency: backhaulLatency,
        bandwidth: backhaulBandwidth, lossRate: backhaulLoss)
    }
    for (index, validator) in validators.enumerated() {
      let (parent, parentName): (NodeID, String)
      switch validatorAttachment {
      case .cloud:
        (parent, parentName) = (cloud, "cloud")
      case .edges:
        let edge = Self.block(of: index, items: validatorCount, blocks: edgeCount)
        (parent, parentName) = (edges[edge], "e\(edge)")
      }
      topology.addLink(
        name: "\(parentName)-v\(index)", between: parent, and: validator,
        latency: attachmentLatency, bandwidth: attachmentBandwidth, lossRate: attachmentLoss)
    }
    for i in 0..<validatorCount {
      for j in (i + 1)..<validatorCount {
        topology.addLink(
          name: "v\(i)-v\(j)", between: validators[i], and: validators[j],
          latency: validatorLatency, bandwidth: validatorBandwidth, lossRate: validatorLoss)
      }
    }
    if hasStorage {
      let storage = topology.addNode(name: "storage", roles: [.storage], profile: .cloudServer)
      topology.addLink(
        name: "cloud-storage", between: cloud, and: storage, latency: storageLatency,
        bandwidth: storageBandwidth)
    }
    return topology
  }

  /// The block that item `index` of `items` falls in when the items are cut into `blocks`
  /// contiguous blocks whose sizes differ by at most one, larger blocks first.
  ///
  /// With q = items / blocks and r = items % blocks, the first r blocks hold q + 1 items and the
  /// rest q: 10 items in 3 blocks are 0–3, 4–6, 7–9.
  static func block(of index: Int, items: Int, blocks: Int) -> Int {
    precondition(
      blocks > 0 && index >= 0 && index < items, "block(of: \(index), \(items), \(blocks))")
    let (quotient, remainder) = items.quotientAndRemainder(dividingBy: blocks)
    let largeItems = remainder * (quotient + 1)
    if index < largeItems { return index / (quotient + 1) }
    return remainder + (index - largeItems) / quotient
  }

  /// Checks every parameter, in declaration order.
  private func validate() throws(TopologyGenerationError) {
    let generator = "edge-tree"
    try TopologyGenerationError.checkCount(
      edgeCount, in: 1...Self.maximumEdgeCount, generator: generator, parameter: "edgeCount")
    try TopologyGenerationError.checkCount(
      clientCount, in: edgeCount...Self.maximumClientCount, generator: generator,
      parameter: "clientCount")
    try TopologyGenerationError.checkCount(
      validatorCount, in: 0...Self.maximumValidatorCount, generator: generator,
      parameter: "validatorCount")
    let latencies: [(SimDuration, String)] = [
      (accessLatency, "accessLatency"), (backhaulLatency, "backhaulLatency"),
      (attachmentLatency, "attachmentLatency"), (validatorLatency, "validatorLatency"),
      (storageLatency, "storageLatency"),
    ]
    for (latency, parameter) in latencies {
      try TopologyGenerationError.checkLatency(latency, generator: generator, parameter: parameter)
    }
    var bandwidths: [(BitRate, String)] = [
      (accessBandwidth, "accessBandwidth"), (backhaulBandwidth, "backhaulBandwidth"),
      (attachmentBandwidth, "attachmentBandwidth"), (validatorBandwidth, "validatorBandwidth"),
      (storageBandwidth, "storageBandwidth"),
    ]
    if let accessUplinkBandwidth {
      bandwidths.insert((accessUplinkBandwidth, "accessUplinkBandwidth"), at: 1)
    }
    for (bandwidth, parameter) in bandwidths {
      try TopologyGenerationError.checkBandwidth(
        bandwidth, generator: generator, parameter: parameter)
    }
    let cores = [
      (clientCores, "clientCores"), (edgeCores, "edgeCores"), (cloudCores, "cloudCores"),
      (validatorCores, "validatorCores"),
    ]
    for (count, parameter) in cores {
      try TopologyGenerationError.checkCores(count, generator: generator, parameter: parameter)
    }
    let losses = [
      (accessLoss, "accessLoss"), (backhaulLoss, "backhaulLoss"),
      (attachmentLoss, "attachmentLoss"), (validatorLoss, "validatorLoss"),
    ]
    for (rate, parameter) in losses {
      try TopologyGenerationError.checkLoss(rate, generator: generator, parameter: parameter)
    }
    try checkMeshIsShortest()
  }

  /// Throws unless a validator link is shorter than the shortest path through the tree between
  /// two validators, so that routes between validators cross their own link.
  private func checkMeshIsShortest() throws(TopologyGenerationError) {
    guard validatorCount >= 2 else { return }
    // Validators share a parent (the cloud, or an edge holding two) unless they are spread over
    // the edges one per edge; then the way round climbs to the cloud and back down.
    let sharesParent = validatorAttachment == .cloud || validatorCount > edgeCount
    var detour = 2 * Int128(attachmentLatency.nanoseconds)
    var shown = "2 × `attachmentLatency`"
    if !sharesParent {
      detour += 2 * Int128(backhaulLatency.nanoseconds)
      shown += " + 2 × `backhaulLatency`"
    }
    guard Int128(validatorLatency.nanoseconds) < detour else {
      let bound = SimDuration(nanoseconds: Int64(clamping: detour))
      throw .latencyOutOfRange(
        generator: "edge-tree", parameter: "validatorLatency", value: validatorLatency,
        accepted:
          "below \(bound) (\(shown), the way round through the tree), or validators would route around their own links"
      )
    }
  }
}
