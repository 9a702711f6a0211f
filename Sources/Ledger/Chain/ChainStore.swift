import SimCore

/// One node's view of the chain: every block it has attached, as a tree rooted at the genesis
/// block, with the head chosen by the longest-chain rule, plus the orphans waiting for their
/// parents.
///
/// ```swift
/// var chain = ChainStore(genesis: genesis)
/// let update = try chain.add(received)          // after BlockValidator accepted it
/// if let change = update.headChange, change.isReorganisation { … }
/// chain.isConfirmed(transaction.id, depth: 6)
/// ```
///
/// **Fork choice.** The head is the block of greatest height; among blocks of equal height the
/// one attached first wins, so a competing fork of the same length never displaces the head
/// (the rule of Bitcoin Core, and deterministic: attachment order is the order of `add` calls).
/// The head moves only to a strictly higher block; when that block is not a descendant of the
/// old head, the update reports a reorganisation.
///
/// **Stale blocks** are attached blocks off the main chain: `blockCount − (height + 1)`; the
/// count rises and falls with reorganisations, and is final once forks stop growing.
///
/// **Confirmations** follow Bitcoin's convention: a transaction in the head block has one
/// confirmation, and each block on top adds one.
///
/// **Orphans.** A block whose parent is unknown waits in a pool and is attached, with the
/// orphans waiting for it, when the parent arrives. The store checks only the link it needs
/// (height = parent's + 1); run `BlockValidator` before `add` (or `validateContents` for a
/// block that arrives before its parent).
///
/// Blocks are kept in arrays indexed by attachment order; dictionaries serve lookups only, so
/// no hash order reaches a result.
public struct ChainStore: Sendable {
  struct Node: Sendable {
    let block: Block
    /// The parent's index, or `noParent` for the genesis block.
    let parent: Int
    /// Children's indices in attachment order.
    var children: [Int]
  }

  static let noParent = -1

  /// Attached blocks in attachment order; index 0 is the genesis block.
  var nodes: [Node]
  var nodeByHash: [BlockHash: Int]
  /// The main chain's node indices by height: `mainChain[h]` is the block at height h.
  var mainChain: [Int]
  /// Orphans by the parent they wait for, each list in arrival order.
  var orphansByParent: [BlockHash: [Block]] = [:]
  var orphanHashes: Set<BlockHash> = []
  /// The attached blocks holding each transaction, in attachment order.
  var nodesByTransaction: [TransactionID: [Int]] = [:]

  /// A store holding only `genesis`, which is trusted as given.
  /// - Precondition: `genesis` is at height 0.
  public init(genesis: Block) {
    precondition(genesis.height == 0, "ChainStore: genesis block at height \(genesis.height)")
    nodes = []
    nodeByHash = [:]
    mainChain = [0]
    _ = attach(genesis, parent: Self.noParent)
  }

  /// Adds `block`: attaches it when its parent is known (then any orphans waiting for it),
  /// keeps it as an orphan otherwise, and moves the head by the longest-chain rule.
  /// - Throws: `LedgerError.heightMismatch` when its parent is known and its height is not the
  ///   parent's + 1 (nothing is changed).
  /// - Complexity: O(t) for t transactions attached, plus O(d) for a head move of depth d.
  public mutating func add(_ block: Block) throws(LedgerError) -> ChainUpdate {
    let hash = block.hash
    if nodeByHash[hash] != nil || orphanHashes.contains(hash) {
      return ChainUpdate(status: .duplicate)
    }
    guard let parentIndex = nodeByHash[block.parentHash] else {
      orphansByParent[block.parentHash, default: []].append(block)
      orphanHashes.insert(hash)
      return ChainUpdate(status: .orphaned)
    }
    let expected = nodes[parentIndex].block.height + 1
    guard block.height == expected else {
      throw .heightMismatch(block: hash, expected: expected, found: block.height)
    }

    let previousHead = headIndex
    var best = previousHead
    var connected: [BlockHash] = []
    var discarded: [BlockHash] = []
    var queue: [(block: Block, parent: Int)] = [(block, parentIndex)]
    var cursor = 0
    while cursor < queue.count {
      let (next, parent) = queue[cursor]
      cursor += 1
      let index = attach(next, parent: parent)
      connected.append(next.hash)
      // Strictly higher only: among equal heights the block attached first stays head.
      if next.height > nodes[best].block.height { best = index }
      for orphan in orphansByParent.removeValue(forKey: next.hash) ?? [] {
        orphanHashes.remove(orphan.hash)
        if orphan.height == next.height + 1 {
          queue.append((orphan, index))
        } else {
          discardOrphan(orphan, into: &discarded)
        }
      }
    }
    let change = best == previousHead ? nil : moveHead(from: previousHead, to: best)
    return ChainUpdate(
      status: .connected, connected: connected, discardedOrphans: discarded, headChange: change)
  }

  /// Appends `block` as a child of node `parent`; returns its index.
  private mutating func attach(_ block: Block, parent: Int) -> Int {
    let index = nodes.count
    nodes.append(Node(block: block, parent: parent, children: []))
    nodeByHash[block.hash] = index
    if parent != Self.noParent { nodes[parent].children.append(index) }
    for transaction in block.transactions {
      nodesByTransaction[transaction.id, default: []].append(index)
    }
    return index
  }

  /// Drops `orphan` and, transitively, the orphans waiting for it.
  private mutating func discardOrphan(_ orphan: Block, into discarded: inout [BlockHash]) {
    var stack = [orphan]
    while let next = stack.popLast() {
      discarded.append(next.hash)
      orphanHashes.remove(next.hash)
      // Reversed so the stack pops them in arrival order.
      stack.append(contentsOf: (orphansByParent.removeValue(forKey: next.hash) ?? []).reversed())
    }
  }

  /// Rewrites the main chain to end at node `newHead` (higher than `oldHead`).
  private mutating func moveHead(from oldHead: Int, to newHead: Int) -> HeadChange {
    var adopted: [Int] = []
    var retracted: [Int] = []
    var a = newHead
    var b = oldHead
    while nodes[a].block.height > nodes[b].block.height {
      adopted.append(a)
      a = nodes[a].parent
    }
    while a != b {
      adopted.append(a)
      retracted.append(b)
      a = nodes[a].parent
      b = nodes[b].parent
    }
    adopted.reverse()
    let forkHeight = nodes[a].block.height
    mainChain.removeSubrange((forkHeight + 1)...)
    mainChain.append(contentsOf: adopted)
    return HeadChange(
      previousHead: nodes[oldHead].block.hash, newHead: nodes[newHead].block.hash,
      forkHeight: forkHeight, retracted: retracted.map { nodes[$0].block.hash },
      adopted: adopted.map { nodes[$0].block.hash })
  }

  var headIndex: Int { mainChain[mainChain.count - 1] }
}
