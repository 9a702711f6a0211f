import Cryptography
import SimCore

extension Transaction {
  /// The full encoding: the unsigned encoding followed by the 64-byte signature (layout on
  /// `Transaction`).
  /// - Complexity: O(`encodedByteCount`).
  public func encode() -> [UInt8] {
    var writer = ByteWriter(capacity: encodedByteCount)
    encode(into: &writer)
    return writer.bytes
  }

  /// The unsigned encoding, whose SHA-256 is the ID.
  /// - Complexity: O(`unsignedByteCount`).
  public func encodeUnsigned() -> [UInt8] {
    Self.unsignedEncoding(sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload)
  }

  func encode(into writer: inout ByteWriter) {
    Self.writeUnsigned(
      sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload, into: &writer)
    writer.append(contentsOf: signature.rawRepresentation)
  }

  static func unsignedEncoding(
    sender: Ed25519.PublicKey, nonce: UInt64, gasLimit: UInt64, payload: TransactionPayload
  ) -> [UInt8] {
    var writer = ByteWriter(capacity: envelopeByteCount + payload.encodedByteCount)
    writeUnsigned(sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload, into: &writer)
    return writer.bytes
  }

  static func writeUnsigned(
    sender: Ed25519.PublicKey, nonce: UInt64, gasLimit: UInt64, payload: TransactionPayload,
    into writer: inout ByteWriter
  ) {
    let payloadByteCount = payload.encodedByteCount
    precondition(
      payloadByteCount <= Int(UInt32.max),
      "Transaction: payload of \(payloadByteCount) bytes exceeds the UInt32 length field")
    writer.append(version)
    writer.append(payload.kind.rawValue)
    writer.append(contentsOf: sender.rawRepresentation)
    writer.append(nonce)
    writer.append(gasLimit)
    writer.append(UInt32(payloadByteCount))
    payload.encode(into: &writer)
  }
}
