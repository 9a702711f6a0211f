import Cryptography
import SimCore
import SimKernel

extension ByzantineEngine {
  // MARK: - Misbehaving proposers

  /// An equivocating `node`'s proposal of `view`: two valid blocks, the first filled from its
  /// mempool, the second empty and 1 ns younger (so the two differ even with an empty mempool).
  /// Once both are sealed it sends the first to the first half (rounded up) of the others, by
  /// ascending index, and the second to the rest, and takes the first as its own proposal; its
  /// prevote then votes for both (`castVote`).
  func proposeTwins(view: Int, at node: Int, in simulation: Simulation) {
    let height = states[node].height
    var work = Work.zero
    let first = makeBlock(
      view: view, at: node, transactions: selectedTransactions(at: node),
      timestamp: simulation.now, work: &work)
    let second = makeBlock(
      view: view, at: node, transactions: [], timestamp: simulation.now + .nanoseconds(1),
      work: &work)
    blockRecords.append(BlockRecord(first))
    blockRecords.append(BlockRecord(second))
    equivocalPairs.append((first, second))
    charge(work, on: node, label: "seal-block", in: simulation) { [unowned self] simulation in
      guard self.isUp[node] else { return }
      let others = (0..<self.keys.count).filter { $0 != node }
      let half = (others.count + 1) / 2
      self.send(
        .proposal(first, view: view, validView: nil), from: node, to: others[..<half],
        isResent: false, in: simulation)
      self.send(
        .proposal(second, view: view, validView: nil), from: node, to: others[half...],
        isResent: false, in: simulation)
      if self.states[node].height == height {
        self.record(Proposal(block: first, validView: nil), view: view, at: node, in: simulation)
      }
    }
  }

  /// The other block of the equivocal pair that `block` belongs to, if any.
  /// - Complexity: O(pairs kept).
  func twin(of block: BlockHash) -> Block? {
    for pair in equivocalPairs.reversed() {
      if pair.first.hash == block { return pair.second }
      if pair.second.hash == block { return pair.first }
    }
    return nil
  }

  /// An invalid-block `node`'s proposal of `view`: a block filled from its mempool whose
  /// signature is broken, broadcast once sealed. It does not take the block as its own
  /// proposal, so, voting honestly, it prevotes nil at its propose timeout like the others.
  func proposeInvalidBlock(view: Int, at node: Int, in simulation: Simulation) {
    var work = Work.zero
    let block = makeBlock(
      view: view, at: node, transactions: selectedTransactions(at: node),
      timestamp: simulation.now, work: &work
    ).withBrokenSignature()
    blockRecords.append(BlockRecord(block))
    charge(work, on: node, label: "seal-block", in: simulation) { [unowned self] simulation in
      guard self.isUp[node] else { return }
      self.broadcast(.proposal(block, view: view, validView: nil), from: node, in: simulation)
    }
  }
}
