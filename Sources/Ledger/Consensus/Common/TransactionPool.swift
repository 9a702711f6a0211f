import SimCore

/// The transaction state of an engine's validators: each validator's mempool, and per
/// (transaction, validator) two bits: *seen* (received by gossip, submission or in an accepted
/// block, so later copies are dropped) and *included* (in a block on the validator's main
/// chain, so it must not enter the mempool again).
///
/// Transactions get a dense index on first sight; the bits live in one array of words, as in
/// `ProofOfWorkEngine`'s block bits, so 1,000 validators cost 250 bytes per transaction.
struct TransactionPool {
  /// Each validator's mempool.
  var mempools: [Mempool]
  var counts = TransactionCounts()
  /// The transactions each validator heard announced and has not received (by dense index).
  var fetches: FetchTable<Int>
  /// Dense index of each transaction ever seen (lookup only).
  private var indexByID: [TransactionID: Int] = [:]
  /// Bit (2 · t · words + v / 64 word, v mod 64): transaction t seen by validator v; the
  /// following `words` words hold the included bits.
  private var bits: [UInt64] = []
  private let words: Int

  /// A pool for `validatorCount` validators with empty mempools.
  init(validatorCount: Int, gasSchedule: GasSchedule = .ethereum) {
    mempools = Array(repeating: Mempool(gasSchedule: gasSchedule), count: validatorCount)
    words = (validatorCount + 63) / 64
    fetches = FetchTable(nodeCount: validatorCount)
  }

  /// True when no transaction has been seen yet.
  var isEmpty: Bool { indexByID.isEmpty }

  /// The dense index of `id`, assigned on first call.
  mutating func index(of id: TransactionID) -> Int {
    if let index = indexByID[id] { return index }
    let index = indexByID.count
    indexByID[id] = index
    bits.append(contentsOf: repeatElement(0, count: 2 * words))
    return index
  }

  private func word(_ transaction: Int, _ validator: Int, included: Bool) -> Int {
    2 * transaction * words + (included ? words : 0) + validator >> 6
  }

  func hasSeen(_ transaction: Int, at validator: Int) -> Bool {
    bits[word(transaction, validator, included: false)] & 1 << UInt64(validator & 63) != 0
  }

  mutating func markSeen(_ transaction: Int, at validator: Int) {
    bits[word(transaction, validator, included: false)] |= 1 << UInt64(validator & 63)
  }

  func isIncluded(_ transaction: Int, at validator: Int) -> Bool {
    bits[word(transaction, validator, included: true)] & 1 << UInt64(validator & 63) != 0
  }

  private mutating func setIncluded(_ transaction: Int, at validator: Int, _ value: Bool) {
    let mask: UInt64 = 1 << UInt64(validator & 63)
    let at = word(transaction, validator, included: true)
    bits[at] = value ? bits[at] | mask : bits[at] & ~mask
  }

  /// Empties `validator`'s mempool, as a crash does (the mempool is volatile), counting what it
  /// held in `counts.lostInCrashCount`. The lost transactions are forgotten as seen there, so a
  /// copy that arrives after the recovery (a client's resubmission, or gossip) is admitted again.
  /// - Complexity: O(pending transactions).
  mutating func dropMempool(at validator: Int) {
    let lost = mempools[validator].transactions
    for transaction in lost {
      let mask: UInt64 = 1 << UInt64(validator & 63)
      bits[word(index(of: transaction.id), validator, included: false)] &= ~mask
    }
    counts.lostInCrashCount += lost.count
    mempools[validator] = Mempool(gasSchedule: mempools[validator].gasSchedule)
  }

  /// Applies a move of `validator`'s main chain: `retracted` blocks left it and `adopted`
  /// blocks joined it, each list in height order. The adopted blocks' transactions leave the
  /// mempool (and count as seen and included); the retracted blocks' transactions that the new
  /// main chain does not include go back to the mempool, in block order (oldest block first),
  /// behind what is pending.
  /// - Complexity: O(transactions in the blocks), plus the mempool's removal cost.
  mutating func moveMainChain(at validator: Int, retracted: [Block], adopted: [Block]) {
    for block in retracted {
      for transaction in block.transactions {
        setIncluded(index(of: transaction.id), at: validator, false)
      }
    }
    for block in adopted where !block.transactions.isEmpty {
      for transaction in block.transactions {
        let index = index(of: transaction.id)
        markSeen(index, at: validator)
        setIncluded(index, at: validator, true)
      }
      mempools[validator].removeTransactions(in: block)
    }
    for block in retracted {
      for transaction in block.transactions
      where !isIncluded(index(of: transaction.id), at: validator)
        && !mempools[validator].contains(transaction.id)
      {
        do {
          try mempools[validator].add(transaction)
        } catch {
          // Its block passed validation with the same gas schedule, so its gas fits its limit.
          preconditionFailure("TransactionPool: retracted \(transaction.id) refused: \(error)")
        }
      }
    }
  }
}
