import SimCore
import SimKernel

extension ProofOfWorkEngine {
  // MARK: - Bits

  func bit(_ bits: [UInt64], _ block: Int, _ miner: Int) -> Bool {
    bits[block * wordsPerBlock + miner >> 6] & (1 << UInt64(miner & 63)) != 0
  }

  func setBit(_ bits: inout [UInt64], _ block: Int, _ miner: Int) {
    bits[block * wordsPerBlock + miner >> 6] |= 1 << UInt64(miner & 63)
  }

  func clearBit(_ bits: inout [UInt64], _ block: Int, _ miner: Int) {
    bits[block * wordsPerBlock + miner >> 6] &= ~(1 << UInt64(miner & 63))
  }

  // MARK: - Gossip

  /// Passes `block`, which `miner` has connected, on to its peers as `configuration.gossip`
  /// says: announced to every peer but `source` and the `known` announcers, or sent to every
  /// peer but `source`.
  func spread(
    _ block: Int, from miner: Int, except source: Int, known: [Int32], in simulation: Simulation
  ) {
    if case .flood = configuration.gossip {
      forward(block, from: miner, except: source, in: simulation)
    } else {
      announce(block, from: miner, except: source, known: known, in: simulation)
    }
  }

  /// Sends `block` to every peer of `miner` but `source`.
  func forward(_ block: Int, from miner: Int, except source: Int, in simulation: Simulation) {
    let size = blocks[block].byteCount
    for peer in peers.peers[miner] where peer.index != source {
      sentMessageCount += 1
      transport.send(
        from: NodeID(miner), to: peer, size: size, kind: "block", in: simulation,
        onLoss: lostBlockActions[peer.index].run
      ) { [unowned self] simulation in
        self.receive(block, at: peer.index, from: miner, in: simulation)
      }
    }
  }

  /// Sends `block` from `miner` to `peer` alone (catch-up answers, equivocation).
  func send(_ block: Int, from miner: Int, to peer: NodeID, in simulation: Simulation) {
    sentMessageCount += 1
    transport.send(
      from: NodeID(miner), to: peer, size: blocks[block].byteCount, kind: "block",
      in: simulation, onLoss: lostBlockActions[peer.index].run
    ) { [unowned self] simulation in
      self.receive(block, at: peer.index, from: miner, in: simulation)
    }
  }

  /// A block copy reaches `miner`: the first ends its fetch (if it was announced) and is
  /// charged its validation ("validate-block"), then connected, or kept waiting for its parent.
  private func receive(_ block: Int, at miner: Int, from source: Int, in simulation: Simulation) {
    guard isUp[miner] else {
      // Dropped while down: the blocks found meanwhile are fetched on recovery (catch-up).
      mayLackBlocks.values[miner] = true
      return
    }
    guard !bit(received, block, miner) else { return }
    setBit(&received, block, miner)
    validationWork += blockValidationWork[block]
    let known =
      fetches.isEmpty(at: miner) ? [] : fetches.received(Int32(block), at: miner, in: simulation)
    guard let compute else {
      // No closure in the common case: one receipt per block and gossip link.
      validated(block, at: miner, from: source, known: known, in: simulation)
      return
    }
    compute.submit(
      blockValidationWork[block], on: NodeID(miner), label: "validate-block", in: simulation
    ) { [unowned self] simulation in
      guard self.isUp[miner] else {
        // Crashed while validating: the block is dropped, and a later copy is taken.
        self.clearBit(&self.received, block, miner)
        self.mayLackBlocks.values[miner] = true
        return
      }
      self.validated(block, at: miner, from: source, known: known, in: simulation)
    }
  }

  /// `block` passed validation at `miner`: connect it, or keep it until its parent connects
  /// (asking `source` for the missing ancestors if `miner` may lack blocks). `known`: the peers
  /// that announced it, which it is not announced back to (a block that waits forgets them).
  private func validated(
    _ block: Int, at miner: Int, from source: Int, known: [Int32], in simulation: Simulation
  ) {
    if bit(connected, Int(parents[block]), miner) {
      connect(block, at: miner, from: source, known: known, in: simulation)
    } else {
      waiting[miner].append(Int32(block))
      if mayLackBlocks.values[miner] {
        requestMissingAncestors(of: block, at: miner, from: source, in: simulation)
      }
    }
  }

  /// Connects `block` (whose parent `miner` has connected), then the blocks waiting for it,
  /// passing each on (`spread`; `block` not back to `source` nor to the `known` peers); moves
  /// the head to the highest block connected if it beats the current one.
  func connect(
    _ block: Int, at miner: Int, from source: Int, known: [Int32] = [], in simulation: Simulation
  ) {
    let oldHead = Int(heads[miner])
    var best = oldHead
    var stack = [(block, source)]
    while let (next, from) = stack.popLast() {
      setBit(&connected, next, miner)
      if blocks[next].height > blocks[best].height { best = next }
      spread(next, from: miner, except: from, known: next == block ? known : [], in: simulation)
      if !waiting[miner].isEmpty {
        let children = waiting[miner].filter { parents[Int($0)] == Int32(next) }
        waiting[miner].removeAll { parents[Int($0)] == Int32(next) }
        stack.append(contentsOf: children.reversed().map { (Int($0), -1) })
      }
    }
    guard best != oldHead else { return }
    heads[miner] = Int32(best)
    redraw(miner, in: simulation)
    moveMainChain(from: oldHead, to: best, at: miner, in: simulation)
  }

  /// Applies `miner`'s head move from `oldHead` to the higher `newHead`, of any depth: mempool
  /// updates (retracted blocks down to the common ancestor, adopted ones up to `newHead`, each
  /// in height order), acceptance of the adopted blocks, confirmation of those now deep enough.
  /// - Complexity: O(blocks between the two heads and their common ancestor), plus their
  ///   transactions.
  func moveMainChain(
    from oldHead: Int, to newHead: Int, at miner: Int, in simulation: Simulation
  ) {
    let confirmable = blocks[newHead].height - configuration.confirmationDepth
    // Fast path for runs without transactions or observers (the large benchmarks).
    if onBlockAccepted == nil && onBlockConfirmed == nil && transactionPool.isEmpty {
      confirmedHeights[miner] = max(confirmedHeights[miner], confirmable)
      return
    }
    var adopted: [Int] = []
    var retracted: [Int] = []
    var a = newHead
    var b = oldHead
    while blocks[a].height > blocks[b].height {
      adopted.append(a)
      a = Int(parents[a])
    }
    while a != b {
      adopted.append(a)
      retracted.append(b)
      a = Int(parents[a])
      b = Int(parents[b])
    }
    transactionPool.moveMainChain(
      at: miner, retracted: retracted.reversed().map { blocks[$0] },
      adopted: adopted.reversed().map { blocks[$0] })
    if let onBlockAccepted {
      for index in adopted.reversed() { onBlockAccepted(NodeID(miner), blocks[index], simulation) }
    }
    guard confirmable > confirmedHeights[miner] else { return }
    if let onBlockConfirmed {
      var newlyConfirmed: [Int] = []
      var cursor = newHead
      while blocks[cursor].height > confirmedHeights[miner] {
        if blocks[cursor].height <= confirmable { newlyConfirmed.append(cursor) }
        cursor = Int(parents[cursor])
      }
      confirmedHeights[miner] = confirmable
      for index in newlyConfirmed.reversed() {
        onBlockConfirmed(NodeID(miner), blocks[index], simulation)
      }
    } else {
      confirmedHeights[miner] = confirmable
    }
  }
}
