import Cryptography
import SimCore
import Testing

@testable import Ledger

struct BlockValidatorTests {
  static let proposer = LedgerFixtures.keys[3]
  static let validator = BlockValidator(gasSchedule: .ethereum)
  static let limits = BlockLimits.standard

  /// A genesis block and a valid block 1 with four update commitments (158 bytes and 24,736
  /// gas each): 218 + 4 × 158 = 850 bytes, 98,944 gas.
  static let fixture: (genesis: Block, block: Block) = {
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: proposer, work: &work)
    let transactions = [
      LedgerFixtures.commitment(client: 0, key: 0), LedgerFixtures.commitment(client: 1, key: 1),
      LedgerFixtures.commitment(client: 2, key: 2),
      LedgerFixtures.commitment(client: 3, nonce: 1, key: 0),
    ]
    let block = Block.make(
      on: genesis, transactions: transactions, timestamp: SimInstant(nanosecondsSinceStart: 10),
      proposer: NodeID(1), signer: proposer, work: &work)
    return (genesis, block)
  }()

  private func validate(_ block: Block, parent: Block? = nil, limits: BlockLimits = limits)
    throws(LedgerError)
  {
    var work = Work.zero
    try Self.validator.validate(
      block: block, parent: parent ?? Self.fixture.genesis, limits: limits, work: &work)
  }

  /// A block with `header` signed by the proposer (an honest proposer of a bad block).
  private func resigned(_ header: BlockHeader, _ transactions: [Transaction]) -> Block {
    var work = Work.zero
    return Block.signed(
      header: header, transactions: transactions, signer: Self.proposer, work: &work)
  }

  /// Work of validating the 4-transaction block: header hash 192 B; block signature: SHA-512
  /// of R ‖ A ‖ hash (96 B, one 128-byte block) and 2 scalar multiplications; 4 IDs of 94
  /// bytes (128 B each); the Merkle tree of 4 (4 × 64 + 3 × 128 = 640 B); 4 signatures (128 B
  /// and 2 multiplications each). 192 + 128 + 512 + 640 + 512 = 1,984 bytes, 10 multiplications.
  @Test func validBlockPassesAndReportsItsWork() throws {
    var work = Work.zero
    try Self.validator.validate(
      block: Self.fixture.block, parent: Self.fixture.genesis, limits: Self.limits, work: &work)
    #expect(work == Work(bytesHashed: 1_984, curveScalarMultiplications: 10))
  }

  /// A transaction changed after signing (its nonce) under the original header: the header's
  /// Merkle root no longer matches the recomputed IDs.
  @Test func tamperedTransactionBreaksTheMerkleRoot() throws {
    let block = Self.fixture.block
    var transactions = block.transactions
    let original = transactions[2]
    var work = Work.zero
    transactions[2] = Transaction(
      sender: original.sender, nonce: original.nonce + 1, gasLimit: original.gasLimit,
      payload: original.payload, signature: original.signature, work: &work)
    let tampered = Block(
      header: block.header, signature: block.signature, transactions: transactions, work: &work)
    let computed = MerkleTree.root(of: transactions.map(\.id), work: &work)
    #expect(
      throws: LedgerError.merkleRootMismatch(
        height: 1, declared: block.header.merkleRoot, computed: computed)
    ) { try validate(tampered) }
  }

  /// The same tampered transaction in a block the proposer rebuilt and signed: every header
  /// check passes, and the transaction's own signature fails.
  @Test func tamperedTransactionInAResignedBlockFailsItsSignature() throws {
    var transactions = Self.fixture.block.transactions
    let original = transactions[2]
    var work = Work.zero
    transactions[2] = Transaction(
      sender: original.sender, nonce: original.nonce + 1, gasLimit: original.gasLimit,
      payload: original.payload, signature: original.signature, work: &work)
    let block = Block.make(
      on: Self.fixture.genesis, transactions: transactions,
      timestamp: SimInstant(nanosecondsSinceStart: 10), proposer: NodeID(1), signer: Self.proposer,
      work: &work)
    #expect(
      throws: LedgerError.invalidTransactionSignature(
        height: 1, index: 2, transaction: transactions[2].id)
    ) { try validate(block) }
  }

  /// A header field changed after signing (the timestamp, the gas used): the hash changes and
  /// the proposer's signature no longer verifies over it.
  @Test func tamperedHeaderFieldBreaksTheBlockSignature() {
    let block = Self.fixture.block
    var work = Work.zero
    var header = block.header
    header.timestamp = SimInstant(nanosecondsSinceStart: 11)
    let later = Block(
      header: header, signature: block.signature, transactions: block.transactions, work: &work)
    #expect(throws: LedgerError.invalidBlockSignature(height: 1, block: later.hash)) {
      try validate(later)
    }
    header = block.header
    header.gasUsed -= 1
    let cheaper = Block(
      header: header, signature: block.signature, transactions: block.transactions, work: &work)
    #expect(throws: LedgerError.invalidBlockSignature(height: 1, block: cheaper.hash)) {
      try validate(cheaper)
    }
  }

  @Test func signatureByAnotherKeyIsRejected() {
    let block = Self.fixture.block
    let forged = LedgerFixtures.keys[0].signature(for: block.hash.digest.bytes)
    var work = Work.zero
    let forgery = Block(
      header: block.header, signature: forged, transactions: block.transactions, work: &work)
    #expect(throws: LedgerError.invalidBlockSignature(height: 1, block: block.hash)) {
      try validate(forgery)
    }
  }

  /// A signed header whose Merkle root is not that of its transactions.
  @Test func wrongMerkleRootIsRejected() {
    let block = Self.fixture.block
    var header = block.header
    header.merkleRoot = LedgerFixtures.digest(0x5A)
    var work = Work.zero
    let computed = MerkleTree.root(of: block.transactions.map(\.id), work: &work)
    #expect(
      throws: LedgerError.merkleRootMismatch(
        height: 1, declared: LedgerFixtures.digest(0x5A), computed: computed)
    ) { try validate(resigned(header, block.transactions)) }
  }

  /// The 850-byte block against a limit one byte smaller.
  @Test func oversizeBlockIsRejected() {
    let limits = BlockLimits(maxBlockBytes: .bytes(849), maxGas: 30_000_000)
    #expect(throws: LedgerError.blockTooLarge(height: 1, byteCount: 850, limit: 849)) {
      try validate(Self.fixture.block, limits: limits)
    }
    #expect(throws: Never.self) {
      try validate(
        Self.fixture.block, limits: BlockLimits(maxBlockBytes: .bytes(850), maxGas: 98_944))
    }
  }

  /// 4 × 24,736 = 98,944 gas against a limit of 98,943.
  @Test func overGasBlockIsRejected() {
    let limits = BlockLimits(maxBlockBytes: .megabytes(1), maxGas: 98_943)
    #expect(throws: LedgerError.blockGasExceeded(height: 1, gasUsed: 98_944, limit: 98_943)) {
      try validate(Self.fixture.block, limits: limits)
    }
  }

  /// A transaction signed by a key other than its sender's, in an honestly made block.
  @Test func badTransactionSignatureIsRejected() {
    let original = LedgerFixtures.commitment(client: 9, key: 0)
    var work = Work.zero
    let wrongSignature = LedgerFixtures.keys[1].signature(for: original.id.digest.bytes)
    let forged = Transaction(
      sender: original.sender, nonce: original.nonce, gasLimit: original.gasLimit,
      payload: original.payload, signature: wrongSignature, work: &work)
    let transactions = [LedgerFixtures.commitment(client: 8, key: 2), forged]
    let block = Block.make(
      on: Self.fixture.genesis, transactions: transactions,
      timestamp: SimInstant(nanosecondsSinceStart: 10), proposer: NodeID(1), signer: Self.proposer,
      work: &work)
    #expect(
      throws: LedgerError.invalidTransactionSignature(height: 1, index: 1, transaction: forged.id)
    ) {
      try validate(block)
    }
  }

  @Test func brokenLinksAreRejected() {
    let (genesis, block) = Self.fixture
    #expect(
      throws: LedgerError.parentMismatch(height: 1, expected: block.hash, found: genesis.hash)
    ) {
      try validate(block, parent: block)
    }
    var header = block.header
    header.height = 2
    let skipping = resigned(header, block.transactions)
    #expect(throws: LedgerError.heightMismatch(block: skipping.hash, expected: 1, found: 2)) {
      try validate(skipping)
    }
    var work = Work.zero
    let lateGenesis = Block.makeGenesis(
      timestamp: SimInstant(nanosecondsSinceStart: 20), proposer: NodeID(0), signer: Self.proposer,
      work: &work)
    header = block.header
    header.parentHash = lateGenesis.hash
    #expect(
      throws: LedgerError.timestampBeforeParent(height: 1, parentNanoseconds: 20, nanoseconds: 10)
    ) {
      try validate(resigned(header, block.transactions), parent: lateGenesis)
    }
  }

  /// Headers signed by the proposer that misstate the body: count, size, gas used.
  @Test func headerClaimsMustMatchTheBody() {
    let block = Self.fixture.block
    var header = block.header
    header.transactionCount = 3
    #expect(throws: LedgerError.transactionCountMismatch(height: 1, declared: 3, actual: 4)) {
      try validate(resigned(header, block.transactions))
    }
    header = block.header
    header.byteCount = .bytes(800)
    #expect(throws: LedgerError.byteCountMismatch(height: 1, declared: 800, actual: 850)) {
      try validate(resigned(header, block.transactions))
    }
    header = block.header
    header.gasUsed = 1
    #expect(throws: LedgerError.gasUsedMismatch(height: 1, declared: 1, actual: 98_944)) {
      try validate(resigned(header, block.transactions))
    }
  }

  @Test func transactionsMustCoverTheirGasAndAppearOnce() {
    var work = Work.zero
    let payload = TransactionPayload.updateCommitment(
      UpdateCommitment(client: ClientID(1), round: 1, commitment: .zero))
    let stingy = Transaction.make(
      payload: payload, nonce: 0, gasLimit: 24_735, signedBy: LedgerFixtures.keys[0], work: &work)
    let underfunded = Block.make(
      on: Self.fixture.genesis, transactions: [stingy],
      timestamp: SimInstant(nanosecondsSinceStart: 10),
      proposer: NodeID(1), signer: Self.proposer, work: &work)
    #expect(
      throws: LedgerError.transactionGasLimitTooLow(
        height: 1, index: 0, transaction: stingy.id, required: 24_736, gasLimit: 24_735)
    ) { try validate(underfunded) }

    let once = LedgerFixtures.commitment(client: 1)
    let twice = Block.make(
      on: Self.fixture.genesis, transactions: [once, LedgerFixtures.commitment(client: 2), once],
      timestamp: SimInstant(nanosecondsSinceStart: 10), proposer: NodeID(1), signer: Self.proposer,
      work: &work)
    #expect(
      throws: LedgerError.duplicateTransactionInBlock(height: 1, index: 2, transaction: once.id)
    ) {
      try validate(twice)
    }
  }

  /// Two validators checking the same block with one memo: the second does no verification
  /// but is charged exactly the same work.
  @Test func signatureMemoChargesTheSameWorkWithoutReverifying() throws {
    let memo = SignatureMemo()
    var first = Work.zero
    var second = Work.zero
    try Self.validator.validate(
      block: Self.fixture.block, parent: Self.fixture.genesis, limits: Self.limits,
      signatureMemo: memo, work: &first)
    try Self.validator.validate(
      block: Self.fixture.block, parent: Self.fixture.genesis, limits: Self.limits,
      signatureMemo: memo, work: &second)
    #expect(first == second)
    #expect(first == Work(bytesHashed: 1_984, curveScalarMultiplications: 10))
    #expect(memo.missCount == 5 && memo.hitCount == 5 && memo.count == 5)
  }
}
