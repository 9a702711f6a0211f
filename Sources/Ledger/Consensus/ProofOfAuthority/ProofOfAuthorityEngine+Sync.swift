import SimCore
import SimKernel

extension ProofOfAuthorityEngine {
  /// The catch-up request a node has outstanding: the block it asked for and when.
  struct SyncRequest {
    let missing: BlockHash
    let sent: SimInstant
  }

  /// The bytes of one hash in a "block-request" message.
  static let requestHashByteCount = 32

  // MARK: - Catch-up sync

  /// `node` received `block` from `source` without having its parent: it asks `source` for the
  /// first ancestor it lacks (and those below it that its locator does not name), unless that
  /// ancestor is being validated or the node asked less than one `period` ago for a block that
  /// has not come yet.
  func requestAncestorsIfMissing(
    of block: Block, at node: Int, from source: Int, in simulation: Simulation
  ) {
    let missing = orphans[node].missingAncestor(from: block.parentHash)
    guard !validating[node].contains(missing) else { return }
    if let request = syncRequests[node], simulation.now < request.sent + configuration.period {
      return
    }
    let locator = Self.locator(of: chains[node])
    syncRequests[node] = SyncRequest(missing: missing, sent: simulation.now)
    sentRequestCount += 1
    let size = ByteCount(bytes: Int64(Self.requestHashByteCount * (1 + locator.count)))
    transport.send(
      from: NodeID(node), to: NodeID(source), size: size, kind: "block-request", in: simulation
    ) { [unowned self] simulation in
      self.serveRequest(for: missing, locator: locator, at: source, to: node, in: simulation)
    }
  }

  /// The hashes of `chain`'s main chain at heights h, h−1, h−3, h−7, … (the step doubling) down
  /// to 1, then the genesis block's: Bitcoin's block locator, O(log h) hashes that let a peer
  /// find a common ancestor at most twice as far below the fork point as the fork is deep.
  static func locator(of chain: ChainStore) -> [BlockHash] {
    var hashes: [BlockHash] = []
    var height = chain.height
    var step = 1
    while height > 0 {
      if let block = chain.mainChainBlock(atHeight: height) { hashes.append(block.hash) }
      height -= step
      step *= 2
    }
    hashes.append(chain.genesis.hash)
    return hashes
  }

  /// A request from `requester` reaches `server`: if it is up and has attached `missing`, it
  /// sends the blocks from just above the highest ancestor the locator names up to `missing`,
  /// lowest first, as "block" messages the requester does not forward.
  /// - Complexity: O(d) for d blocks sent.
  private func serveRequest(
    for missing: BlockHash, locator: [BlockHash], at server: Int, to requester: Int,
    in simulation: Simulation
  ) {
    guard isUp[server], var block = chains[server].block(missing) else { return }
    // A set for lookups only; the blocks are sent in chain order.
    let known = Set(locator)
    var segment: [Block] = []
    while block.height > 0 && !known.contains(block.hash) {
      segment.append(block)
      guard let parent = chains[server].block(block.parentHash) else {
        preconditionFailure(
          "ProofOfAuthority: \(block.hash) at height \(block.height) has no attached parent")
      }
      block = parent
    }
    for block in segment.reversed() {
      send(block, from: server, to: requester, forwards: false, in: simulation)
    }
  }
}
