import SimCore

/// One root's shortest-latency tree (Dijkstra 1959): for every node, its distance from the root
/// and the link that reaches it on the tree.
///
/// A distance is the pair *(summed latency, hops)*, compared in that order, so among paths of
/// equal latency the one with fewer hops wins. Among paths equal in both, a node's tree link comes
/// from its lowest-numbered predecessor (and, between parallel links from that predecessor, the
/// first in its adjacency list). Since every link adds a positive pair `(latency ≥ 0, 1)`, a
/// node's predecessors are all settled before it, so its tree link is the lowest-numbered node `u`
/// with `distance(u) + (latency(u, v), 1) = distance(v)`: a function of the distances alone,
/// which `reversedPath(from:)` relies on.
///
/// Latencies are summed in `Int128`: a sum of Int64 latencies over fewer than 2⁶⁴ links cannot
/// overflow it, so a route longer than the simulated clock can represent is still measured
/// exactly, and reported rather than trapped on.
///
/// Storage: 25 bytes per node (latency, hops, tree link, tie flag).
struct ShortestPathTree: Sendable {
  /// The latency of nodes no path reaches.
  static let unreachable = Int128.max

  /// The root.
  let root: Int
  /// Per node, the summed one-way latency from the root in nanoseconds, or `unreachable`.
  private(set) var latency: [Int128]
  /// Per node, the hops of its tree path (meaningless where unreachable).
  private(set) var hops: [Int32]
  /// Per node, the link that reaches it on the tree: -1 for the root and unreachable nodes.
  private(set) var parentLink: [Int32]
  /// Per node, true when more than one link reaches it on a shortest path (the tree link won a
  /// tie); false means the tree link is the only one.
  private(set) var isTied: [Bool]

  /// The tree of `root` over `topology`, over the links and nodes that `health` has up (all of
  /// them when it is nil). A down root reaches only itself.
  /// - Complexity: O((V + E) log V) time, O(V) kept.
  init(root: NodeID, over topology: Topology, health: RoutingHealth? = nil) {
    let count = topology.nodes.count
    precondition(
      count < Int(Int32.max) && topology.links.count < Int(Int32.max),
      "ShortestPathTree: \(count) nodes and \(topology.links.count) links exceed Int32 ids")
    self.root = root.index
    var latency = [Int128](repeating: Self.unreachable, count: count)
    var hops = [Int32](repeating: .max, count: count)
    var parentLink = [Int32](repeating: -1, count: count)
    var parentNode = [Int32](repeating: .max, count: count)
    var isTied = [Bool](repeating: false, count: count)
    var done = [Bool](repeating: false, count: count)
    latency[root.index] = 0
    hops[root.index] = 0
    // A binary heap of (latency, hops, node) keys; stale entries are skipped when popped.
    var heap = MinHeap<Key>()
    if health?.isUp(node: root.index) ?? true {
      heap.push(Key(latency: 0, hops: 0, node: Int32(truncatingIfNeeded: root.index)))
    }
    while let key = heap.pop() {
      let u = Int(key.node)
      if done[u] { continue }
      done[u] = true
      for linkID in topology.adjacency[u] {
        let link = topology.links[linkID.index]
        let v = link.otherEnd(from: NodeID(u)).index
        if done[v] { continue }
        if let health, !health.isUp(link: linkID.index) || !health.isUp(node: v) { continue }
        let candidate = Key(
          latency: latency[u] + Int128(link.latency.nanoseconds), hops: hops[u] + 1,
          node: Int32(truncatingIfNeeded: v))
        let isShorter =
          candidate.latency < latency[v]
          || (candidate.latency == latency[v] && candidate.hops < hops[v])
        let isEqual = candidate.latency == latency[v] && candidate.hops == hops[v]
        if isShorter { isTied[v] = false } else if isEqual { isTied[v] = true }
        if isShorter || (isEqual && u < parentNode[v]) {
          latency[v] = candidate.latency
          hops[v] = candidate.hops
          parentLink[v] = Int32(truncatingIfNeeded: linkID.index)
          parentNode[v] = Int32(truncatingIfNeeded: u)
          heap.push(candidate)
        }
      }
    }
    self.latency = latency
    self.hops = hops
    self.parentLink = parentLink
    self.isTied = isTied
  }

