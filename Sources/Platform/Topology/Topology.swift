import SimCore

/// The hosts and links of a scenario: the static part of the platform.
///
/// Build one with `addNode` and `addLink` (or a generator), which check names and endpoints with
/// preconditions; the scenario decoder checks input first and turns problems into errors that name
/// the file and field.
public struct Topology: Sendable {
  /// Every node, indexed by `NodeID.index`.
  public private(set) var nodes: [Node] = []
  /// Every link, indexed by `LinkID.index`.
  public private(set) var links: [Link] = []
  /// The links at each node, in ascending link order.
  public private(set) var adjacency: [[LinkID]] = []
  // Name indexes for O(1) lookups; only looked up, never iterated, so hash order cannot leak.
  private var nodeIndex: [String: NodeID] = [:]
  private var linkIndex: [String: LinkID] = [:]

  /// An empty topology.
  public init() {}

  /// The node called `name`, if any.
  public func node(named name: String) -> Node? { nodeIndex[name].map { nodes[$0.index] } }

  /// The link called `name`, if any.
  public func link(named name: String) -> Link? { linkIndex[name].map { links[$0.index] } }

  /// The nodes holding `role`, in ascending ID order.
  public func nodes(withRole role: NodeRole) -> [Node] { nodes.filter { $0.has(role) } }

  /// The capacity of `channel` in bits per second.
  public func bandwidth(of channel: Channel) -> BitRate {
    let link = links[channel.link.index]
    return channel.isAToB ? link.bandwidthAToB : link.bandwidthBToA
  }

  /// The number of channels (two per link).
  public var channelCount: Int { links.count * 2 }

  /// Adds a node and returns its ID.
  /// - Precondition: the name is new.
  @discardableResult
  public mutating func addNode(
    name: String, roles: [NodeRole], profile: DeviceProfile, cores: Int = 1
  )
    -> NodeID
  {
    precondition(node(named: name) == nil, "Topology: duplicate node name \(name)")
    let id = NodeID(nodes.count)
    nodes.append(Node(id: id, name: name, roles: roles, profile: profile, cores: cores))
    nodeIndex[name] = id
    adjacency.append([])
    return id
  }

  /// Adds a link and returns its ID. Without an explicit class, the class is inferred from the
  /// endpoints' roles (see `LinkClass.infer`).
  /// - Precondition: the name is new and both endpoints exist.
  @discardableResult
  public mutating func addLink(
    name: String, between a: NodeID, and b: NodeID, latency: SimDuration, bandwidth: BitRate,
    reverseBandwidth: BitRate? = nil, lossRate: Double = 0, linkClass: String? = nil
  ) -> LinkID {
    precondition(link(named: name) == nil, "Topology: duplicate link name \(name)")
    precondition(
      a.index < nodes.count && b.index < nodes.count, "Topology: link \(name) names an unknown node"
    )
    let id = LinkID(links.count)
    let resolvedClass = linkClass ?? LinkClass.infer(nodes[a.index], nodes[b.index])
    links.append(
      Link(
        id: id, name: name, between: a, and: b, latency: latency, bandwidthAToB: bandwidth,
        bandwidthBToA: reverseBandwidth ?? bandwidth, lossRate: lossRate, linkClass: resolvedClass))
    linkIndex[name] = id
    adjacency[a.index].append(id)
    adjacency[b.index].append(id)
    return id
  }
}
