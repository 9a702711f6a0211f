import Cryptography
import SimCore

/// The transactions a node has heard of and not yet seen included, in arrival order, and the
/// rule that picks the next block's transactions from them.
///
/// **Order: FIFO.** Transactions leave in the order they arrived (an arrival sequence number,
/// never a hash order). FL transactions carry no fee market, and first come, first served is
/// what a fair permissioned chain does; it also keeps a sender's transactions in nonce order
/// when the sender submits them in order.
///
/// **Block filling: first fit.** `select(limits:)` walks the queue from the oldest and takes
/// every transaction that still fits in the remaining bytes and gas, skipping one that does
/// not (a large model update waits while smaller ones go). Once a sender's transaction is
/// skipped, that sender's later transactions are skipped too, so a block never reorders one
/// sender's transactions. A transaction too large for an empty block is never selected: check
/// `fitsEmptyBlock(_:limits:)` before admitting it where that matters.
///
/// ```swift
/// var mempool = Mempool(gasSchedule: .ethereum)
/// try mempool.add(transaction)
/// let chosen = mempool.select(limits: .standard)
/// let block = Block.make(on: head, transactions: chosen, …)
/// mempool.removeTransactions(in: block)
/// ```
public struct Mempool: Sendable {
  struct Entry: Sendable {
    let transaction: Transaction
    let gas: UInt64
    let byteCount: Int
  }

  /// The prices used to compute each transaction's gas on admission.
  public let gasSchedule: GasSchedule
  /// Entries in arrival order; `nil` marks a removed one until the next compaction.
  var slots: [Entry?] = []
  /// Where each pending transaction sits in `slots` (lookup only).
  var slotByID: [TransactionID: Int] = [:]
  var removedCount = 0
  /// The bytes of the pending transactions' encodings.
  public private(set) var pendingByteCount = 0
  /// The gas of the pending transactions.
  public private(set) var pendingGas: UInt64 = 0

  /// An empty mempool pricing gas with `gasSchedule`.
  public init(gasSchedule: GasSchedule = .ethereum) { self.gasSchedule = gasSchedule }

  /// The number of pending transactions.
  public var count: Int { slotByID.count }
  /// True when nothing is pending.
  public var isEmpty: Bool { slotByID.isEmpty }

  /// True when `id` is pending.
  public func contains(_ id: TransactionID) -> Bool { slotByID[id] != nil }

  /// The pending transactions, oldest first.
  /// - Complexity: O(n).
  public var transactions: [Transaction] { slots.compactMap { $0?.transaction } }

  /// Appends `transaction` at the back of the queue.
  /// - Throws: `LedgerError.duplicateTransaction` when it is already pending;
  ///   `LedgerError.insufficientGasLimit` when its gas exceeds its gas limit (no block could
  ///   include it).
  public mutating func add(_ transaction: Transaction) throws(LedgerError) {
    guard slotByID[transaction.id] == nil else { throw .duplicateTransaction(transaction.id) }
    let gas = gasSchedule.gas(for: transaction)
    guard gas <= transaction.gasLimit else {
      throw .insufficientGasLimit(
        transaction: transaction.id, required: gas, gasLimit: transaction.gasLimit)
    }
    slotByID[transaction.id] = slots.count
    slots.append(Entry(transaction: transaction, gas: gas, byteCount: transaction.encodedByteCount))
    pendingByteCount += transaction.encodedByteCount
    pendingGas += gas
  }

  /// True when `transaction` alone fits in a block under `limits`.
  public func fitsEmptyBlock(_ transaction: Transaction, limits: BlockLimits) -> Bool {
    Int64(Block.overheadByteCount + transaction.encodedByteCount) <= limits.maxBlockBytes.bytes
      && gasSchedule.gas(for: transaction) <= limits.maxGas
  }

  /// The transactions for the next block, in queue order: first fit within `limits` (bytes
  /// after the block's header and signature, and gas), never reordering a sender's
  /// transactions. The mempool is unchanged; remove what a block includes with
  /// `removeTransactions(in:)`.
  /// - Complexity: O(n) for n pending transactions.
  public func select(limits: BlockLimits) -> [Transaction] {
    var bytesLeft = limits.maxBlockBytes.bytes - Int64(Block.overheadByteCount)
    var gasLeft = limits.maxGas
    var chosen: [Transaction] = []
    var blockedSenders = Set<Ed25519.PublicKey>()
    for case let entry? in slots {
      let sender = entry.transaction.sender
      if !blockedSenders.isEmpty && blockedSenders.contains(sender) { continue }
      if Int64(entry.byteCount) <= bytesLeft && entry.gas <= gasLeft {
        chosen.append(entry.transaction)
        bytesLeft -= Int64(entry.byteCount)
        gasLeft -= entry.gas
      } else {
        blockedSenders.insert(sender)
      }
    }
    return chosen
  }

  /// Removes the pending transactions among `ids`; returns how many were pending.
  /// - Complexity: O(k) for k IDs, plus an occasional O(n) compaction.
  @discardableResult
  public mutating func remove(_ ids: some Sequence<TransactionID>) -> Int {
    var removed = 0
    for id in ids {
      guard let slot = slotByID.removeValue(forKey: id), let entry = slots[slot] else { continue }
      slots[slot] = nil
      removedCount += 1
      removed += 1
      pendingByteCount -= entry.byteCount
      pendingGas -= entry.gas
    }
    // Compact when holes outnumber live entries, so memory and `select` stay O(pending).
    if removedCount > 64 && removedCount > slotByID.count { compact() }
    return removed
  }

  /// Removes the transactions `block` includes; returns how many were pending.
  @discardableResult
  public mutating func removeTransactions(in block: Block) -> Int {
    remove(block.transactions.lazy.map(\.id))
  }

  private mutating func compact() {
    let live = slots.compactMap { $0 }
    slots = live.map { Optional($0) }
    for (slot, entry) in live.enumerated() { slotByID[entry.transaction.id] = slot }
    removedCount = 0
  }
}
