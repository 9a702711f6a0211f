import Cryptography
import SimCore

extension Block {
  /// The block's encoding: header, signature, transactions (see `Block`).
  /// - Complexity: O(`encodedByteCount`).
  public func encode() -> [UInt8] {
    var writer = ByteWriter(capacity: encodedByteCount)
    header.encode(into: &writer)
    writer.append(contentsOf: signature.rawRepresentation)
    for transaction in transactions { transaction.encode(into: &writer) }
    return writer.bytes
  }

  /// The block encoded by `bytes`, with its hash and every transaction ID recomputed; adds the
  /// hashing work to `work`. Nothing is validated beyond the format: see `BlockValidator`.
  /// - Throws: `LedgerError` when the bytes are truncated, malformed (see
  ///   `Transaction.init(decoding:work:)` and `BlockHeader.init(decoding:)`) or continue past
  ///   the last transaction the header announces.
  /// - Complexity: O(`bytes.count`).
  public init(decoding bytes: [UInt8], work: inout Work) throws(LedgerError) {
    var reader = ByteReader(bytes)
    let header = try BlockHeader(decoding: &reader)
    let signatureBytes = try reader.readBytes(Ed25519.signatureByteCount, "Block.signature")
    var transactions: [Transaction] = []
    // The count comes from untrusted bytes: reserve no more than the remaining bytes can hold.
    transactions.reserveCapacity(
      min(header.transactionCount, reader.remainingCount / Transaction.minimumEncodedByteCount))
    for _ in 0..<header.transactionCount {
      transactions.append(try Transaction(decoding: &reader, work: &work))
    }
    try reader.expectEnd(of: "block")
    let hash = BlockHash(
      Digest256.sha256(Array(bytes[0..<BlockHeader.encodedByteCount]), work: &work))
    do {
      self.init(
        header: header, hash: hash,
        signature: try Ed25519.Signature(rawRepresentation: signatureBytes),
        transactions: transactions)
    } catch {
      // Unreachable: exactly 64 bytes were read. Reported rather than trapped all the same.
      throw .wrongByteCount(
        field: "Block.signature", byteCount: signatureBytes.count,
        expected: Ed25519.signatureByteCount)
    }
  }
}