  /// True when some path joins the root to `node`.
  func reaches(_ node: Int) -> Bool { latency[node] != Self.unreachable }

  /// The channels from the root to `destination` on the tree, in order.
  /// - Precondition: the root reaches `destination`.
  /// - Complexity: O(path length).
  func path(to destination: Int, in topology: Topology) -> [Channel] {
    precondition(reaches(destination), "ShortestPathTree: \(destination) is unreachable")
    var channels: [Channel] = []
    var node = destination
    while node != root {
      let link = topology.links[Int(parentLink[node])]
      let previous = link.otherEnd(from: NodeID(node))
      channels.append(Channel(link: link.id, isAToB: link.a == previous))
      node = previous.index
    }
    channels.reverse()
    return channels
  }

  /// The channels of the route from `source` to the root that `source`'s own tree would give,
  /// found from this tree alone.
  ///
  /// Links have one latency for both directions, so distances from the root are distances to it.
  /// A node `u` lies on a shortest path from `source` to the root exactly when it is reached by
  /// walking from `source` towards the root along links `u → x` with `distance(x) + (latency, 1)
  /// = distance(u)`; along such a path, `u`'s distance from `source` is the route's distance minus
  /// `u`'s distance here. So `source`'s tree link into `x` — its lowest-numbered predecessor `u`
  /// at distance `distance(x) + (latency, 1)` from the root, through `u`'s first such link — is
  /// found by visiting those nodes once and keeping, for each `x`, the lowest `u` seen. A node
  /// that no tie reaches has one such link, its tree link, and its neighbours need no scan.
  ///
  /// `health` must be the one the tree was built with: a down link can join two nodes whose
  /// distances happen to match, and is skipped.
  ///
  /// - Precondition: the root reaches `source`.
  /// - Complexity: O(path length + Σ degree over the tied nodes on shortest paths between the
  ///   two) — O(path length) on a tree topology — plus O(V) the first time `scratch` is used;
  ///   nothing is kept.
  func reversedPath(
    from source: Int, in topology: Topology, scratch: inout ReversalScratch,
    health: RoutingHealth? = nil
  ) -> [Channel] {
    precondition(reaches(source), "ShortestPathTree: \(source) is unreachable")
    scratch.begin(nodeCount: latency.count)
    scratch.visit(source)
    while let u = scratch.stack.popLast() {
      let node = Int(u)
      if node == root { continue }
      if !isTied[node] {
        let link = topology.links[Int(parentLink[node])]
        scratch.offer(u, through: link.id, to: link.otherEnd(from: NodeID(node)).index)
        continue
      }
      for linkID in topology.adjacency[node] {
        if let health, !health.isUp(link: linkID.index) { continue }
        let link = topology.links[linkID.index]
        let x = link.otherEnd(from: NodeID(node)).index
        guard
          latency[x] != Self.unreachable,
          latency[x] + Int128(link.latency.nanoseconds) == latency[node],
          hops[x] + 1 == hops[node]
        else { continue }
        scratch.offer(u, through: linkID, to: x)
      }
    }
    var channels: [Channel] = []
    var node = root
    while node != source {
      let previous = Int(scratch.predecessor[node])
      let link = topology.links[Int(scratch.predecessorLink[node])]
      channels.append(Channel(link: link.id, isAToB: link.a.index == previous))
      node = previous
    }
    channels.reverse()
    return channels
  }

  private struct Key: Comparable {
    var latency: Int128
    var hops: Int32
    var node: Int32
    static func < (a: Key, b: Key) -> Bool {
      (a.latency, a.hops, a.node) < (b.latency, b.hops, b.node)
    }
  }
}
