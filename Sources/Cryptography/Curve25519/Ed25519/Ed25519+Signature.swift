extension Ed25519 {
  /// An Ed25519 signature: the 32-byte encoding of R followed by the 32-byte little-endian S
  /// (RFC 8032 §5.1.6 step 6).
  public struct Signature: Hashable, Sendable {
    /// The 64 bytes R ‖ S.
    public let rawRepresentation: [UInt8]

    /// The signature with bytes `rawRepresentation`. Only the size is checked here; whether R
    /// and S are well formed is part of verification, which returns `false` for them.
    /// - Throws: `Curve25519Error.wrongByteCount` unless `rawRepresentation` is 64 bytes.
    public init(rawRepresentation: [UInt8]) throws(Curve25519Error) {
      try Curve25519Error.checkByteCount(
        rawRepresentation, expected: Ed25519.signatureByteCount,
        field: "Ed25519.Signature.rawRepresentation")
      self.rawRepresentation = rawRepresentation
    }

    init(uncheckedBytes: [UInt8]) {
      rawRepresentation = uncheckedBytes
    }
  }
}
