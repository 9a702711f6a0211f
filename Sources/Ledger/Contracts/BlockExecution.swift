import SimCore

/// What executing one block's transactions against the federation contract did: a receipt per
/// transaction, the end-of-block step's outcome, the gas metered and the real work done.
public struct BlockExecution: Sendable {
  /// One transaction's outcome.
  public struct Receipt: Sendable, Hashable {
    /// The transaction.
    public var transaction: TransactionID
    /// Nil when applied; the reason otherwise.
    public var rejection: ContractRejection?
    /// Execution gas (on top of the transaction's intrinsic gas).
    public var gasUsed: UInt64
  }

  /// A round's aggregation, done in the end-of-block step.
  public struct Aggregation: Sendable, Hashable {
    /// The round aggregated.
    public var round: Int
    /// The clients whose updates were averaged, ascending.
    public var contributors: [ClientID]
    /// True when the round's deadline, not the last sampled client, closed it.
    public var closedByDeadline: Bool
    /// SHA-256 of the global model after the round.
    public var modelHash: Digest256
    /// Why the aggregation rule refused the updates (the model was kept), or nil.
    public var refusal: String?
  }

  /// The block's height.
  public var height: Int
  /// The block's hash.
  public var blockHash: BlockHash
  /// The receipts, in block order.
  public var receipts: [Receipt] = []
  /// Execution gas of the receipts and the end-of-block step.
  public var gasUsed: UInt64 = 0
  /// The real computation done (hashing, averaging): what a validator's profile turns into time.
  public var work = Work.zero
  /// A round opened by this block's end-of-block step, or nil.
  public var openedRound: Int?
  /// The aggregation done by this block's end-of-block step, or nil.
  public var aggregation: Aggregation?
  /// True when the federation finished in this block.
  public var finished = false
}
