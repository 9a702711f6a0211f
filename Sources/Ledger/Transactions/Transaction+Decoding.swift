import Cryptography
import SimCore

extension Transaction {
  /// The transaction encoded by `bytes` (layout on `Transaction`), with its ID recomputed;
  /// adds the ID's hashing work to `work`. The signature is decoded, not verified.
  /// - Throws: `LedgerError` when the bytes are truncated, name an unsupported version or an
  ///   unknown payload kind, hold an invalid public key or a payload that disagrees with its
  ///   length prefix, or continue past the signature.
  /// - Complexity: O(`bytes.count`), plus one square root to decode the sender's key.
  public init(decoding bytes: [UInt8], work: inout Work) throws(LedgerError) {
    var reader = ByteReader(bytes)
    try self.init(decoding: &reader, work: &work)
    try reader.expectEnd(of: "transaction")
  }

  /// Reads one transaction from `reader`, leaving it after the signature.
  init(decoding reader: inout ByteReader, work: inout Work) throws(LedgerError) {
    let start = reader.offset
    let version = try reader.readUInt8("Transaction.version")
    guard version == Self.version else {
      throw .unsupportedVersion(
        field: "Transaction.version", found: version, supported: Self.version)
    }
    let kindOffset = reader.offset
    let tag = try reader.readUInt8("Transaction.kind")
    guard let kind = TransactionPayload.Kind(rawValue: tag) else {
      throw .unknownTag(field: "Transaction.kind", offset: kindOffset, tag: tag, accepted: "1...5")
    }
    let sender = try Self.readPublicKey(&reader, field: "Transaction.sender")
    let nonce = try reader.readUInt64("Transaction.nonce")
    let gasLimit = try reader.readUInt64("Transaction.gasLimit")
    let declared = Int(try reader.readUInt32("Transaction.payloadLength"))
    try reader.require(declared, for: "Transaction.payload")
    let payloadStart = reader.offset
    let payload = try TransactionPayload(decoding: &reader, kind: kind)
    let consumed = reader.offset - payloadStart
    guard consumed == declared else {
      throw .payloadLengthMismatch(offset: payloadStart, declared: declared, actual: consumed)
    }
    let unsignedEnd = reader.offset
    let signatureBytes = try reader.readBytes(Ed25519.signatureByteCount, "Transaction.signature")
    // The bytes just read are the canonical unsigned encoding, so hashing them in place gives
    // the ID without re-encoding.
    var hasher = SHA256()
    hasher.update(reader.bytes[start..<unsignedEnd])
    let id = TransactionID(Digest256(uncheckedBytes: hasher.finalize(work: &work)))
    do {
      let signature = try Ed25519.Signature(rawRepresentation: signatureBytes)
      self.init(
        sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload,
        signature: signature, id: id)
    } catch {
      // Unreachable: exactly 64 bytes were read. Reported rather than trapped all the same.
      throw .wrongByteCount(
        field: "Transaction.signature", byteCount: signatureBytes.count,
        expected: Ed25519.signatureByteCount)
    }
  }

  static func readPublicKey(_ reader: inout ByteReader, field: String) throws(LedgerError)
    -> Ed25519.PublicKey
  {
    let offset = reader.offset
    let raw = try reader.readBytes(Ed25519.publicKeyByteCount, field)
    do {
      return try Ed25519.PublicKey(rawRepresentation: raw)
    } catch {
      throw .invalidPublicKey(field: field, offset: offset, hex: Digest256.hex(raw))
    }
  }
}
