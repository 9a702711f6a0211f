import SimCore

/// Edge servers, clients, a cloud server and validators attached to the points of presence (PoPs)
/// of a backbone — typically an Internet Topology Zoo graph from `GraphMLImporter`, whose nodes are
/// routers — so that federated learning runs over a real wide-area network: traffic between
/// clients, servers and validators crosses the backbone's links with their real geography.
///
/// **What is added.** Every node of the backbone is a PoP and keeps its ID, name, roles and links.
/// The attached nodes come after them in four groups, each group in the backbone's node order,
/// and the links in the same order as their nodes:
/// 1. with `hasEdgeServers`, an edge server `edge-<pop>` per PoP (role `edge`, and `validator`
///    too with `validators == .onEdgeServers`), linked `<pop>-edge-<pop>` with the backhaul
///    parameters;
/// 2. with `serverPoP`, the cloud server `cloud` (role `server`), linked `<pop>-cloud` with the
///    cloud parameters (the backhaul's unless set);
/// 3. with `validators == .atPoPs(…)`, a validator `validator-<pop>` per listed PoP, linked
///    `<pop>-validator-<pop>` with the attachment parameters;
/// 4. `clientsPerPoP` clients `<pop>-c0`, `<pop>-c1`, … per PoP, linked to the PoP's edge server
///    (`edge-<pop>-<pop>-c<i>`) or, without edge servers, to the PoP itself (`<pop>-<pop>-c<i>`),
///    with the access parameters.
///
/// The clients come last because their count is the parameter most often swept: changing it
/// leaves the ID of every other node and link, and so every per-link random stream, in place.
/// The endpoint nearer the backbone is always `a`, so each `…Bandwidth` is the downward direction,
/// as in `EdgeTreeTopology`, whose parameter names and defaults these follow where the meaning is
/// the same. Link classes are inferred from the roles (`edge-core`, `client-edge`, …).
///
/// **No validator mesh.** Unlike `EdgeTreeTopology`, which meshes its validators because it has
/// no network between them worth the name, validators here talk over the backbone: its latencies
/// are what a Zoo import is for.
///
/// ```swift
/// var attachment = BackboneAttachment()
/// attachment.hasEdgeServers = true
/// attachment.clientsPerPoP = 2
/// attachment.serverPoP = backbone.node(named: "New York")?.id
/// let topology = try attachment.attach(to: backbone)
/// ```
public struct BackboneAttachment: Sendable, Hashable {
  /// Where validators are attached.
  public enum ValidatorPlacement: Sendable, Hashable {
    /// No validator is added.
    case noValidators
    /// Every edge server is a validator as well; needs `hasEdgeServers`.
    case onEdgeServers
    /// A validator node beside each of these PoPs (backbone node IDs, distinct); they are added
    /// in the backbone's node order whatever the order given.
    case atPoPs([NodeID])
  }

  /// Whether every PoP gets an edge server. Default false.
  public var hasEdgeServers: Bool
  /// Clients attached under each PoP. Default 0; at most `maximumClientCount` in all.
  public var clientsPerPoP: Int
  /// The PoP the cloud server `cloud` is attached to; nil (the default) adds none.
  public var serverPoP: NodeID?
  /// Where validators go. Default `.noValidators`.
  public var validators: ValidatorPlacement

  /// One-way latency of an edge server's link to its PoP. Default 1 ms: the edge (MEC) site is
  /// in the PoP's metro area, about 200 km of fibre at most. (The tree's 20 ms backhaul stands
  /// for the whole way to a distant cloud, which here the backbone models.)
  public var backhaulLatency: SimDuration
  /// Bandwidth of an edge server's link to its PoP in each direction. Default 1 Gbps, the
  /// tree's backhaul and the importer's default backbone link.
  public var backhaulBandwidth: BitRate
  /// Loss probability of an edge server's link to its PoP, in [0, 1). Default 0.
  public var backhaulLoss: Double
  /// One-way latency of a client's access link. Default 5 ms, the tree's.
  public var accessLatency: SimDuration
  /// Downlink bandwidth of a client's access link. Default 50 Mbps, the tree's.
  public var accessBandwidth: BitRate
  /// Uplink bandwidth of a client's access link; nil (the default) means `accessBandwidth`.
  public var accessUplinkBandwidth: BitRate?
  /// Loss probability of a client's access link, in [0, 1). Default 0.
  public var accessLoss: Double
  /// One-way latency of the cloud server's link to its PoP; nil (the default) means
  /// `backhaulLatency`.
  public var cloudLatency: SimDuration?
  /// Bandwidth of the cloud server's link in each direction; nil (the default) means
  /// `backhaulBandwidth`.
  public var cloudBandwidth: BitRate?
  /// Loss probability of the cloud server's link; nil (the default) means `backhaulLoss`.
  public var cloudLoss: Double?
  /// One-way latency of a validator's link to its PoP. Default 1 ms (co-located), the tree's.
  public var attachmentLatency: SimDuration
  /// Bandwidth of a validator's link in each direction. Default 1 Gbps, the tree's.
  public var attachmentBandwidth: BitRate
  /// Loss probability of a validator's link, in [0, 1). Default 0.
  public var attachmentLoss: Double

