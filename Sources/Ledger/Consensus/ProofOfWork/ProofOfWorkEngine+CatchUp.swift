import SimCore
import SimKernel

extension ProofOfWorkEngine {
  /// What a block message lost on its way to a miner runs (`MessageTransport.send`'s
  /// `onLoss`). A struct, not a bare closure in an array: an array element is stored at its
  /// most general abstraction, and passing one as a `Simulation.Action` can wrap it in a new
  /// reabstraction thunk (an allocation) on every send.
  struct LossAction {
    /// Flags the miner as possibly lacking blocks.
    let run: Simulation.Action
  }

  // MARK: - Requests

  /// `block` waits at `miner`, which may lack blocks, for its parent: asks `source` (which
  /// connected `block`, hence all its ancestors) for the lowest ancestor `miner` has not
  /// received. Nothing is asked when every missing ancestor has been received (they are being
  /// validated, or wait for one that is).
  /// - Complexity: O(blocks waiting below `block`), plus the locator.
  func requestMissingAncestors(
    of block: Int, at miner: Int, from source: Int, in simulation: Simulation
  ) {
    var wanted = Int(parents[block])
    while bit(received, wanted, miner) {
      if bit(connected, wanted, miner) { return }
      wanted = Int(parents[wanted])
    }
    sendRequest(for: wanted, from: miner, to: source, mayAskBack: true, in: simulation)
  }

  /// Sends a "block-request" from `miner` to `peer` for block `wanted`, with `miner`'s locator:
  /// Bitcoin's `getblocks` (4-byte version, 1-byte count, 32 bytes per locator entry, 32-byte
  /// stop hash). A request with `mayAskBack` lets `peer` ask for `miner`'s head in return.
  func sendRequest(
    for wanted: Int, from miner: Int, to peer: Int, mayAskBack: Bool, in simulation: Simulation
  ) {
    let locator = makeLocator(of: miner)
    sentRequestCount += 1
    transport.send(
      from: NodeID(miner), to: NodeID(peer), size: ByteCount(bytes: Int64(37 + 32 * locator.count)),
      kind: "block-request", in: simulation
    ) { [unowned self] simulation in
      self.answerRequest(
        for: wanted, locator: locator, from: miner, at: peer, mayAskBack: mayAskBack,
        in: simulation)
    }
  }

  /// `miner`'s block locator, highest first: the blocks of its main chain at its head's height
  /// h, then h − 1, …, h − 10, then steps doubling (h − 12, h − 16, …), ending at the genesis
  /// block (Bitcoin Core's `CChain::GetLocator`).
  /// - Complexity: O(h) to walk the chain; O(log h) entries.
  func makeLocator(of miner: Int) -> [Int] {
    var locator: [Int] = []
    var cursor = Int(heads[miner])
    var step = 1
    while true {
      locator.append(cursor)
      let height = blocks[cursor].height
      if height == 0 { break }
      let next = max(height - step, 0)
      while blocks[cursor].height > next { cursor = Int(parents[cursor]) }
      if locator.count > 10 { step *= 2 }
    }
    return locator
  }

  // MARK: - Answers

  /// A request from `requester` for `wanted` reaches `responder`: it sends the blocks above the
  /// highest `locator` entry on `wanted`'s branch, up to `wanted`, in height order; then, when
  /// allowed and it has not received the requester's head (the locator's first entry), it asks
  /// for that head in return, once.
  /// - Complexity: O(depth of `wanted` below the fork) blocks sent.
  private func answerRequest(
    for wanted: Int, locator: [Int], from requester: Int, at responder: Int, mayAskBack: Bool,
    in simulation: Simulation
  ) {
    // `wanted` is connected at the responder when asked (it sent a descendant, or it is its
    // head), and connected bits are never cleared; only a crash stops the answer.
    guard isUp[responder], bit(connected, wanted, responder) else { return }
    // The fork: the highest locator entry that is an ancestor of `wanted` (the genesis block,
    // the locator's last entry, at worst). Entries descend in height, and so does the cursor.
    var fork = wanted
    for entry in locator {
      while blocks[fork].height > blocks[entry].height { fork = Int(parents[fork]) }
      if fork == entry { break }
    }
    var branch: [Int] = []
    var cursor = wanted
    while cursor != fork {
      branch.append(cursor)
      cursor = Int(parents[cursor])
    }
    for block in branch.reversed() {
      send(block, from: responder, to: NodeID(requester), in: simulation)
    }
    if mayAskBack, let head = locator.first, !bit(received, head, responder) {
      sendRequest(for: head, from: responder, to: requester, mayAskBack: false, in: simulation)
    }
  }
}
