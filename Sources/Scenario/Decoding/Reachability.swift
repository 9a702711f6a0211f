import Platform
import SimCore

/// Which nodes a path of links joins: the connected components of a topology.
///
/// Decoding asks "can every client reach every validator?"; answered with a shortest-path tree
/// per client that costs O(clients × (V + E) log V) time and a tree of memory per client, which
/// hangs at 100,000 clients. Components answer every such question in O(1) after one O(V + E)
/// pass (union–find with path halving and union by size).
struct Reachability {
  private var parent: [Int]
  private var size: [Int]

  /// The components of `topology`.
  /// - Complexity: O((V + E) α(V)).
  init(_ topology: Topology) {
    parent = Array(0..<topology.nodes.count)
    size = Array(repeating: 1, count: topology.nodes.count)
    for link in topology.links { union(link.a.index, link.b.index) }
  }

  /// True when some path of links joins `a` and `b`.
  mutating func connects(_ a: NodeID, _ b: NodeID) -> Bool {
    root(a.index) == root(b.index)
  }

  private mutating func root(_ node: Int) -> Int {
    var node = node
    while parent[node] != node {
      parent[node] = parent[parent[node]]
      node = parent[node]
    }
    return node
  }

  private mutating func union(_ a: Int, _ b: Int) {
    var (x, y) = (root(a), root(b))
    if x == y { return }
    if size[x] < size[y] { swap(&x, &y) }
    parent[y] = x
    size[x] += size[y]
  }
}
