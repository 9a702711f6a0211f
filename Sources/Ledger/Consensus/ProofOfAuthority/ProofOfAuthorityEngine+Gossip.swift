import SimCore
import SimKernel

extension ProofOfAuthorityEngine {
  // MARK: - Block gossip

  /// Passes `block`, which `node` attached, on to every peer but `source` as
  /// `configuration.gossip` says: sent, or announced (not to the `known` peers either, which
  /// announced it to `node`).
  func forward(
    _ block: Block, from node: Int, except source: Int?, known: [Int32] = [],
    in simulation: Simulation
  ) {
    for peer in peers.peers[node] where peer.index != source {
      if case .flood = configuration.gossip {
        send(block, from: node, to: peer.index, forwards: true, in: simulation)
      } else if !known.contains(Int32(truncatingIfNeeded: peer.index)) {
        sendInventory(block, from: node, to: peer.index, in: simulation)
      }
    }
  }

  /// Sends one copy of `block` from `node` to `peer` as a "block" message; `forwards` tells the
  /// receiver whether to pass it on once attached (gossip) or not (a sync reply).
  func send(
    _ block: Block, from node: Int, to peer: Int, forwards: Bool, in simulation: Simulation
  ) {
    sentMessageCount += 1
    transport.send(
      from: NodeID(node), to: NodeID(peer), size: block.byteCount, kind: "block", in: simulation
    ) { [unowned self] simulation in
      self.receive(block, at: peer, from: node, forwards: forwards, in: simulation)
    }
  }

  /// A block copy reaches `node`: new blocks end their fetch (if announced) and are validated
  /// (their work charged as "validate-block"), then attached, or held until their parent is; a
  /// block whose parent is unknown starts a catch-up sync with `source`.
  private func receive(
    _ block: Block, at node: Int, from source: Int, forwards: Bool, in simulation: Simulation
  ) {
    let hash = block.hash
    guard isUp[node] else { return }
    if syncRequests[node]?.missing == hash { syncRequests[node] = nil }
    guard !chains[node].contains(hash), !orphans[node].contains(hash),
      !validating[node].contains(hash)
    else { return }
    let known = fetches.received(hash, at: node, in: simulation)
    var work = Work.zero
    let isValid = isAcceptable(block, at: node, work: &work)
    validationWork[node] += work
    guard isValid else {
      rejectedBlockCount += 1
      return
    }
    // With the parent attached, `isAcceptable` has checked everything.
    let isChecked = chains[node].contains(block.parentHash)
    if !isChecked {
      requestAncestorsIfMissing(of: block, at: node, from: source, in: simulation)
    }
    validating[node].insert(hash)
    charge(work, on: node, label: "validate-block", in: simulation) {
      [unowned self] simulation in
      self.validating[node].remove(hash)
      guard self.isUp[node] else { return }
      if !isChecked {
        guard self.chains[node].contains(block.parentHash) else {
          self.orphans[node].hold(block, from: source, forwards: forwards)
          return
        }
        guard self.isConnectable(block, at: node) else {
          self.rejectedBlockCount += 1 + self.orphans[node].discardDescendants(of: hash)
          return
        }
      }
      self.attach(
        block, at: node, from: source, forwards: forwards, known: known, in: simulation)
    }
  }

  /// Adds a block whose parent `node` has attached (checked, or its own) to `node`'s chain, then
  /// the held blocks waiting for it, in turn, each checked against its parent (one that fails is
  /// rejected with the blocks held on top of it); records each block attached, forwards it
  /// (unless `forwards` is false for it; `block` not to the `known` peers, which announced it)
  /// and applies the head's moves.
  func attach(
    _ block: Block, at node: Int, from source: Int?, forwards: Bool = true, known: [Int32] = [],
    in simulation: Simulation
  ) {
    guard
      connect(
        block, at: node, from: source, forwards: forwards, known: known, in: simulation)
    else {
      return
    }
    // Breadth first, each level in arrival order, as `ChainStore` connects its orphans.
    var queue: [BlockHash] = [block.hash]
    var cursor = 0
    while cursor < queue.count {
      let parent = queue[cursor]
      cursor += 1
      for child in orphans[node].takeChildren(of: parent) {
        guard isConnectable(child.block, at: node) else {
          rejectedBlockCount += 1 + orphans[node].discardDescendants(of: child.block.hash)
          continue
        }
        if connect(
          child.block, at: node, from: child.source, forwards: child.forwards, in: simulation)
        {
          queue.append(child.block.hash)
        }
      }
    }
  }

  /// Adds `block`, whose parent is attached, to `node`'s chain: records it, forwards it when
  /// asked, and applies the head's move. Returns whether it was attached.
  private func connect(
    _ block: Block, at node: Int, from source: Int?, forwards: Bool, known: [Int32] = [],
    in simulation: Simulation
  ) -> Bool {
    let update: ChainUpdate
    do {
      update = try chains[node].add(block)
    } catch {
      rejectedBlockCount += 1
      return false
    }
    // The parent is attached and `receive` drops known blocks, so it is connected.
    guard update.status == .connected else { return false }
    arrivals[node].append(BlockArrival(height: block.height, instant: simulation.now))
    if forwards { forward(block, from: node, except: source, known: known, in: simulation) }
    if let change = update.headChange { moveMainChain(change, at: node, in: simulation) }
    return true
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

  // MARK: - Checks

  /// The validator's checks and the PoA rules: a known signer's key, and, when the parent is
  /// attached, the link, a later slot than the parent's and the signer limit (when it is not,
  /// what can be checked without it: the block is held and `isConnectable` checks the rest).
  private func isAcceptable(_ block: Block, at node: Int, work: inout Work) -> Bool {
    let header = block.header
    guard case .proofOfAuthority = header.seal,
      header.proposer.index < keys.count,
      header.proposerKey == publicKeys[header.proposer.index]
    else { return false }
    do {
      if let parent = chains[node].block(block.parentHash) {
        guard followsRules(block, parent: parent, at: node) else { return false }
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

  /// The checks that need the parent, which `node` has attached: the link and the PoA rules.
  /// They take no work (no hashing or signature), so they are repeated freely.
  private func isConnectable(_ block: Block, at node: Int) -> Bool {
    guard let parent = chains[node].block(block.parentHash) else { return false }
    do {
      try validator.validateLink(block: block, parent: parent)
    } catch {
      return false
    }
    return followsRules(block, parent: parent, at: node)
  }

  /// A later slot than `parent`'s, and a signer the signer limit allows on `parent`'s chain.
  private func followsRules(_ block: Block, parent: Block, at node: Int) -> Bool {
    guard case .proofOfAuthority(let slot) = block.header.seal, slot > Self.slot(of: parent)
    else { return false }
    return !isBarred(block.header.proposer.index, above: parent, in: chains[node])
  }
}
