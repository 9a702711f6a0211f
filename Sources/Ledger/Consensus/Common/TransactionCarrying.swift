import SimCore
import SimKernel

/// What the engines share to carry transactions and charge time: the admission and gossip of
/// transactions, and running a continuation once a validator's `Work` is done.
///
/// An internal seam: each engine supplies its pool, transport, compute service, memo, limits,
/// liveness, gossip peers and mode, and gets `receiveTransaction` and `charge` from the
/// extension.
///
/// Transactions are gossiped as blocks are (`GossipMode`): announced ("transaction-inv"),
/// requested from the first announcer ("transaction-getdata") and sent ("transaction"), or
/// flooded. An FL update carried on chain is as large as the model, so announcing saves each
/// validator the d − 1 redundant copies a flood brings; Bitcoin and Ethereum (eth/65 on) both
/// announce transactions.
protocol TransactionCarrying: AnyObject {
  var transactionPool: TransactionPool { get set }
  var transport: any MessageTransport { get }
  var compute: (any ComputeService)? { get }
  var signatureMemo: SignatureMemo { get }
  var limits: BlockLimits { get }
  var peers: PeerTable { get }
  /// How transactions are gossiped.
  var gossip: GossipMode { get }
  /// How each validator behaves: a censoring one relays no transaction.
  var conducts: [ValidatorConduct] { get }
  /// True when `validator` is up.
  func isRunning(_ validator: Int) -> Bool
}

extension TransactionCarrying {
  /// Runs `action` once `validator` has done `work`: through the compute service, labelled
  /// `label`, or at once (synchronously, taking no time) without one.
  func charge(
    _ work: Work, on validator: Int, label: String, in simulation: Simulation,
    then action: @escaping Simulation.Action
  ) {
    if let compute {
      compute.submit(
        work, on: NodeID(validator), label: label, in: simulation, onDone: action)
    } else {
      action(simulation)
    }
  }

  /// `transaction` reaches `validator` from `source` (nil: a client): on first receipt, the
  /// signature is verified (memoised; its work charged as "admit-transaction"), then the
  /// transaction is admitted and gossiped (see `admit`).
  func receiveTransaction(
    _ transaction: Transaction, at validator: Int, from source: Int?, in simulation: Simulation
  ) {
    guard isRunning(validator) else { return }
    let index = transactionPool.index(of: transaction.id)
    guard !transactionPool.hasSeen(index, at: validator) else {
      transactionPool.counts.duplicateCount += 1
      return
    }
    // Marked now, so copies arriving while the signature is checked are dropped.
    transactionPool.markSeen(index, at: validator)
    let known = transactionPool.fetches.received(index, at: validator, in: simulation)
    var work = Work.zero
    let isValid = signatureMemo.isValidSignature(of: transaction, work: &work)
    charge(work, on: validator, label: "admit-transaction", in: simulation) {
      [unowned self] simulation in
      self.admit(
        transaction, index: index, at: validator, from: source, known: known, isValid: isValid,
        in: simulation)
    }
  }

  /// Admits `transaction` (already marked seen) to `validator`'s mempool if it is valid and fits
  /// an empty block, then passes it on to every peer but `source` (announcing: nor to the
  /// `known` peers that announced it).
  private func admit(
    _ transaction: Transaction, index: Int, at validator: Int, from source: Int?,
    known: [Int32], isValid: Bool, in simulation: Simulation
  ) {
    // A validator that crashed while checking drops it; one that accepted a block including
    // it meanwhile has nothing left to do.
    guard isRunning(validator), !transactionPool.isIncluded(index, at: validator) else { return }
    guard isValid else {
      transactionPool.counts.invalidSignatureCount += 1
      return
    }
    guard transactionPool.mempools[validator].fitsEmptyBlock(transaction, limits: limits) else {
      transactionPool.counts.unfitCount += 1
      return
    }
    do {
      try transactionPool.mempools[validator].add(transaction)
    } catch {
      // Only a gas limit below the intrinsic gas remains possible (duplicates were seen).
      transactionPool.counts.unfitCount += 1
      return
    }
    transactionPool.counts.admittedCount += 1
    guard conducts[validator] != .censor else { return }
    for peer in peers.peers[validator] where peer.index != source {
      if case .flood = gossip {
        sendTransaction(transaction, from: validator, to: peer.index, in: simulation)
      } else if !known.contains(Int32(truncatingIfNeeded: peer.index)) {
        announceTransaction(
          transaction, index: index, from: validator, to: peer.index, in: simulation)
      }
    }
  }

  // MARK: - Messages

  /// Sends `transaction` from `validator` to `peer` ("transaction").
  private func sendTransaction(
    _ transaction: Transaction, from validator: Int, to peer: Int, in simulation: Simulation
  ) {
    transactionPool.counts.messageCount += 1
    transport.send(
      from: NodeID(validator), to: NodeID(peer),
      size: ByteCount(bytes: Int64(transaction.encodedByteCount)), kind: "transaction",
      in: simulation
    ) { [unowned self] simulation in
      self.receiveTransaction(transaction, at: peer, from: validator, in: simulation)
    }
  }

  /// Sends a "transaction-inv" naming `transaction` from `validator` to `peer`; a peer that
  /// has not seen it asks the first announcer it heard.
  private func announceTransaction(
    _ transaction: Transaction, index: Int, from validator: Int, to peer: Int,
    in simulation: Simulation
  ) {
    transactionPool.counts.inventoryCount += 1
    transport.send(
      from: NodeID(validator), to: NodeID(peer), size: GossipMode.inventorySize,
      kind: "transaction-inv", in: simulation
    ) { [unowned self] simulation in
      guard self.isRunning(peer), !self.transactionPool.hasSeen(index, at: peer),
        let asked = self.transactionPool.fetches.heard(
          index, from: validator, at: peer, in: simulation)
      else { return }
      self.requestTransaction(transaction, index: index, from: asked, at: peer, in: simulation)
    }
  }

  /// Sends a "transaction-getdata" from `validator` to `peer` and arms its timeout, after which
  /// the next announcer is asked. A peer that is up answers: it announced the transaction, so
  /// it received it (the simulation hands it the value rather than a lookup in its mempool,
  /// which it may have left for a block meanwhile).
  private func requestTransaction(
    _ transaction: Transaction, index: Int, from peer: Int, at validator: Int,
    in simulation: Simulation
  ) {
    guard let timeout = gossip.requestTimeout else {
      preconditionFailure("TransactionCarrying: a transaction request while flooding")
    }
    transactionPool.counts.requestCount += 1
    transport.send(
      from: NodeID(validator), to: NodeID(peer), size: GossipMode.inventorySize,
      kind: "transaction-getdata", in: simulation
    ) { [unowned self] simulation in
      guard self.isRunning(peer) else { return }
      self.sendTransaction(transaction, from: peer, to: validator, in: simulation)
    }
    let handle = simulation.schedule(after: timeout) { [unowned self] simulation in
      guard let next = self.transactionPool.fetches.timedOut(index, at: validator) else { return }
      self.requestTransaction(
        transaction, index: index, from: next, at: validator, in: simulation)
    }
    transactionPool.fetches.armed(index, at: validator, timeout: handle)
  }
}