  /// The clients' device profile. Default `.iotDevice`, the tree's.
  public var clientProfile: DeviceProfile
  /// The edge servers' device profile. Default `.edgeServer`.
  public var edgeProfile: DeviceProfile
  /// The cloud server's device profile. Default `.cloudServer`.
  public var cloudProfile: DeviceProfile
  /// The attached validators' device profile. Default `.edgeServer`, the tree's.
  public var validatorProfile: DeviceProfile
  /// Tasks each client runs side by side. Default 1.
  public var clientCores: Int
  /// Tasks each edge server runs side by side. Default 1.
  public var edgeCores: Int
  /// Tasks the cloud server runs side by side. Default 1.
  public var cloudCores: Int
  /// Tasks each attached validator runs side by side. Default 1.
  public var validatorCores: Int

  /// An attachment that adds nothing; set the parameters to add what is needed.
  public init() {
    hasEdgeServers = false
    clientsPerPoP = 0
    serverPoP = nil
    validators = .noValidators
    backhaulLatency = .milliseconds(1)
    backhaulBandwidth = .gigabitsPerSecond(1)
    backhaulLoss = 0
    let tree = EdgeTreeTopology()
    accessLatency = tree.accessLatency
    accessBandwidth = tree.accessBandwidth
    accessUplinkBandwidth = nil
    accessLoss = 0
    cloudLatency = nil
    cloudBandwidth = nil
    cloudLoss = nil
    attachmentLatency = tree.attachmentLatency
    attachmentBandwidth = tree.attachmentBandwidth
    attachmentLoss = 0
    clientProfile = tree.clientProfile
    edgeProfile = tree.edgeProfile
    cloudProfile = tree.cloudProfile
    validatorProfile = tree.validatorProfile
    clientCores = 1
    edgeCores = 1
    cloudCores = 1
    validatorCores = 1
  }

  /// The most clients attached in all: 100,000, the edge tree's `maximumClientCount`.
  public static let maximumClientCount = EdgeTreeTopology.maximumClientCount

  /// The generator name errors give: these parameters are fields of the `graphml` topology.
  static let generatorName = "graphml"

  /// The backbone with the nodes and links of the type's discussion added. With the defaults it
  /// is the backbone unchanged.
  /// - Throws: `TopologyGenerationError` when a count, latency, bandwidth, loss rate or core count
  ///   is out of range, when validators are put on edge servers that are not there, or when a
  ///   name to add is taken.
  /// - Precondition: `serverPoP` and the validators' PoPs are nodes of `backbone`, listed once.
  /// - Complexity: O(N + L) for the N nodes and L links of the result.
  public func attach(to backbone: Topology) throws(TopologyGenerationError) -> Topology {
    try validate(popCount: backbone.nodes.count)
    let pops = backbone.nodes.map(\.id)
    var builder = Builder(topology: backbone)
    var edges: [NodeID] = []
    if hasEdgeServers {
      let roles: [NodeRole] = validators == .onEdgeServers ? [.edge, .validator] : [.edge]
      for pop in pops {
        let edge = try builder.addNode(
          "edge-\(builder.name(pop))", roles: roles, profile: edgeProfile, cores: edgeCores)
        try builder.addLink(
          pop, edge, latency: backhaulLatency, bandwidth: backhaulBandwidth, loss: backhaulLoss)
        edges.append(edge)
      }
    }
    if let serverPoP {
      precondition(serverPoP.index < pops.count, "BackboneAttachment: no PoP \(serverPoP)")
      let cloud = try builder.addNode(
        "cloud", roles: [.server], profile: cloudProfile, cores: cloudCores)
      try builder.addLink(
        serverPoP, cloud, latency: cloudLatency ?? backhaulLatency,
        bandwidth: cloudBandwidth ?? backhaulBandwidth, loss: cloudLoss ?? backhaulLoss)
    }
    if case .atPoPs(let listed) = validators {
      let sorted = listed.sorted { $0.index < $1.index }
      for (index, pop) in sorted.enumerated() {
        precondition(pop.index < pops.count, "BackboneAttachment: no PoP \(pop)")
        precondition(index == 0 || sorted[index - 1] != pop, "BackboneAttachment: \(pop) twice")
        let validator = try builder.addNode(
          "validator-\(builder.name(pop))", roles: [.validator], profile: validatorProfile,
          cores: validatorCores)
        try builder.addLink(
          pop, validator, latency: attachmentLatency, bandwidth: attachmentBandwidth,
          loss: attachmentLoss)
      }
    }
    for pop in pops {
      let parent = hasEdgeServers ? edges[pop.index] : pop
      for index in 0..<clientsPerPoP {
        let client = try builder.addNode(
          "\(builder.name(pop))-c\(index)", roles: [.client], profile: clientProfile,
          cores: clientCores)
        try builder.addLink(
          parent, client, latency: accessLatency, bandwidth: accessBandwidth,
          reverseBandwidth: accessUplinkBandwidth, loss: accessLoss)
      }
    }
    return builder.topology
  }

