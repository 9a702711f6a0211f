import Cryptography
import SimCore
import Testing

@testable import Ledger

struct BlockTests {
  static let proposer = LedgerFixtures.keys[3]

  static func makeBlock(seal: ConsensusSeal = .none) -> (genesis: Block, block: Block) {
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: proposer, work: &work)
    let transactions = [
      LedgerFixtures.commitment(client: 1, key: 0),
      LedgerFixtures.modelUpdate(client: 2, byteCount: 10, key: 1),
    ]
    let block = Block.make(
      on: genesis, transactions: transactions,
      timestamp: SimInstant(nanosecondsSinceStart: 1_500_000_000), proposer: NodeID(7),
      signer: proposer, seal: seal, work: &work)
    return (genesis, block)
  }

  @Test func genesisSitsAtHeightZeroWithAZeroParent() {
    let (genesis, block) = Self.makeBlock()
    #expect(genesis.height == 0 && genesis.parentHash == .zero)
    #expect(genesis.transactions.isEmpty && genesis.encodedByteCount == 218)
    #expect(block.height == 1 && block.parentHash == genesis.hash)
  }

  /// Header layout (see `BlockHeader`): version at 0, parent hash at 1, height at 33,
  /// timestamp at 41, proposer at 49, key at 53, Merkle root at 85, count at 117, gas at 121,
  /// byte size at 129, seal at 137; 154 bytes, hashed in 3 SHA-256 blocks (192 bytes).
  @Test func headerFollowsTheDocumentedLayoutAndItsHashIsTheBlockHash() {
    let (genesis, block) = Self.makeBlock(seal: .proofOfWork(nonce: 0x0102, difficulty: 9))
    let bytes = block.header.encode()
    #expect(bytes.count == 154)
    #expect(bytes[0] == 1)
    #expect(Array(bytes[1..<33]) == genesis.hash.digest.bytes)
    #expect(Array(bytes[33..<41]) == [0, 0, 0, 0, 0, 0, 0, 1])
    // 1.5 s = 1,500,000,000 ns = 0x59682F00.
    #expect(Array(bytes[41..<49]) == [0, 0, 0, 0, 0x59, 0x68, 0x2F, 0x00])
    #expect(Array(bytes[49..<53]) == [0, 0, 0, 7])
    #expect(Array(bytes[53..<85]) == Self.proposer.publicKey.rawRepresentation)
    #expect(Array(bytes[85..<117]) == block.header.merkleRoot.bytes)
    #expect(Array(bytes[117..<121]) == [0, 0, 0, 2])
    #expect(Array(bytes[137..<154]) == [1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 9])
    var work = Work.zero
    #expect(block.header.computeHash(work: &work) == block.hash)
    #expect(block.hash.digest.bytes == SHA256.hash(bytes))
    #expect(work == Work(bytesHashed: 192))
  }

  /// The header's claims match the body: 2 transactions of 158 and 54 + (16 + 5 + 10) + 64 =
  /// 149 bytes plus the 218-byte overhead is 525 bytes; gas is the schedule's sum.
  @Test func madeBlockDeclaresItsSizeGasAndRoot() {
    let (_, block) = Self.makeBlock()
    let header = block.header
    #expect(block.encodedByteCount == 218 + 158 + 149)
    #expect(header.byteCount == .bytes(525))
    #expect(header.transactionCount == 2)
    #expect(
      header.gasUsed
        == block.transactions.reduce(0) { $0 + GasSchedule.ethereum.gas(for: $1) })
    var work = Work.zero
    #expect(header.merkleRoot == MerkleTree.root(of: block.transactions.map(\.id), work: &work))
    #expect(block.isValidSignature(work: &work))
  }

  @Test(arguments: [
    ConsensusSeal.none, .proofOfWork(nonce: .max, difficulty: 12),
    .proofOfAuthority(slot: 42), .byzantine(view: 3),
  ])
  func blockRoundTripsThroughItsEncoding(seal: ConsensusSeal) throws {
    let (_, block) = Self.makeBlock(seal: seal)
    let bytes = block.encode()
    #expect(bytes.count == block.encodedByteCount)
    var work = Work.zero
    let decoded = try Block(decoding: bytes, work: &work)
    #expect(decoded == block)
    #expect(decoded.hash == block.hash && decoded.header == block.header)
    // Decoding hashes the header (192 B) and each transaction's unsigned encoding: 94 bytes
    // (2 blocks) and 85 bytes (2 blocks).
    #expect(work == Work(bytesHashed: 192 + 128 + 128))
  }

  @Test func malformedBlocksAreErrors() {
    let (_, block) = Self.makeBlock()
    let bytes = block.encode()
    var work = Work.zero
    #expect(throws: LedgerError.trailingBytes(what: "block", offset: 525, count: 1)) {
      try Block(decoding: bytes + [0], work: &work)
    }
    #expect(
      throws: LedgerError.truncated(
        field: "Block.signature", offset: 154, needed: 64, available: 10)
    ) { try Block(decoding: Array(bytes.prefix(164)), work: &work) }
    var badSeal = bytes
    badSeal[137] = 4
    #expect(
      throws: LedgerError.unknownTag(
        field: "ConsensusSeal.tag", offset: 137, tag: 4, accepted: "0...3")
    ) { try Block(decoding: badSeal, work: &work) }
    // `.none` must have zero words: a non-zero byte in word 2 (offset 146) is not canonical.
    var padded = bytes
    padded[150] = 1
    #expect(throws: LedgerError.nonZeroPadding(field: "ConsensusSeal.word2", offset: 146)) {
      try Block(decoding: padded, work: &work)
    }
    var version = bytes
    version[0] = 0
    #expect(
      throws: LedgerError.unsupportedVersion(field: "BlockHeader.version", found: 0, supported: 1)
    ) { try Block(decoding: version, work: &work) }
  }

  @Test func headerDecodesAlone() throws {
    let (_, block) = Self.makeBlock(seal: .byzantine(view: 2))
    #expect(try BlockHeader(decoding: block.header.encode()) == block.header)
  }
}
