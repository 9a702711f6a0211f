/// What happened to the transactions an engine's validators received (each validator's receipt
/// counts once: a transaction gossiped to n validators is admitted up to n times).
public struct TransactionCounts: Hashable, Sendable {
  /// Receipts admitted to a mempool.
  public var admittedCount = 0
  /// Copies of a transaction the validator had already received (gossip redundancy, client
  /// resubmissions, or one already included in a block it accepted).
  public var duplicateCount = 0
  /// Receipts whose signature did not verify.
  public var invalidSignatureCount = 0
  /// Receipts that no block could include: too large (bytes or gas) for an empty block under
  /// the engine's limits, or a gas limit below the transaction's intrinsic gas.
  public var unfitCount = 0
  /// Transactions that were in a validator's mempool when it crashed (the mempool is volatile).
  public var lostInCrashCount = 0
  /// Transaction messages sent between validators.
  public var messageCount = 0
  /// Transaction inventories ("transaction-inv") sent between validators (announce-then-request
  /// gossip).
  public var inventoryCount = 0
  /// Transaction requests ("transaction-getdata") sent between validators, retries included.
  public var requestCount = 0

  /// All zero.
  public init() {}
}
