import Cryptography
import SimCore
import SimKernel

/// The finds of miners that do not follow the protocol (see `ProofOfWorkEngine`'s overview,
/// "Conducts"); `.censor` is the honest path with no transactions.
extension ProofOfWorkEngine {
  // MARK: - Equivocation

  /// Miner `miner` makes two blocks on its head, the first with the transactions it selects,
  /// the second empty; once both are sealed it sends (or announces) the first to the first half
  /// of its peers (rounded up) and the second to the rest, and keeps the first as its head.
  func equivocate(_ miner: Int, in simulation: Simulation) {
    let parent = Int(heads[miner])
    var work = Work.zero
    let selected = transactionPool.mempools[miner].select(limits: configuration.limits)
    let first = record(
      makeBlock(on: parent, by: miner, transactions: selected, work: &work, in: simulation),
      parent: parent, foundBy: miner, in: simulation)
    let second = record(
      makeBlock(on: parent, by: miner, transactions: [], work: &work, in: simulation),
      parent: parent, foundBy: miner, in: simulation)
    sealWork += work
    charge(work, on: miner, label: "seal-block", in: simulation) { [unowned self] simulation in
      guard self.isUp[miner] else { return }
      // The parent is connected here and no other miner has either block, so nothing waits
      // for them: both connect at once, the head moving to the first (received first).
      self.setBit(&self.connected, first, miner)
      self.setBit(&self.connected, second, miner)
      let peers = self.peers.peers[miner]
      let half = (peers.count + 1) / 2
      for (position, peer) in peers.enumerated() {
        let block = position < half ? first : second
        if case .flood = self.configuration.gossip {
          self.send(block, from: miner, to: peer, in: simulation)
        } else {
          self.sendInventory(block, from: miner, to: peer.index, in: simulation)
        }
      }
      let oldHead = Int(self.heads[miner])
      if self.blocks[first].height > self.blocks[oldHead].height {
        self.heads[miner] = Int32(first)
        self.redraw(miner, in: simulation)
        self.moveMainChain(from: oldHead, to: first, at: miner, in: simulation)
      }
      if !simulation.isPending(self.findHandles[miner]) { self.redraw(miner, in: simulation) }
    }
  }

  // MARK: - Withholding

  /// Miner `miner`'s find is dropped unpublished; it draws its next find on the same head.
  func withholdFind(of miner: Int, in simulation: Simulation) {
    withheldBlockCount += 1
    redraw(miner, in: simulation)
  }

  // MARK: - Invalid blocks

  /// Miner `miner` makes a block on its head whose signature is broken (`Block.withBrokenSignature`),
  /// and once it is sealed sends (or announces) it to every peer; its own head stays.
  func publishInvalidBlock(_ miner: Int, in simulation: Simulation) {
    let parent = Int(heads[miner])
    var work = Work.zero
    let honest = makeBlock(
      on: parent, by: miner,
      transactions: transactionPool.mempools[miner].select(limits: configuration.limits),
      work: &work, in: simulation)
    let block = honest.withBrokenSignature()
    var validation = Work.zero
    do {
      try validator.validate(
        block: block, parent: blocks[parent], limits: configuration.limits,
        signatureMemo: signatureMemo, work: &validation)
      preconditionFailure("ProofOfWork: a block with a broken signature passed validation")
    } catch {
      guard case .invalidBlockSignature = error else {
        preconditionFailure("ProofOfWork: invalid block rejected for another reason: \(error)")
      }
    }
    let index = invalidBlocks.count
    invalidBlocks.append(block)
    invalidBlockWork.append(validation)
    sealWork += work
    charge(work, on: miner, label: "seal-block", in: simulation) { [unowned self] simulation in
      guard self.isUp[miner] else { return }
      for peer in self.peers.peers[miner] {
        guard case .flood = self.configuration.gossip else {
          self.announceInvalid(index, from: miner, to: peer.index, in: simulation)
          continue
        }
        self.sentMessageCount += 1
        self.transport.send(
          from: NodeID(miner), to: peer, size: block.byteCount, kind: "block", in: simulation
        ) { [unowned self] simulation in
          self.receiveInvalid(index, at: peer.index, in: simulation)
        }
      }
      if !simulation.isPending(self.findHandles[miner]) { self.redraw(miner, in: simulation) }
    }
  }

  /// Invalid block `index` reaches `miner`: it is validated up to its failed check
  /// ("validate-block") and rejected; nothing else changes there.
  func receiveInvalid(_ index: Int, at miner: Int, in simulation: Simulation) {
    guard isUp[miner] else { return }
    let work = invalidBlockWork[index]
    validationWork += work
    charge(work, on: miner, label: "validate-block", in: simulation) {
      [unowned self] simulation in
      guard self.isUp[miner] else { return }
      self.rejectedBlockCount += 1
    }
  }
}
