import SimCore

/// What executing one block against a contract did: a receipt per transaction, the end-of-block
/// step's outcome, the gas metered and the real work done.
public struct BlockExecution<Executed: Contract>: Sendable {
  /// One transaction's outcome.
  public struct Receipt: Sendable, Hashable {
    /// The transaction.
    public var transaction: TransactionID
    /// The kind of the transaction's payload.
    public var payloadKind: TransactionPayload.Kind
    /// Nil when applied; the reason otherwise.
    public var rejection: Executed.Rejection?
    /// Execution gas (on top of the transaction's intrinsic gas).
    public var gasUsed: UInt64
  }

  /// The block's height.
  public var height: Int
  /// The block's hash.
  public var blockHash: BlockHash
  /// The receipts, in block order.
  public var receipts: [Receipt]
  /// Execution gas of the receipts and the end-of-block step.
  public var gasUsed: UInt64
  /// The real computation done (hashing, arithmetic): what a validator's profile turns into time.
  public var work: Work
  /// What the end-of-block step did.
  public var outcome: Executed.BlockOutcome
}
