import SimCore
import SimKernel

/// What the engines share to carry transactions and charge time: the admission and gossip of
/// transactions, and running a continuation once a validator's `Work` is done.
///
/// An internal seam: each engine supplies its pool, transport, compute service, memo, limits,
/// liveness and gossip peers, and gets `receiveTransaction` and `charge` from the extension.
protocol TransactionCarrying: AnyObject {
  var transactionPool: TransactionPool { get set }
  var transport: any MessageTransport { get }
  var compute: (any ComputeService)? { get }
  var signatureMemo: SignatureMemo { get }
  var limits: BlockLimits { get }
  var peers: PeerTable { get }
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
    var work = Work.zero
    let isValid = signatureMemo.isValidSignature(of: transaction, work: &work)
    charge(work, on: validator, label: "admit-transaction", in: simulation) {
      [unowned self] simulation in
      self.admit(
        transaction, index: index, at: validator, from: source, isValid: isValid, in: simulation)
    }
  }

  private func admit(
    _ transaction: Transaction, index: Int, at validator: Int, from source: Int?, isValid: Bool,
    in simulation: Simulation
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
    let size = ByteCount(bytes: Int64(transaction.encodedByteCount))
    for peer in peers.peers[validator] where peer.index != source {
      transactionPool.counts.messageCount += 1
      transport.send(
        from: NodeID(validator), to: peer, size: size, kind: "transaction", in: simulation
      ) { [unowned self] simulation in
        self.receiveTransaction(transaction, at: peer.index, from: validator, in: simulation)
      }
    }
  }
}
