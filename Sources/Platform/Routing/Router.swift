import SimCore

/// Shortest-latency routes over a topology, computed lazily.
///
/// Ties are broken deterministically: among paths of equal latency, the one with fewer hops; among
/// those, the one whose last hop comes from the lower-numbered node (numbering follows the order
/// of the scenario file). See `ShortestPathTree`.
///
/// **Which trees are kept.** A run has many clients but few other senders (servers, edges,
/// validators, storage), and clients talk to those, not to each other. So:
/// - a route from a node that is not a client is read from that node's own tree, built on first
///   use and kept: O((V + E) log V) once, then O(path length) per route;
/// - a route from a client to a node that is not one is read *backwards* from the destination's
///   tree (built and kept as above), with exactly the route the client's own tree would give:
///   O(Σ degree over the nodes on shortest paths between the two) per route, nothing kept;
/// - a route between two clients comes from a small first-in-first-out cache of client trees
///   (`ClientTreeCache`: about 2²⁰ node entries, 24 MiB, in all).
///
/// Memory is thus O(V + E + (non-client endpoints) × V) however many clients send. A client is
/// a node whose roles are `client` (and possibly `router`) only.
///
/// **Health.** Nodes and links can be set down and up again (`setNode(_:up:)`,
/// `setLink(_:up:)`): routes avoid down links and down nodes, and none starts or ends at a down
/// node. Every change of health drops all trees, which are rebuilt lazily under the new health;
/// while nothing is down, trees are built exactly as if health did not exist.
///
/// **Long routes.** Latencies are summed exactly (in `Int128`), so no topology makes the search
/// overflow. `path(from:to:)` reports any route with its exact latency, including one longer than
/// `SimDuration` can hold (about 292 years), which `route(from:to:)` does not return.
public struct Router: Sendable {
  /// The topology routed over.
  public let topology: Topology
  /// Per node, true for a client (see the type's overview).
  private let isClient: [Bool]
  /// The trees of the non-client nodes that were an endpoint of some route, by root.
  /// Only lookups touch the dictionary, never iteration.
  private var trees: [Int: ShortestPathTree] = [:]
  private var clientTrees: ClientTreeCache
  private var scratch = ReversalScratch()
  private var health: RoutingHealth

  /// A router over `topology`; no tree is built until a route is asked for.
  public init(topology: Topology) {
    self.init(topology: topology, clientTreeEntries: ClientTreeCache.defaultEntries)
  }

  /// A router whose client-tree cache holds about `clientTreeEntries` node entries; for tests.
  init(topology: Topology, clientTreeEntries: Int) {
    self.topology = topology
    self.isClient = topology.nodes.map { node in
      node.has(.client) && node.roles.allSatisfy { $0 == .client || $0 == .router }
    }
    self.clientTrees = ClientTreeCache(nodeCount: topology.nodes.count, entries: clientTreeEntries)
    self.health = RoutingHealth(nodeCount: topology.nodes.count, linkCount: topology.links.count)
  }

  /// The route from `source` to `destination`, or nil when no path joins them or when the
  /// shortest path's latency exceeds `SimDuration`'s range (`path(from:to:)` tells the two
  /// apart).
  public mutating func route(from source: NodeID, to destination: NodeID) -> Route? {
    guard let path = path(from: source, to: destination),
      path.latencyNanoseconds <= Int128(Int64.max)
    else { return nil }
    return Route(
      channels: path.channels,
      latency: SimDuration(nanoseconds: Int64(path.latencyNanoseconds)))
  }

  /// The channels and exact latency (nanoseconds, possibly beyond `SimDuration`'s range) of the
  /// route from `source` to `destination`, or nil when no path joins them.
  package mutating func path(from source: NodeID, to destination: NodeID)
    -> (channels: [Channel], latencyNanoseconds: Int128)?
  {
    if source == destination { return health.isUp(node: source.index) ? ([], 0) : nil }
    let (tree, isRootedAtSource) = self.tree(from: source.index, to: destination.index)
    let other = isRootedAtSource ? destination.index : source.index
    guard tree.reaches(other) else { return nil }
    let channels =
      isRootedAtSource
      ? tree.path(to: destination.index, in: topology)
      : tree.reversedPath(
        from: source.index, in: topology, scratch: &scratch, health: treeHealth)
    return (channels, tree.latency[other])
  }

  // MARK: - Health

  /// True unless `node` is down.
  public func isUp(_ node: NodeID) -> Bool { health.isUp(node: node.index) }

  /// True unless `link` is down.
  public func isUp(_ link: LinkID) -> Bool { health.isUp(link: link.index) }

  /// True while no node and no link is down.
  public var isAllUp: Bool { health.isAllUp }

  /// Sets `node` up or down; later routes avoid it while it is down. Returns false (and keeps
  /// every tree) when the node already was in that state.
  /// - Complexity: O(1); the trees dropped on a change are rebuilt on demand.
  @discardableResult
  public mutating func setNode(_ node: NodeID, up: Bool) -> Bool {
    precondition(node.index < topology.nodes.count, "Router: unknown node \(node)")
    guard health.setNode(node.index, isUp: up) else { return false }
    dropTrees()
    return true
  }

  /// Sets `link` up or down; later routes avoid it while it is down. Returns false (and keeps
  /// every tree) when the link already was in that state.
  /// - Complexity: O(1); the trees dropped on a change are rebuilt on demand.
  @discardableResult
  public mutating func setLink(_ link: LinkID, up: Bool) -> Bool {
    precondition(link.index < topology.links.count, "Router: unknown link \(link)")
    guard health.setLink(link.index, isUp: up) else { return false }
    dropTrees()
    return true
  }

  /// The health trees are built under: nil while everything is up, so that a run without faults
  /// builds its trees exactly as before health existed.
  private var treeHealth: RoutingHealth? { health.isAllUp ? nil : health }

  private mutating func dropTrees() {
    trees = [:]
    clientTrees.removeAll()
  }

  /// How many shortest-path trees the router holds (kept and cached); for tests.
  package var treeCount: Int { trees.count + clientTrees.count }

  // MARK: - Choosing the tree

  /// The tree a route from `source` to `destination` is read from: `source`'s own (true), or
  /// `destination`'s, walked backwards (false). See the type's overview.
  private mutating func tree(from source: Int, to destination: Int)
    -> (tree: ShortestPathTree, isRootedAtSource: Bool)
  {
    if let tree = trees[source] { return (tree, true) }
    guard isClient[source] else { return (keptTree(source), true) }
    if !isClient[destination] { return (keptTree(destination), false) }
    if let tree = clientTrees[source] { return (tree, true) }
    if let tree = clientTrees[destination] { return (tree, false) }
    let tree = ShortestPathTree(root: NodeID(source), over: topology, health: treeHealth)
    clientTrees.insert(tree)
    return (tree, true)
  }

  /// The kept tree of non-client `root`, built on first use.
  private mutating func keptTree(_ root: Int) -> ShortestPathTree {
    if let tree = trees[root] { return tree }
    let tree = ShortestPathTree(root: NodeID(root), over: topology, health: treeHealth)
    trees[root] = tree
    return tree
  }
}
