import Cryptography
import SimCore
import Testing

@testable import Ledger

struct TransactionDecodingTests {
  /// An update commitment: 54-byte envelope, 40-byte payload at offset 54, signature at 94,
  /// 158 bytes in all.
  static let commitment = LedgerFixtures.commitment(client: 5)

  private func decode(_ bytes: [UInt8]) throws(LedgerError) -> Transaction {
    var work = Work.zero
    return try Transaction(decoding: bytes, work: &work)
  }

  @Test func truncatedInputIsAnError() {
    let bytes = Self.commitment.encode()
    #expect(
      throws: LedgerError.truncated(
        field: "Transaction.signature", offset: 94, needed: 64, available: 63)
    ) { try decode(Array(bytes.dropLast())) }
    #expect(
      throws: LedgerError.truncated(
        field: "Transaction.version", offset: 0, needed: 1, available: 0)
    ) { try decode([]) }
    // Cut inside the payload: its length prefix (40) asks for more than the 10 bytes left.
    #expect(
      throws: LedgerError.truncated(
        field: "Transaction.payload", offset: 54, needed: 40, available: 10)
    ) { try decode(Array(bytes.prefix(64))) }
  }

  @Test func trailingBytesAreAnError() {
    #expect(throws: LedgerError.trailingBytes(what: "transaction", offset: 158, count: 2)) {
      try decode(Self.commitment.encode() + [0, 0])
    }
  }

  @Test func unknownVersionAndKindAreErrors() {
    var bytes = Self.commitment.encode()
    bytes[0] = 2
    #expect(
      throws: LedgerError.unsupportedVersion(field: "Transaction.version", found: 2, supported: 1)
    ) { try decode(bytes) }
    bytes = Self.commitment.encode()
    bytes[1] = 9
    #expect(
      throws: LedgerError.unknownTag(
        field: "Transaction.kind", offset: 1, tag: 9, accepted: "1...5")
    ) { try decode(bytes) }
  }

  /// A kind tag that disagrees with the payload's length prefix: read as a reputation update,
  /// the 40-byte commitment payload uses only 16 bytes.
  @Test func payloadDisagreeingWithItsLengthIsAnError() {
    var bytes = Self.commitment.encode()
    bytes[1] = TransactionPayload.Kind.reputationUpdate.rawValue
    #expect(throws: LedgerError.payloadLengthMismatch(offset: 54, declared: 40, actual: 16)) {
      try decode(bytes)
    }
  }

  /// y = p = 2²⁵⁵ − 19, little-endian, is not a canonical point encoding (RFC 8032 §5.1.3).
  @Test func invalidSenderKeyIsAnError() {
    var bytes = Self.commitment.encode()
    let nonCanonical: [UInt8] = [0xED] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
    bytes.replaceSubrange(2..<34, with: nonCanonical)
    #expect(
      throws: LedgerError.invalidPublicKey(
        field: "Transaction.sender", offset: 2, hex: Digest256.hex(nonCanonical))
    ) { try decode(bytes) }
  }

  /// The content tag of a model update sits after its 16 bytes of fields: offset 54 + 16.
  @Test func unknownContentTagIsAnError() {
    var bytes = LedgerFixtures.modelUpdate(client: 1, byteCount: 4).encode()
    bytes[70] = 7
    #expect(
      throws: LedgerError.unknownTag(
        field: "ModelUpdate.content.tag", offset: 70, tag: 7, accepted: "0 or 1")
    ) { try decode(bytes) }
  }

  /// A NaN reputation would make a decoded transaction unequal to itself.
  @Test func nonFiniteReputationIsAnError() {
    var work = Work.zero
    let transaction = Transaction.make(
      payload: .reputationUpdate(ReputationUpdate(client: ClientID(1), round: 1, reputation: 1)),
      nonce: 0, gasLimit: 30_000, signedBy: LedgerFixtures.keys[0], work: &work)
    var bytes = transaction.encode()
    // The reputation's 8 bytes follow client and round: offset 54 + 8.
    bytes.replaceSubrange(62..<70, with: [0x7F, 0xF8, 0, 0, 0, 0, 0, 0])
    #expect(
      throws: LedgerError.valueOutOfRange(
        field: "ReputationUpdate.reputation", offset: 62, value: "nan")
    ) { try decode(bytes) }
  }

  @Test func errorsDescribeWhatFailedAndWhere() {
    let error = LedgerError.truncated(
      field: "Transaction.signature", offset: 94, needed: 64, available: 63)
    #expect(
      error.description
        == "Transaction.signature at byte 94: needs 64 bytes but only 63 remain;"
        + " the encoding is truncated")
  }
}
