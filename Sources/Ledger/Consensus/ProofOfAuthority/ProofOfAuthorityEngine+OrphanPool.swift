import SimCore

extension ProofOfAuthorityEngine {
  /// The blocks one node holds because their parent is not attached there yet, each with the
  /// peer it came from and whether to forward it once attached.
  ///
  /// The engine keeps orphans itself rather than in `ChainStore`'s pool so that a block is
  /// checked against its parent (the link, the slot and the signer limit) before it is
  /// attached. Dictionaries serve lookups only: children come back in arrival order.
  struct OrphanPool {
    struct Entry {
      let block: Block
      let source: Int
      let forwards: Bool
    }

    /// Held blocks by the parent hash they wait for, each list in arrival order.
    private var childrenByParent: [BlockHash: [Entry]] = [:]
    /// Each held block's parent hash, by the block's hash.
    private var parentByHash: [BlockHash: BlockHash] = [:]

    /// The number of blocks held.
    var count: Int { parentByHash.count }

    /// True when the block with `hash` is held.
    func contains(_ hash: BlockHash) -> Bool { parentByHash[hash] != nil }

    /// Holds `block`, received from `source`, until its parent is attached.
    mutating func hold(_ block: Block, from source: Int, forwards: Bool) {
      parentByHash[block.hash] = block.parentHash
      childrenByParent[block.parentHash, default: []].append(
        Entry(block: block, source: source, forwards: forwards))
    }

    /// Removes and returns the blocks waiting for `parent`, in arrival order.
    mutating func takeChildren(of parent: BlockHash) -> [Entry] {
      let children = childrenByParent.removeValue(forKey: parent) ?? []
      for child in children { parentByHash[child.block.hash] = nil }
      return children
    }

    /// Drops the held descendants of `hash` (whose parent proved invalid); returns how many.
    /// - Complexity: O(d) for d descendants.
    mutating func discardDescendants(of hash: BlockHash) -> Int {
      var count = 0
      var stack = [hash]
      while let next = stack.popLast() {
        for child in takeChildren(of: next) {
          count += 1
          stack.append(child.block.hash)
        }
      }
      return count
    }

    /// The first unknown ancestor of a block whose parent is `parent`: `parent` itself unless it
    /// is held, else the parent of the oldest held block on the way up.
    /// - Complexity: O(d) for d held blocks on the way.
    func missingAncestor(from parent: BlockHash) -> BlockHash {
      var hash = parent
      while let next = parentByHash[hash] { hash = next }
      return hash
    }
  }
}
