/// Why an X25519 or Ed25519 key, signature or agreement input was rejected.
///
/// Decoding and parameter validation throw this error; signature checks do not (they return
/// `false`, see `Ed25519.PublicKey.isValidSignature(_:for:)`).
public enum Curve25519Error: Error, Equatable, Sendable, CustomStringConvertible {
  /// An encoding had the wrong size: `field` names what was decoded (e.g.
  /// `Ed25519.Signature.rawRepresentation`), `byteCount` is the size given and `expected` the only
  /// size accepted.
  case wrongByteCount(field: String, byteCount: Int, expected: Int)
  /// An Ed25519 point encoding is not a point of edwards25519 in canonical form (RFC 8032
  /// §5.1.3): its y is not below p, x² = (y² − 1)/(d·y² + 1) has no root, or x = 0 with the sign
  /// bit set. `field` names what was decoded; `hex` is the encoding given.
  case invalidPointEncoding(field: String, hex: String)
  /// X25519 produced the all-zero shared secret, which happens exactly when the peer's public key
  /// is a point of small order (RFC 7748 §6.1 allows rejecting it). `hex` is that public key.
  case lowOrderPublicKey(hex: String)

  /// What failed, the value given and what would be accepted, in one line.
  public var description: String {
    switch self {
    case .wrongByteCount(let field, let byteCount, let expected):
      return "\(field): got \(byteCount) bytes; exactly \(expected) bytes are accepted"
    case .invalidPointEncoding(let field, let hex):
      return
        "\(field): \(hex) is not the canonical encoding of an edwards25519 point (RFC 8032 §5.1.3);"
        + " pass the 32 bytes produced by Ed25519.PublicKey.rawRepresentation"
    case .lowOrderPublicKey(let hex):
      return
        "X25519 public key \(hex) has small order, so the shared secret is all zeros"
        + " (RFC 7748 §6.1); use a public key made by X25519.PrivateKey"
    }
  }

  /// `bytes` in lower-case hexadecimal, for error messages.
  static func hex(_ bytes: [UInt8]) -> String {
    let digits: [Character] = Array("0123456789abcdef")
    var text = ""
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return text
  }

  /// Throws `wrongByteCount` unless `bytes` has exactly `expected` elements.
  static func checkByteCount(_ bytes: [UInt8], expected: Int, field: String)
    throws(Curve25519Error)
  {
    guard bytes.count == expected else {
      throw .wrongByteCount(field: field, byteCount: bytes.count, expected: expected)
    }
  }
}
