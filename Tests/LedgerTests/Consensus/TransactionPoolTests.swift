import Cryptography
import SimCore
import Testing

@testable import Ledger

struct TransactionPoolTests {
  private func block(_ transactions: [Transaction], height: Int) -> Block {
    var work = Work.zero
    return Block.make(
      parentHash: .zero, height: height, transactions: transactions, timestamp: .zero,
      proposer: NodeID(0), signer: LedgerFixtures.keys[0], seal: .none, gasSchedule: .ethereum,
      work: &work)
  }

  /// Main chain a1, a2 (holding A, B, then C) is replaced by b1, b2 (holding B, then E): A and
  /// C return to the mempool behind the pending D, in block order; B stays included; E, which
  /// was pending, leaves.
  @Test func reorganisationReturnsRetractedTransactionsInBlockOrder() throws {
    let tx = (0..<5).map { LedgerFixtures.unsignedCommitment(client: $0, key: $0 % 4) }
    let (a, b, c, d, e) = (tx[0], tx[1], tx[2], tx[3], tx[4])
    var pool = TransactionPool(validatorCount: 2)
    try pool.mempools[1].add(d)
    try pool.mempools[1].add(e)
    let a1 = block([a, b], height: 1)
    let a2 = block([c], height: 2)
    pool.moveMainChain(at: 1, retracted: [], adopted: [a1, a2])
    #expect(pool.mempools[1].transactions == [d, e])
    let b1 = block([b], height: 1)
    let b2 = block([e], height: 2)
    pool.moveMainChain(at: 1, retracted: [a1, a2], adopted: [b1, b2])
    #expect(pool.mempools[1].transactions == [d, a, c])
    #expect(pool.isIncluded(pool.index(of: b.id), at: 1))
    #expect(!pool.isIncluded(pool.index(of: a.id), at: 1))
    #expect(pool.isIncluded(pool.index(of: e.id), at: 1))
    // The other validator is untouched.
    #expect(pool.mempools[0].isEmpty && !pool.isIncluded(pool.index(of: b.id), at: 0))
    pool.mempools[1].checkInvariants()
  }

  /// Bits of validators 0 and 64 share nothing (validator 64 starts the second word).
  @Test func seenBitsAreKeptPerValidator() {
    var pool = TransactionPool(validatorCount: 65)
    let first = pool.index(of: LedgerFixtures.unsignedCommitment(client: 0).id)
    let second = pool.index(of: LedgerFixtures.unsignedCommitment(client: 1).id)
    #expect((first, second) == (0, 1))
    pool.markSeen(second, at: 64)
    #expect(pool.hasSeen(second, at: 64))
    #expect(!pool.hasSeen(second, at: 0) && !pool.hasSeen(first, at: 64))
    #expect(!pool.isIncluded(second, at: 64))
  }
}
