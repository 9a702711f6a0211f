import SimCore

extension ChainStore {
  /// The head: the tip of the main chain.
  public var head: Block { nodes[headIndex].block }
  /// The head's height.
  public var height: Int { mainChain.count - 1 }
  /// The genesis block.
  public var genesis: Block { nodes[0].block }

  /// The number of attached blocks, genesis included.
  public var blockCount: Int { nodes.count }
  /// Attached blocks off the main chain.
  public var staleBlockCount: Int { nodes.count - mainChain.count }
  /// Blocks waiting for their parent.
  public var orphanCount: Int { orphanHashes.count }

  /// The attached block with `hash`, or `nil`.
  public func block(_ hash: BlockHash) -> Block? {
    nodeByHash[hash].map { nodes[$0].block }
  }

  /// True when a block with `hash` is attached.
  public func contains(_ hash: BlockHash) -> Bool { nodeByHash[hash] != nil }

  /// True when a block with `hash` waits for its parent.
  public func isOrphan(_ hash: BlockHash) -> Bool { orphanHashes.contains(hash) }

  /// The hashes of the attached children of `hash`, in attachment order (empty when the block
  /// is unknown or has none).
  public func children(of hash: BlockHash) -> [BlockHash] {
    guard let index = nodeByHash[hash] else { return [] }
    return nodes[index].children.map { nodes[$0].block.hash }
  }

  /// True when the attached block `hash` is on the main chain.
  public func isOnMainChain(_ hash: BlockHash) -> Bool {
    guard let index = nodeByHash[hash] else { return false }
    return isOnMainChain(index: index)
  }

  func isOnMainChain(index: Int) -> Bool {
    let height = nodes[index].block.height
    return height < mainChain.count && mainChain[height] == index
  }

  /// The main-chain block at `height`, or `nil` above the head.
  /// - Precondition: `height` is not negative.
  public func mainChainBlock(atHeight height: Int) -> Block? {
    precondition(height >= 0, "ChainStore: negative height \(height)")
    return height < mainChain.count ? nodes[mainChain[height]].block : nil
  }

  /// The main-chain block that includes `id` (the lowest, should a replay include it twice),
  /// or `nil`.
  public func mainChainBlock(containing id: TransactionID) -> Block? {
    guard let index = mainChainIndex(containing: id) else { return nil }
    return nodes[index].block
  }

  /// The number of confirmations of `id`: head height − inclusion height + 1 when a main-chain
  /// block includes it, else 0.
  public func confirmations(of id: TransactionID) -> Int {
    guard let index = mainChainIndex(containing: id) else { return 0 }
    return height - nodes[index].block.height + 1
  }

  /// True when `id` has at least `depth` confirmations: included in the main chain with
  /// `depth` − 1 blocks on top.
  /// - Precondition: `depth` ≥ 1.
  public func isConfirmed(_ id: TransactionID, depth: Int) -> Bool {
    precondition(depth >= 1, "ChainStore: confirmation depth \(depth) must be at least 1")
    return confirmations(of: id) >= depth
  }

  private func mainChainIndex(containing id: TransactionID) -> Int? {
    // At most one block per height is on the main chain, so the lowest height is unique.
    (nodesByTransaction[id] ?? []).filter { isOnMainChain(index: $0) }
      .min { nodes[$0].block.height < nodes[$1].block.height }
  }
}
