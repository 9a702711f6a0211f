import SimCore
import SimKernel

/// Announce-then-request block gossip (`GossipMode.announce`; see the type's overview).
extension ProofOfWorkEngine {
  // MARK: - Inventories

  /// Announces `block` from `miner` to every peer but `source` and the `known` peers.
  /// - Complexity: O(d · k) for d peers and k known ones (a handful).
  func announce(
    _ block: Int, from miner: Int, except source: Int, known: [Int32], in simulation: Simulation
  ) {
    for peer in peers.peers[miner]
    where peer.index != source && !known.contains(Int32(truncatingIfNeeded: peer.index)) {
      sendInventory(block, from: miner, to: peer.index, in: simulation)
    }
  }

  /// Sends a "block-inv" naming `block` from `miner` to `peer`. A lost one flags `peer` as
  /// possibly lacking blocks, as a lost block does.
  func sendInventory(_ block: Int, from miner: Int, to peer: Int, in simulation: Simulation) {
    sentInventoryCount += 1
    transport.send(
      from: NodeID(miner), to: NodeID(peer), size: GossipMode.inventorySize, kind: "block-inv",
      in: simulation, onLoss: lostBlockActions[peer].run
    ) { [unowned self] simulation in
      self.receiveInventory(block, at: peer, from: miner, in: simulation)
    }
  }

  /// An inventory of `block` from `announcer` reaches `miner`: unless it has the block, it
  /// records the announcer and asks it when no request is outstanding.
  private func receiveInventory(
    _ block: Int, at miner: Int, from announcer: Int, in simulation: Simulation
  ) {
    guard isUp[miner] else {
      mayLackBlocks.values[miner] = true
      return
    }
    guard !bit(received, block, miner),
      let peer = fetches.heard(Int32(block), from: announcer, at: miner, in: simulation)
    else { return }
    requestBlock(block, from: peer, at: miner, in: simulation)
  }

  // MARK: - Requests

  /// Sends a "block-getdata" for `block` from `miner` to `peer` and arms its timeout.
  private func requestBlock(_ block: Int, from peer: Int, at miner: Int, in simulation: Simulation)
  {
    guard let timeout = configuration.gossip.requestTimeout else {
      preconditionFailure("ProofOfWork: a block request while flooding")
    }
    sentGetDataCount += 1
    transport.send(
      from: NodeID(miner), to: NodeID(peer), size: GossipMode.inventorySize,
      kind: "block-getdata", in: simulation
    ) { [unowned self] simulation in
      // The peer connected the block before announcing it, and connected bits are never
      // cleared: only a crash leaves the request unanswered.
      guard self.isUp[peer] else { return }
      self.send(block, from: peer, to: NodeID(miner), in: simulation)
    }
    // A handler event, not a closure: one per request, so no allocation for it.
    let handle = simulation.schedule(
      after: timeout, self, event: Self.timeoutCode(block: block, miner: miner))
    fetches.armed(Int32(block), at: miner, timeout: handle)
  }

  /// The flag bit of request timeouts' event codes; finds' codes are bare miner indices.
  static var timeoutFlag: UInt64 { 1 << 63 }

  /// The event code of `miner`'s request timeout for `block`: the flag, the block in bits
  /// 24…62, the miner in bits 0…23.
  /// - Precondition: `miner` < 2²⁴ and `block` < 2³⁹.
  static func timeoutCode(block: Int, miner: Int) -> UInt64 {
    precondition(
      miner < 1 << 24 && block < 1 << 39,
      "ProofOfWork: no timeout code for block \(block) at miner \(miner)")
    return timeoutFlag | UInt64(block) << 24 | UInt64(miner)
  }

  /// A request timeout fired (`code` from `timeoutCode`): the miner asks the block's next
  /// announcer, if any.
  func requestTimedOut(code: UInt64, in simulation: Simulation) {
    let block = Int((code & ~Self.timeoutFlag) >> 24)
    let miner = Int(code & (1 << 24 - 1))
    timedOutRequestCount += 1
    guard let next = fetches.timedOut(Int32(block), at: miner) else { return }
    requestBlock(block, from: next, at: miner, in: simulation)
  }

  // MARK: - Invalid blocks

  /// Announces invalid block `index` from `miner` to `peer`; the peer asks for it once, with
  /// no timeout (only its publisher ever announces it), and validates and rejects it on
  /// arrival (`receiveInvalid`).
  func announceInvalid(_ index: Int, from miner: Int, to peer: Int, in simulation: Simulation) {
    let block = invalidBlocks[index]
    sentInventoryCount += 1
    transport.send(
      from: NodeID(miner), to: NodeID(peer), size: GossipMode.inventorySize, kind: "block-inv",
      in: simulation
    ) { [unowned self] simulation in
      guard self.isUp[peer] else { return }
      self.sentGetDataCount += 1
      self.transport.send(
        from: NodeID(peer), to: NodeID(miner), size: GossipMode.inventorySize,
        kind: "block-getdata", in: simulation
      ) { [unowned self] simulation in
        guard self.isUp[miner] else { return }
        self.sentMessageCount += 1
        self.transport.send(
          from: NodeID(miner), to: NodeID(peer), size: block.byteCount, kind: "block",
          in: simulation
        ) { [unowned self] simulation in
          self.receiveInvalid(index, at: peer, in: simulation)
        }
      }
    }
  }
}
