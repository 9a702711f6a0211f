/// A bounded cache of clients' shortest-path trees, for the rare routes between two clients;
/// the oldest tree goes when a new one does not fit (first in, first out, so eviction depends only
/// on the order of requests, never on hashing).
///
/// The bound is in nodes rather than trees: about 2²⁰ tree entries (24 MiB) whatever the topology,
/// and never fewer than two trees.
struct ClientTreeCache: Sendable {
  /// The most trees kept at once.
  let capacity: Int
  private var trees: [Int: ShortestPathTree] = [:]
  /// The roots of the cached trees, oldest first from `oldest` (a ring once full).
  private var roots: [Int] = []
  private var oldest = 0

  /// The default bound: 2²⁰ node entries.
  static let defaultEntries = 1 << 20

  /// An empty cache for trees of `nodeCount` nodes, holding about `entries` node entries.
  init(nodeCount: Int, entries: Int = defaultEntries) {
    capacity = max(2, entries / max(1, nodeCount))
  }

  /// The cached tree rooted at `node`, if any.
  subscript(node: Int) -> ShortestPathTree? { trees[node] }

  /// Keeps `tree`, evicting the oldest tree when the cache is full.
  mutating func insert(_ tree: ShortestPathTree) {
    if roots.count < capacity {
      roots.append(tree.root)
    } else {
      trees[roots[oldest]] = nil
      roots[oldest] = tree.root
      oldest = (oldest + 1) % capacity
    }
    trees[tree.root] = tree
  }

  /// Drops every tree, keeping the bound.
  mutating func removeAll() {
    trees = [:]
    roots = []
    oldest = 0
  }

  /// How many trees are cached.
  var count: Int { trees.count }
}
