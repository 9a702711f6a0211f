import SimCore

/// A contract: deterministic code that a chain's validators run on every confirmed block, one
/// transaction at a time in block order, then once more in an end-of-block step (as Cosmos SDK's
/// `EndBlock` does) that lets the contract act on the block's timestamp without a transaction to
/// trigger it.
///
/// A contract meters what it does twice: in gas (`ExecutionGasSchedule`), what the chain would
/// charge for it, and in `Work`, the real computation a validator's device turns into time. It
/// may read payloads kept off chain: it names the ones a transaction needs, a validator fetches
/// them before it executes the block, and the contract reads them through `FetchedContent`.
///
/// Executing a block is a pure function of the contract's state and the block, so a
/// `ContractRuntime` executes each confirmed block once and charges its work to every validator.
///
/// ```swift
/// let execution = contract.execute(block, reading: .none)  // no off-chain payloads fetched
/// print(execution.gasUsed, execution.receipts.map(\.rejection), execution.outcome)
/// ```
///
/// Schemes define the contracts (the federated-learning one is `Schemes.FederationContract`);
/// the ledger knows only this protocol.
public protocol Contract: Sendable {
  /// Why the contract refused a transaction. A refused transaction stays in its block (it was
  /// validly signed and paid its intrinsic gas) but changes no state, as a reverted Ethereum
  /// transaction does.
  associatedtype Rejection: Hashable, Sendable, CustomStringConvertible
  /// What the end-of-block step reports besides gas and work.
  associatedtype BlockOutcome: Sendable

  /// The off-chain payloads executing `transaction` reads, in the order it reads them: the
  /// validator fetches them before it executes the transaction's block.
  func offChainReferences(of transaction: Transaction) -> [ContentReference]

  /// Applies `transaction`, reading off-chain payloads from `content`: nil when applied, the
  /// reason otherwise. Adds its execution gas (on top of the intrinsic gas) to `gasUsed` and the
  /// real computation it did to `work`.
  mutating func apply(
    _ transaction: Transaction, reading content: FetchedContent, gasUsed: inout UInt64,
    work: inout Work
  ) -> Rejection?

  /// The end-of-block step, run after the block's transactions with the block's `timestamp`;
  /// adds its gas to `gasUsed` and its computation to `work`.
  mutating func endBlock(at timestamp: SimInstant, gasUsed: inout UInt64, work: inout Work)
    -> BlockOutcome
}

extension Contract {
  /// Executes `block`: each transaction in block order, then the end-of-block step, reading
  /// off-chain payloads from `content`.
  /// - Complexity: what the contract's `apply` costs per transaction, plus its `endBlock`.
  public mutating func execute(_ block: Block, reading content: FetchedContent)
    -> BlockExecution<Self>
  {
    var receipts: [BlockExecution<Self>.Receipt] = []
    receipts.reserveCapacity(block.transactions.count)
    var gasUsed: UInt64 = 0
    var work = Work.zero
    for transaction in block.transactions {
      var receiptGas: UInt64 = 0
      let rejection = apply(transaction, reading: content, gasUsed: &receiptGas, work: &work)
      receipts.append(
        BlockExecution.Receipt(
          transaction: transaction.id, payloadKind: transaction.payload.kind,
          rejection: rejection, gasUsed: receiptGas))
      gasUsed += receiptGas
    }
    let outcome = endBlock(at: block.header.timestamp, gasUsed: &gasUsed, work: &work)
    return BlockExecution(
      height: block.height, blockHash: block.hash, receipts: receipts, gasUsed: gasUsed,
      work: work, outcome: outcome)
  }
}
