import SimCore
import SimKernel

/// Announce-then-request block gossip (`GossipMode.announce`; see the type's overview).
///
/// The messages carry the `Block` value through the simulation so that an announcer answers
/// without a look-up: it announced the block, so it holds it (attached, or, for an
/// equivocating or forging signer, made and kept aside). Only hashes are on the wire until
/// the "block" itself: inventories and requests are `GossipMode.inventoryByteCount` bytes.
extension ProofOfAuthorityEngine {
  // MARK: - Inventories

  /// Sends a "block-inv" naming `block` from `node` to `peer`.
  func sendInventory(_ block: Block, from node: Int, to peer: Int, in simulation: Simulation) {
    sentInventoryCount += 1
    transport.send(
      from: NodeID(node), to: NodeID(peer), size: GossipMode.inventorySize, kind: "block-inv",
      in: simulation
    ) { [unowned self] simulation in
      self.receiveInventory(block, at: peer, from: node, in: simulation)
    }
  }

  /// An inventory of `block` from `announcer` reaches `node`: unless it has, validates or holds
  /// the block, it records the announcer and asks it when no request is outstanding.
  private func receiveInventory(
    _ block: Block, at node: Int, from announcer: Int, in simulation: Simulation
  ) {
    let hash = block.hash
    guard isUp[node], !chains[node].contains(hash), !orphans[node].contains(hash),
      !validating[node].contains(hash),
      let peer = fetches.heard(hash, from: announcer, at: node, in: simulation)
    else { return }
    requestBlock(block, from: peer, at: node, in: simulation)
  }

  // MARK: - Requests

  /// Sends a "block-getdata" for `block` from `node` to `peer` and arms its timeout; a peer
  /// that is up answers with the block, passed on once attached.
  private func requestBlock(
    _ block: Block, from peer: Int, at node: Int, in simulation: Simulation
  ) {
    guard let timeout = configuration.gossip.requestTimeout else {
      preconditionFailure("ProofOfAuthority: a block request while flooding")
    }
    sentGetDataCount += 1
    transport.send(
      from: NodeID(node), to: NodeID(peer), size: GossipMode.inventorySize,
      kind: "block-getdata", in: simulation
    ) { [unowned self] simulation in
      guard self.isUp[peer] else { return }
      self.send(block, from: peer, to: node, forwards: true, in: simulation)
    }
    let hash = block.hash
    let handle = simulation.schedule(after: timeout) { [unowned self] simulation in
      self.timedOutRequestCount += 1
      guard let next = self.fetches.timedOut(hash, at: node) else { return }
      self.requestBlock(block, from: next, at: node, in: simulation)
    }
    fetches.armed(hash, at: node, timeout: handle)
  }
}
