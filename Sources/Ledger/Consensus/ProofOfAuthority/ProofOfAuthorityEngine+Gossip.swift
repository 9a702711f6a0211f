import SimCore
import SimKernel

extension ProofOfAuthorityEngine {
  // MARK: - Block gossip

  func forward(_ block: Block, from node: Int, except source: Int?, in simulation: Simulation) {
    for peer in peers.peers[node] where peer.index != source {
      sentMessageCount += 1
      transport.send(
        from: NodeID(node), to: peer, size: block.byteCount, kind: "block", in: simulation
      ) { [unowned self] simulation in
        self.receive(block, at: peer.index, from: node, in: simulation)
      }
    }
  }

  /// A block copy reaches `node`: new blocks are validated (their work charged as
  /// "validate-block"), then attached.
  private func receive(_ block: Block, at node: Int, from source: Int, in simulation: Simulation) {
    let hash = block.hash
    guard isUp[node], !chains[node].contains(hash), !chains[node].isOrphan(hash),
      !validating[node].contains(hash)
    else { return }
    var work = Work.zero
    let isValid = isAcceptable(block, at: node, work: &work)
    validationWork[node] += work
    guard isValid else {
      rejectedBlockCount += 1
      return
    }
    validating[node].insert(hash)
    charge(work, on: node, label: "validate-block", in: simulation) {
      [unowned self] simulation in
      self.validating[node].remove(hash)
      guard self.isUp[node] else { return }
      self.attach(block, at: node, from: source, in: simulation)
    }
  }

  /// Adds a validated (or own) block to `node`'s chain; records and forwards every block it
  /// connects, then applies the head's move.
  func attach(_ block: Block, at node: Int, from source: Int?, in simulation: Simulation) {
    let update: ChainUpdate
    do {
      update = try chains[node].add(block)
    } catch {
      rejectedBlockCount += 1
      return
    }
    for hash in update.connected {
      guard let attached = chains[node].block(hash) else { continue }
      arrivals[node].append(BlockArrival(height: attached.height, instant: simulation.now))
      forward(attached, from: node, except: source, in: simulation)
    }
    if let change = update.headChange { moveMainChain(change, at: node, in: simulation) }
  }

  /// Updates `node`'s mempool for a head move, reports the adopted blocks as accepted and the
  /// blocks now `confirmationDepth` deep as confirmed.
  private func moveMainChain(_ change: HeadChange, at node: Int, in simulation: Simulation) {
    let chain = chains[node]
    let adopted = change.adopted.compactMap { chain.block($0) }
    // `retracted` runs from the old head down; the pool wants height order.
    let retracted = change.retracted.reversed().compactMap { chain.block($0) }
    transactionPool.moveMainChain(at: node, retracted: retracted, adopted: adopted)
    if let onBlockAccepted {
      for block in adopted { onBlockAccepted(NodeID(node), block, simulation) }
    }
    let confirmable = chain.height - configuration.confirmationDepth
    while confirmedHeights[node] < confirmable {
      confirmedHeights[node] += 1
      if let onBlockConfirmed,
        let block = chain.mainChainBlock(atHeight: confirmedHeights[node])
      {
        onBlockConfirmed(NodeID(node), block, simulation)
      }
    }
  }

  /// The validator's checks and the PoA rule: a known signer's key and a later slot than the
  /// parent's (the parent's checks wait when it is unknown: the block is kept as an orphan).
  private func isAcceptable(_ block: Block, at node: Int, work: inout Work) -> Bool {
    let header = block.header
    guard case .proofOfAuthority(let slot) = header.seal,
      header.proposer.index < keys.count,
      header.proposerKey == publicKeys[header.proposer.index]
    else { return false }
    do {
      if let parent = chains[node].block(block.parentHash) {
        guard slot > Self.slot(of: parent) else { return false }
        try validator.validate(
          block: block, parent: parent, limits: configuration.limits,
          signatureMemo: signatureMemo, work: &work)
      } else {
        try validator.validateContents(
          block: block, limits: configuration.limits, signatureMemo: signatureMemo, work: &work)
      }
    } catch {
      return false
    }
    return true
  }
}