  /// Checks every parameter, in declaration order.
  private func validate(popCount: Int) throws(TopologyGenerationError) {
    let generator = Self.generatorName
    try TopologyGenerationError.checkCount(
      clientsPerPoP, in: 0...Self.maximumClientCount, generator: generator,
      parameter: "clientsPerPoP")
    if popCount > 0 && clientsPerPoP > Self.maximumClientCount / popCount {
      throw .countOutOfRange(
        generator: generator, parameter: "clientsPerPoP", value: clientsPerPoP,
        accepted: "at most \(Self.maximumClientCount / popCount) with \(popCount) PoPs, so "
          + "that there are at most \(Self.maximumClientCount) clients in all")
    }
    if validators == .onEdgeServers && !hasEdgeServers {
      throw .unmetRequirement(
        generator: generator, parameter: "validators",
        reason: "puts validators on the edge servers, but there are none; add them with "
          + "`edgeServers` or list the PoPs that get a validator")
    }
    let latencies = [
      (backhaulLatency, "backhaulLatency"), (accessLatency, "accessLatency"),
      (cloudLatency ?? backhaulLatency, "cloudLatency"),
      (attachmentLatency, "attachmentLatency"),
    ]
    for (latency, parameter) in latencies {
      try TopologyGenerationError.checkLatency(latency, generator: generator, parameter: parameter)
    }
    let bandwidths = [
      (backhaulBandwidth, "backhaulBandwidth"), (accessBandwidth, "accessBandwidth"),
      (accessUplinkBandwidth ?? accessBandwidth, "accessUplinkBandwidth"),
      (cloudBandwidth ?? backhaulBandwidth, "cloudBandwidth"),
      (attachmentBandwidth, "attachmentBandwidth"),
    ]
    for (bandwidth, parameter) in bandwidths {
      try TopologyGenerationError.checkBandwidth(
        bandwidth, generator: generator, parameter: parameter)
    }
    let losses = [
      (backhaulLoss, "backhaulLoss"), (accessLoss, "accessLoss"),
      (cloudLoss ?? backhaulLoss, "cloudLoss"), (attachmentLoss, "attachmentLoss"),
    ]
    for (rate, parameter) in losses {
      try TopologyGenerationError.checkLoss(rate, generator: generator, parameter: parameter)
    }
    let cores = [
      (clientCores, "clientCores"), (edgeCores, "edgeCores"), (cloudCores, "cloudCores"),
      (validatorCores, "validatorCores"),
    ]
    for (count, parameter) in cores {
      try TopologyGenerationError.checkCores(count, generator: generator, parameter: parameter)
    }
  }
}

// MARK: - Building

extension BackboneAttachment {
  /// Adds nodes and links to a copy of the backbone, refusing a name that is taken instead of
  /// failing `Topology`'s preconditions: a Zoo graph may already have a node called `cloud`.
  private struct Builder {
    var topology: Topology

    /// The name of `node`.
    func name(_ node: NodeID) -> String { topology.nodes[node.index].name }

    mutating func addNode(_ name: String, roles: [NodeRole], profile: DeviceProfile, cores: Int)
      throws(TopologyGenerationError) -> NodeID
    {
      guard topology.node(named: name) == nil else {
        throw .nameTaken(generator: BackboneAttachment.generatorName, kind: "node", name: name)
      }
      return topology.addNode(name: name, roles: roles, profile: profile, cores: cores)
    }

    /// Adds the link `<parent>-<child>`, `parent` as endpoint `a`.
    mutating func addLink(
      _ parent: NodeID, _ child: NodeID, latency: SimDuration, bandwidth: BitRate,
      reverseBandwidth: BitRate? = nil, loss: Double
    ) throws(TopologyGenerationError) {
      let name = "\(name(parent))-\(name(child))"
      guard topology.link(named: name) == nil else {
        throw .nameTaken(generator: BackboneAttachment.generatorName, kind: "link", name: name)
      }
      topology.addLink(
        name: name, between: parent, and: child, latency: latency, bandwidth: bandwidth,
        reverseBandwidth: reverseBandwidth, lossRate: loss)
    }
  }
}
