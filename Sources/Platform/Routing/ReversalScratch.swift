import SimCore

/// The working arrays of `ShortestPathTree.reversedPath(from:in:scratch:)`, kept between calls so
/// that a route costs only the nodes it visits. Visit marks are stamps compared with a counter, so
/// nothing is cleared between calls.
struct ReversalScratch: Sendable {
  private var stamp: UInt32 = 0
  private var mark: [UInt32] = []
  /// Per visited node, the predecessor chosen so far (-1 for none) and the link from it.
  var predecessor: [Int32] = []
  var predecessorLink: [Int32] = []
  var stack: [Int32] = []

  mutating func begin(nodeCount: Int) {
    if mark.count != nodeCount {
      mark = Array(repeating: 0, count: nodeCount)
      predecessor = Array(repeating: -1, count: nodeCount)
      predecessorLink = Array(repeating: -1, count: nodeCount)
      stamp = 0
    }
    stamp &+= 1
    if stamp == 0 {
      // After 2³² routes the stamps wrap: start the marks afresh.
      for i in mark.indices { mark[i] = 0 }
      stamp = 1
    }
    stack.removeAll(keepingCapacity: true)
  }

  mutating func visit(_ node: Int) {
    mark[node] = stamp
    predecessor[node] = -1
    stack.append(Int32(truncatingIfNeeded: node))
  }

  /// Offers `node` as `x`'s predecessor through `link`, visiting `x` if it is new. Only a
  /// strictly lower node replaces the one kept, so a later parallel link from the same node does
  /// not replace the first, as in the tree built from the source.
  mutating func offer(_ node: Int32, through link: LinkID, to x: Int) {
    if mark[x] != stamp { visit(x) }
    if predecessor[x] < 0 || node < predecessor[x] {
      predecessor[x] = node
      predecessorLink[x] = Int32(truncatingIfNeeded: link.index)
    }
  }
}
