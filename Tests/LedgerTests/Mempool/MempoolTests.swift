import SimCore
import Testing

@testable import Ledger

struct MempoolTests {
  typealias Fixtures = LedgerFixtures

  /// Limits holding exactly `transactions` commitments (158 bytes each) after the 218-byte
  /// header and signature, with gas to spare.
  static func bytesFor(commitments: Int, spare: Int64 = 0) -> BlockLimits {
    BlockLimits(maxBlockBytes: .bytes(218 + 158 * Int64(commitments) + spare), maxGas: 30_000_000)
  }

  @Test func transactionsLeaveInArrivalOrder() throws {
    var mempool = Mempool()
    let transactions = [3, 1, 2].map { Fixtures.unsignedCommitment(client: $0, key: $0) }
    for transaction in transactions { try mempool.add(transaction) }
    #expect(mempool.transactions == transactions)
    #expect(mempool.select(limits: .standard) == transactions)
    #expect(mempool.count == 3 && mempool.pendingByteCount == 3 * 158)
    #expect(mempool.pendingGas == 3 * 24_736)
    mempool.checkInvariants()
  }

  @Test func duplicatesAndUnderfundedTransactionsAreRejected() throws {
    var mempool = Mempool()
    let transaction = Fixtures.unsignedCommitment(client: 1)
    try mempool.add(transaction)
    #expect(throws: LedgerError.duplicateTransaction(transaction.id)) {
      try mempool.add(transaction)
    }
    var work = Work.zero
    let stingy = Transaction(
      sender: transaction.sender, nonce: 9, gasLimit: 24_735, payload: transaction.payload,
      signature: transaction.signature, work: &work)
    #expect(
      throws: LedgerError.insufficientGasLimit(
        transaction: stingy.id, required: 24_736, gasLimit: 24_735)
    ) { try mempool.add(stingy) }
    #expect(mempool.count == 1)
  }

  /// Room for two commitments and 157 bytes more: the third does not fit (158 bytes).
  @Test func selectionStaysWithinTheByteLimit() throws {
    var mempool = Mempool()
    for client in 0..<3 {
      try mempool.add(Fixtures.unsignedCommitment(client: client, key: client))
    }
    let chosen = mempool.select(limits: Self.bytesFor(commitments: 2, spare: 157))
    #expect(chosen.map(\.id) == mempool.transactions.prefix(2).map(\.id))
    let exact = mempool.select(limits: Self.bytesFor(commitments: 3))
    #expect(exact.count == 3)
  }

  /// Gas for two commitments and 24,735 more: one short of a third.
  @Test func selectionStaysWithinTheGasLimit() throws {
    var mempool = Mempool()
    for client in 0..<3 {
      try mempool.add(Fixtures.unsignedCommitment(client: client, key: client))
    }
    let limits = BlockLimits(maxBlockBytes: .megabytes(1), maxGas: 3 * 24_736 - 1)
    #expect(mempool.select(limits: limits).count == 2)
  }

  /// A 1,000-byte update (1,139 bytes encoded) between two commitments, with room for the two
  /// commitments only: first fit skips the update and takes the commitment behind it.
  @Test func firstFitSkipsWhatDoesNotFitAndTakesLaterTransactions() throws {
    var mempool = Mempool()
    let first = Fixtures.unsignedCommitment(client: 0, key: 0)
    let large = Fixtures.unsignedUpdate(client: 1, byteCount: 1_000, key: 1)
    let last = Fixtures.unsignedCommitment(client: 2, key: 2)
    for transaction in [first, large, last] { try mempool.add(transaction) }
    #expect(large.encodedByteCount == 1_139)
    #expect(mempool.select(limits: Self.bytesFor(commitments: 2, spare: 500)) == [first, last])
    #expect(mempool.fitsEmptyBlock(large, limits: .standard))
    #expect(!mempool.fitsEmptyBlock(large, limits: Self.bytesFor(commitments: 7)))
  }

  /// Once a sender's transaction is skipped, its later ones are skipped too (nonce order), but
  /// other senders' are still taken.
  @Test func selectionNeverReordersOneSendersTransactions() throws {
    var mempool = Mempool()
    let a0 = Fixtures.unsignedCommitment(client: 0, nonce: 0, key: 0)
    let a1 = Fixtures.unsignedUpdate(client: 0, byteCount: 1_000, nonce: 1, key: 0)
    let a2 = Fixtures.unsignedCommitment(client: 0, nonce: 2, key: 0)
    let b0 = Fixtures.unsignedCommitment(client: 1, nonce: 0, key: 1)
    for transaction in [a0, a1, a2, b0] { try mempool.add(transaction) }
    #expect(mempool.select(limits: Self.bytesFor(commitments: 3)) == [a0, b0])
  }

  @Test func includedTransactionsAreRemoved() throws {
    var mempool = Mempool()
    let transactions = (0..<4).map { Fixtures.unsignedCommitment(client: $0, key: $0 % 4) }
    for transaction in transactions { try mempool.add(transaction) }
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: Fixtures.keys[3], work: &work)
    let block = Block(
      header: genesis.header, signature: genesis.signature,
      transactions: [transactions[1], transactions[3]], work: &work)
    #expect(mempool.removeTransactions(in: block) == 2)
    #expect(mempool.transactions == [transactions[0], transactions[2]])
    #expect(!mempool.contains(transactions[1].id) && mempool.contains(transactions[2].id))
    #expect(mempool.remove([transactions[1].id]) == 0)
    #expect(mempool.pendingByteCount == 2 * 158 && mempool.pendingGas == 2 * 24_736)
    // A removed transaction may come back (a reorganisation retracted its block); it queues
    // at the back.
    try mempool.add(transactions[1])
    #expect(mempool.transactions == [transactions[0], transactions[2], transactions[1]])
    mempool.checkInvariants()
  }

  /// 100 transactions, 80 removed: the holes are compacted away, and order and totals survive.
  @Test func compactionKeepsOrderAndTotals() throws {
    var mempool = Mempool()
    let transactions = (0..<100).map {
      Fixtures.unsignedCommitment(client: $0, nonce: UInt64($0), key: 0)
    }
    for transaction in transactions { try mempool.add(transaction) }
    let kept = transactions.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
    let dropped = transactions.enumerated().filter { $0.offset % 5 != 0 }.map(\.element.id)
    #expect(mempool.remove(dropped) == 80)
    mempool.checkInvariants()
    #expect(mempool.removedCount == 0)
    #expect(mempool.transactions == kept)
    #expect(mempool.pendingByteCount == 20 * 158)
  }
}
