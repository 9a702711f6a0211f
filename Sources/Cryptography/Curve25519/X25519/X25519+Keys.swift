import SimCore

extension X25519 {
  /// An X25519 private key: a 32-byte scalar, clamped when used (RFC 7748 §5), together with its
  /// public key.
  public struct PrivateKey: Sendable {
    /// The 32 bytes the key was made from, as given (unclamped).
    public let rawRepresentation: [UInt8]
    /// The matching public key, X25519(k, 9), computed once when the key is made.
    public let publicKey: PublicKey

    /// The key with scalar `rawRepresentation` (32 bytes); adds one curve scalar multiplication
    /// to `work` for the public key.
    /// - Throws: `Curve25519Error.wrongByteCount` unless `rawRepresentation` is 32 bytes.
    public init(rawRepresentation: [UInt8], work: inout Work) throws(Curve25519Error) {
      try Curve25519Error.checkByteCount(
        rawRepresentation, expected: X25519.privateKeyByteCount,
        field: "X25519.PrivateKey.rawRepresentation")
      self.init(validatedBytes: rawRepresentation, work: &work)
    }

    /// The key with scalar `rawRepresentation` (32 bytes), without accounting for its work.
    /// - Throws: `Curve25519Error.wrongByteCount` unless `rawRepresentation` is 32 bytes.
    public init(rawRepresentation: [UInt8]) throws(Curve25519Error) {
      var work = Work.zero
      try self.init(rawRepresentation: rawRepresentation, work: &work)
    }

    /// A key whose 32 bytes are drawn from `generator` (four 64-bit words, little-endian); adds
    /// one curve scalar multiplication to `work`. The key is reproducible from the generator's
    /// seed, so it is not secret.
    public init(using generator: inout some RandomNumberGenerator, work: inout Work) {
      self.init(validatedBytes: Curve25519Bytes.draw32(using: &generator), work: &work)
    }

    /// A key drawn from `generator`, without accounting for its work; see
    /// `init(using:work:)`.
    public init(using generator: inout some RandomNumberGenerator) {
      var work = Work.zero
      self.init(using: &generator, work: &work)
    }

    private init(validatedBytes: [UInt8], work: inout Work) {
      rawRepresentation = validatedBytes
      publicKey = PublicKey(
        uncheckedBytes: X25519.scalarMultiplication(
          scalar: validatedBytes, uCoordinate: X25519.baseUCoordinate))
      work += Work(curveScalarMultiplications: 1)
    }

    /// The 32-byte shared secret X25519(k, u) with the peer's public key `publicKey`
    /// (RFC 7748 §6.1); adds one curve scalar multiplication to `work`. Both parties obtain the
    /// same bytes. Hash them before use as a symmetric key.
    /// - Throws: `Curve25519Error.lowOrderPublicKey` when the result is all zeros, i.e. the peer's
    ///   key is a point of small order (the work is still charged).
    public func sharedSecret(with publicKey: PublicKey, work: inout Work)
      throws(Curve25519Error) -> [UInt8]
    {
      let secret = X25519.scalarMultiplication(
        scalar: rawRepresentation, uCoordinate: publicKey.rawRepresentation)
      work += Work(curveScalarMultiplications: 1)
      // OR-accumulate rather than `allSatisfy` so the check does not stop early.
      var accumulated: UInt8 = 0
      for byte in secret {
        accumulated |= byte
      }
      guard accumulated != 0 else {
        throw .lowOrderPublicKey(hex: Curve25519Error.hex(publicKey.rawRepresentation))
      }
      return secret
    }

    /// The shared secret with `publicKey`, without accounting for its work; see
    /// `sharedSecret(with:work:)`.
    public func sharedSecret(with publicKey: PublicKey) throws(Curve25519Error) -> [UInt8] {
      var work = Work.zero
      return try sharedSecret(with: publicKey, work: &work)
    }
  }

  /// An X25519 public key: the 32-byte little-endian u-coordinate of a point on Curve25519.
  public struct PublicKey: Hashable, Sendable {
    /// The 32 bytes of the u-coordinate, as given.
    public let rawRepresentation: [UInt8]

    /// The key encoded by `rawRepresentation`. Every 32-byte string is accepted, as RFC 7748 §5
    /// asks (bit 255 is ignored and non-canonical values are reduced when used).
    /// - Throws: `Curve25519Error.wrongByteCount` unless `rawRepresentation` is 32 bytes.
    public init(rawRepresentation: [UInt8]) throws(Curve25519Error) {
      try Curve25519Error.checkByteCount(
        rawRepresentation, expected: X25519.publicKeyByteCount,
        field: "X25519.PublicKey.rawRepresentation")
      self.rawRepresentation = rawRepresentation
    }

    init(uncheckedBytes: [UInt8]) {
      rawRepresentation = uncheckedBytes
    }
  }
}
