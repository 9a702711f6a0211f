import Cryptography
import SimCore
import SimKernel

extension ProofOfAuthorityEngine {
  // MARK: - Sealing

  /// `node`'s turn to seal a block of `slot` on its head (in turn, or as a backup whose deadline
  /// passed with no block of the slot): unless it withholds or the signer limit bars it, it
  /// seals as its conduct says, filling the block from its mempool (none if it censors); once
  /// the sealing work is done it attaches and sends what it sealed.
  func seal(slot: UInt64, by node: NodeID, in simulation: Simulation) {
    let index = node.index
    let conduct = conducts[index]
    let parent = chains[index].head
    guard conduct != .withhold, !isBarred(index, above: parent, in: chains[index]) else {
      return
    }
    var work = Work.zero
    let transactions =
      conduct == .censor
      ? [] : transactionPool.mempools[index].select(limits: configuration.limits)
    let block = Block.make(
      on: parent, transactions: transactions, timestamp: simulation.now, proposer: node,
      signer: keys[index], seal: .proofOfAuthority(slot: slot), work: &work)
    switch conduct {
    case .equivocate:
      // The twin is empty and 1 ns younger, so the two differ even with an empty mempool.
      let twin = Block.make(
        on: parent, transactions: [], timestamp: simulation.now + .nanoseconds(1),
        proposer: node, signer: keys[index], seal: .proofOfAuthority(slot: slot), work: &work)
      sealWork[index] += work
      blockRecords.append(BlockRecord(block))
      blockRecords.append(BlockRecord(twin))
      charge(work, on: index, label: "seal-block", in: simulation) { [unowned self] simulation in
        guard self.isUp[index] else { return }
        self.attach(block, at: index, from: nil, forwards: false, in: simulation)
        let peers = self.peers.peers[index]
        let half = (peers.count + 1) / 2
        for (place, peer) in peers.enumerated() {
          self.publish(place < half ? block : twin, from: index, to: peer.index, in: simulation)
        }
      }
    case .invalidBlocks:
      let forged = block.withBrokenSignature()
      sealWork[index] += work
      blockRecords.append(BlockRecord(forged))
      charge(work, on: index, label: "seal-block", in: simulation) { [unowned self] simulation in
        guard self.isUp[index] else { return }
        // Not attached at home: its own chain stays on the valid blocks it receives.
        for peer in self.peers.peers[index] {
          self.publish(forged, from: index, to: peer.index, in: simulation)
        }
      }
    case .honest, .withhold, .censor:
      sealWork[index] += work
      blockRecords.append(BlockRecord(block))
      charge(work, on: index, label: "seal-block", in: simulation) { [unowned self] simulation in
        // A signer that crashed while sealing loses the block.
        guard self.isUp[index] else { return }
        self.attach(block, at: index, from: nil, in: simulation)
      }
    }
  }

  /// Sends or announces (as `configuration.gossip` says) one block of an equivocating pair, or
  /// a forged block, from `node` to `peer` (a peer that asks for it gets it from `node`, which
  /// holds it whether attached or not).
  private func publish(_ block: Block, from node: Int, to peer: Int, in simulation: Simulation) {
    if case .flood = configuration.gossip {
      send(block, from: node, to: peer, forwards: true, in: simulation)
    } else {
      sendInventory(block, from: node, to: peer, in: simulation)
    }
  }
}
