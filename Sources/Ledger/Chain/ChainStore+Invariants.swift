extension ChainStore {
  /// Checks the tree's links, the main chain and the fork-choice rule; for tests and debug
  /// builds.
  /// - Complexity: O(n) for n attached blocks.
  public func checkInvariants() {
    precondition(nodes[0].parent == Self.noParent, "ChainStore: node 0 is not the genesis block")
    var maxHeight = 0
    var firstAtMaxHeight = 0
    for (index, node) in nodes.enumerated() {
      precondition(
        nodeByHash[node.block.hash] == index, "ChainStore: \(node.block.hash) is mis-indexed")
      if index > 0 {
        let parent = nodes[node.parent]
        precondition(
          node.parent < index && parent.block.height + 1 == node.block.height
            && parent.block.hash == node.block.parentHash
            && parent.children.contains(index),
          "ChainStore: \(node.block.hash) is not linked to its parent \(parent.block.hash)")
      }
      if node.block.height > maxHeight {
        maxHeight = node.block.height
        firstAtMaxHeight = index
      }
    }
    precondition(nodeByHash.count == nodes.count, "ChainStore: index has stale entries")
    precondition(
      headIndex == firstAtMaxHeight,
      "ChainStore: head is node \(headIndex), but node \(firstAtMaxHeight) is the first attached"
        + " at the greatest height \(maxHeight)")
    for (height, index) in mainChain.enumerated() {
      precondition(
        nodes[index].block.height == height
          && (height == 0 || nodes[index].parent == mainChain[height - 1]),
        "ChainStore: main chain broken at height \(height)")
    }
    var waiting = 0
    for orphans in orphansByParent.values {
      for orphan in orphans {
        waiting += 1
        precondition(
          orphanHashes.contains(orphan.hash), "ChainStore: orphan set lost \(orphan.hash)")
        precondition(
          nodeByHash[orphan.hash] == nil, "ChainStore: \(orphan.hash) is attached and orphaned")
      }
    }
    precondition(
      waiting == orphanHashes.count,
      "ChainStore: \(waiting) orphans waiting, set has \(orphanHashes.count)")
  }
}
