import Cryptography
import SimCore
import Testing

@testable import Ledger

struct TransactionEncodingTests {
  /// One payload of every kind, on- and off-chain content included.
  static let payloads: [TransactionPayload] = [
    .clientRegistration(
      ClientRegistration(
        client: ClientID(4), node: NodeID(17), sampleCount: 600,
        dataDigest: LedgerFixtures.digest(0x11))),
    .updateCommitment(
      UpdateCommitment(client: ClientID(2), round: 5, commitment: LedgerFixtures.digest(0x22))),
    .modelUpdate(
      ModelUpdate(client: ClientID(2), round: 5, sampleCount: 600, content: .onChain([1, 2, 3]))),
    .modelUpdate(
      ModelUpdate(
        client: ClientID(2), round: 5, sampleCount: 600,
        content: .offChain(
          ContentReference(
            hash: ContentHash(LedgerFixtures.digest(0x33)), byteCount: .megabytes(4))))),
    .aggregateResult(
      AggregateResult(
        round: 5, contributorCount: 10, modelHash: LedgerFixtures.digest(0x44),
        model: .onChain([9, 8, 7, 6]))),
    .reputationUpdate(ReputationUpdate(client: ClientID(2), round: 5, reputation: 0.875)),
  ]

  /// The payload sizes documented on each payload type: 48, 40, 16 + (5 + 3), 16 + 41,
  /// 40 + (5 + 4), 16.
  static let payloadByteCounts = [48, 40, 24, 57, 49, 16]

  @Test(arguments: zip(payloads, payloadByteCounts))
  func everyKindRoundTripsWithItsDocumentedSize(payload: TransactionPayload, payloadBytes: Int)
    throws
  {
    var work = Work.zero
    let transaction = Transaction.make(
      payload: payload, nonce: 3, gasLimit: 1_000_000, signedBy: LedgerFixtures.keys[1],
      work: &work)
    let bytes = transaction.encode()
    #expect(payload.encodedByteCount == payloadBytes)
    // Envelope 54 + payload + signature 64.
    #expect(transaction.encodedByteCount == 54 + payloadBytes + 64)
    #expect(bytes.count == transaction.encodedByteCount)
    #expect(transaction.encodeUnsigned() == Array(bytes.prefix(54 + payloadBytes)))
    let decoded = try Transaction(decoding: bytes, work: &work)
    #expect(decoded == transaction)
    #expect(decoded.payload == payload)
    #expect(decoded.sender == transaction.sender)
    #expect(decoded.nonce == 3 && decoded.gasLimit == 1_000_000)
    #expect(decoded.isValidSignature(work: &work))
  }

  /// The layout documented on `Transaction`, written out byte by byte for a reputation update
  /// signed with the RFC 8032 §7.1 TEST 1 key (whose public key is published).
  @Test func unsignedEncodingFollowsTheDocumentedLayout() throws {
    let key = try Ed25519.PrivateKey(seed: LedgerFixtures.rfc8032Seed)
    var work = Work.zero
    let transaction = Transaction.make(
      payload: .reputationUpdate(ReputationUpdate(client: ClientID(3), round: 9, reputation: 0.5)),
      nonce: 7, gasLimit: 24_352, signedBy: key, work: &work)
    var expected: [UInt8] = [0x01, 0x05]  // version 1, kind 5 (reputation update)
    expected += LedgerFixtures.rfc8032PublicKey  // sender
    expected += [0, 0, 0, 0, 0, 0, 0, 7]  // nonce 7
    expected += [0, 0, 0, 0, 0, 0, 0x5F, 0x20]  // gas limit 24,352 = 0x5F20
    expected += [0, 0, 0, 16]  // payload length
    expected += [0, 0, 0, 3, 0, 0, 0, 9]  // client 3, round 9
    expected += [0x3F, 0xE0, 0, 0, 0, 0, 0, 0]  // 0.5 in IEEE 754 binary64
    #expect(transaction.encodeUnsigned() == expected)
    #expect(transaction.encode() == expected + transaction.signature.rawRepresentation)
  }

  /// The ID is SHA-256 of the unsigned encoding, and making a transaction costs that hash plus
  /// one signature: SHA-256 of 94 bytes is 2 blocks (128 B); signing the 32-byte ID hashes
  /// prefix ‖ ID (64 B) and R ‖ A ‖ ID (96 B) with SHA-512, one 128-byte block each, and does
  /// one scalar multiplication (RFC 8032 §5.1.6).
  @Test func idIsTheHashOfTheUnsignedEncodingAndMakingReportsItsWork() {
    let key = LedgerFixtures.keys[0]
    let payload = TransactionPayload.updateCommitment(
      UpdateCommitment(client: ClientID(1), round: 2, commitment: LedgerFixtures.digest(7)))
    var work = Work.zero
    let transaction = Transaction.make(
      payload: payload, nonce: 0, gasLimit: 30_000, signedBy: key, work: &work)
    #expect(transaction.unsignedByteCount == 94)
    #expect(transaction.id.digest.bytes == SHA256.hash(transaction.encodeUnsigned()))
    #expect(work == Work(bytesHashed: 128 + 128 + 128, curveScalarMultiplications: 1))
    var recomputeWork = Work.zero
    #expect(transaction.computeID(work: &recomputeWork) == transaction.id)
    #expect(recomputeWork == Work(bytesHashed: 128))
  }

  /// Verification is one SHA-512 over R ‖ A ‖ ID (96 bytes, one block) and two scalar
  /// multiplications; a changed field changes the ID, so the old signature fails.
  @Test func onlyTheSignedContentVerifies() {
    let original = LedgerFixtures.commitment(client: 1)
    var work = Work.zero
    #expect(original.isValidSignature(work: &work))
    #expect(work == Work(bytesHashed: 128, curveScalarMultiplications: 2))

    let tampered = Transaction(
      sender: original.sender, nonce: original.nonce + 1, gasLimit: original.gasLimit,
      payload: original.payload, signature: original.signature, work: &work)
    #expect(tampered.id != original.id)
    #expect(!tampered.isValidSignature(work: &work))

    let otherSender = Transaction(
      sender: LedgerFixtures.keys[2].publicKey, nonce: original.nonce,
      gasLimit: original.gasLimit, payload: original.payload, signature: original.signature,
      work: &work)
    #expect(!otherSender.isValidSignature(work: &work))
  }

  @Test func offChainPayloadsReportTheBytesToFetch() {
    #expect(Self.payloads[3].offChainByteCount == .megabytes(4))
    #expect(Self.payloads[2].offChainByteCount == .zero)
    #expect(Self.payloads[1].offChainByteCount == .zero)
    if case .modelUpdate(let update) = Self.payloads[2] {
      #expect(update.content.contentByteCount == .bytes(3))
    }
  }
}
