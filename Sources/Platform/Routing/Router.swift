import SimCore

/// Shortest-latency routes over a topology, computed lazily per source and cached.
///
/// Ties are broken deterministically: among paths of equal latency, the one with fewer hops; among
/// those, the one whose last hop comes from the lower-numbered node (numbering follows the order
/// of the scenario file). The cache is a dictionary, but only lookups touch it, never iteration.
///
/// - Complexity: O((V + E) log V) per source on first use; O(path length) per lookup after.
public struct Router: Sendable {
  public let topology: Topology
  /// Per source: for each node, the link that reaches it on the shortest-path tree (nil for the
  /// source and for unreachable nodes), plus distance.
  private var trees: [Int: Tree] = [:]

  private struct Tree: Sendable {
    var parentLink: [LinkID?]
    var latency: [Int64]
  }

  public init(topology: Topology) { self.topology = topology }

  /// The route from `source` to `destination`, or nil when no path joins them.
  public mutating func route(from source: NodeID, to destination: NodeID) -> Route? {
    if source == destination { return Route(channels: [], latency: .zero) }
    let tree = self.tree(from: source)
    guard tree.latency[destination.index] != .max else { return nil }
    var channels: [Channel] = []
    var node = destination
    while node != source {
      let linkID = tree.parentLink[node.index]!
      let link = topology.links[linkID.index]
      let previous = link.otherEnd(from: node)
      channels.append(Channel(link: linkID, isAToB: link.a == previous))
      node = previous
    }
    channels.reverse()
    return Route(
      channels: channels, latency: SimDuration(nanoseconds: tree.latency[destination.index]))
  }

  private mutating func tree(from source: NodeID) -> Tree {
    if let cached = trees[source.index] { return cached }
    let count = topology.nodes.count
    var latency = [Int64](repeating: .max, count: count)
    var hops = [Int](repeating: .max, count: count)
    var parentLink = [LinkID?](repeating: nil, count: count)
    var parentNode = [Int](repeating: .max, count: count)
    var done = [Bool](repeating: false, count: count)
    latency[source.index] = 0
    hops[source.index] = 0
    // A binary heap of (latency, hops, node) keys; stale entries are skipped when popped.
    var heap = MinHeap<Key>()
    heap.push(Key(latency: 0, hops: 0, node: source.index))
    while let key = heap.pop() {
      let u = key.node
      if done[u] { continue }
      done[u] = true
      for linkID in topology.adjacency[u] {
        let link = topology.links[linkID.index]
        let v = link.otherEnd(from: NodeID(u)).index
        if done[v] { continue }
        let candidate = Key(
          latency: latency[u] + link.latency.nanoseconds, hops: hops[u] + 1, node: v)
        let current = Key(latency: latency[v], hops: hops[v], node: v)
        let better =
          candidate.latency < current.latency
          || (candidate.latency == current.latency && candidate.hops < current.hops)
          || (candidate.latency == current.latency && candidate.hops == current.hops
            && u < parentNode[v])
        if better {
          latency[v] = candidate.latency
          hops[v] = candidate.hops
          parentLink[v] = linkID
          parentNode[v] = u
          heap.push(candidate)
        }
      }
    }
    let tree = Tree(parentLink: parentLink, latency: latency)
    trees[source.index] = tree
    return tree
  }

  private struct Key: Comparable {
    var latency: Int64
    var hops: Int
    var node: Int
    static func < (a: Key, b: Key) -> Bool {
      (a.latency, a.hops, a.node) < (b.latency, b.hops, b.node)
    }
  }
}
