import SimCore

extension Ed25519 {
  /// An Ed25519 private key: a 32-byte seed, expanded once by SHA-512 into the secret scalar and
  /// the nonce prefix (RFC 8032 §5.1.5), together with its public key.
  public struct PrivateKey: Sendable {
    /// The 32-byte seed the key was made from (RFC 8032 calls it the private key).
    public let seed: [UInt8]
    /// The matching public key A = [s]B.
    public let publicKey: PublicKey
    /// s: the first half of SHA-512(seed), clamped (RFC 8032 §5.1.5 step 2), little-endian.
    let secretScalar: [UInt8]
    /// The second half of SHA-512(seed), hashed with each message to derive the nonce r.
    let prefix: [UInt8]

    /// The key expanded from `seed` (RFC 8032 §5.1.5); adds one curve scalar multiplication and
    /// the SHA-512 of the seed to `work`.
    /// - Throws: `Curve25519Error.wrongByteCount` unless `seed` is 32 bytes.
    public init(seed: [UInt8], work: inout Work) throws(Curve25519Error) {
      try Curve25519Error.checkByteCount(
        seed, expected: Ed25519.seedByteCount, field: "Ed25519.PrivateKey.seed")
      self.init(validatedSeed: seed, work: &work)
    }

    /// The key expanded from `seed`, without accounting for its work.
    /// - Throws: `Curve25519Error.wrongByteCount` unless `seed` is 32 bytes.
    public init(seed: [UInt8]) throws(Curve25519Error) {
      var work = Work.zero
      try self.init(seed: seed, work: &work)
    }

    /// A key whose seed is drawn from `generator` (four 64-bit words, little-endian); adds the
    /// work of key generation to `work`. The key is reproducible from the generator's seed, so
    /// it is not secret.
    public init(using generator: inout some RandomNumberGenerator, work: inout Work) {
      self.init(validatedSeed: Curve25519Bytes.draw32(using: &generator), work: &work)
    }

    /// A key drawn from `generator`, without accounting for its work; see `init(using:work:)`.
    public init(using generator: inout some RandomNumberGenerator) {
      var work = Work.zero
      self.init(using: &generator, work: &work)
    }

    private init(validatedSeed: [UInt8], work: inout Work) {
      let digest = SHA512.hash(validatedSeed, work: &work)
      var scalar = Array(digest[0..<32])
      // Clamping (RFC 8032 §5.1.5 step 2): a multiple of the cofactor 8 with bit 254 set.
      scalar[0] &= 248
      scalar[31] &= 127
      scalar[31] |= 64
      seed = validatedSeed
      secretScalar = scalar
      prefix = Array(digest[32..<64])
      let point = EdwardsPoint.baseMultiple(scalar: scalar)
      publicKey = PublicKey(point: point, encoding: point.encoded())
      work += Work(curveScalarMultiplications: 1)
    }

    /// The signature of `message` (RFC 8032 §5.1.6), deterministic: the same key and message
    /// always give the same 64 bytes. Adds one curve scalar multiplication and two SHA-512
    /// calls (over 32 + n and 64 + n bytes for an n-byte message) to `work`.
    /// - Complexity: O(n) hashing plus one fixed-base scalar multiplication.
    public func signature(for message: [UInt8], work: inout Work) -> Signature {
      // r = SHA-512(prefix ‖ M) mod ℓ, the deterministic nonce.
      var nonceHasher = SHA512()
      nonceHasher.update(prefix)
      nonceHasher.update(message)
      let nonce = Scalar25519(reducing: nonceHasher.finalize(work: &work))
      let encodedR = EdwardsPoint.baseMultiple(scalar: nonce.encoded()).encoded()
      work += Work(curveScalarMultiplications: 1)
      let challenge = Ed25519.challenge(
        r: encodedR[...], a: publicKey.rawRepresentation, message: message, work: &work)
      // S = (r + k·s) mod ℓ.
      let s = Scalar25519.multiplyAdd(challenge.encoded(), secretScalar, nonce)
      return Signature(uncheckedBytes: encodedR + s.encoded())
    }

    /// The signature of `message`, without accounting for its work; see
    /// `signature(for:work:)`.
    public func signature(for message: [UInt8]) -> Signature {
      var work = Work.zero
      return signature(for: message, work: &work)
    }
  }

  /// k = SHA-512(R ‖ A ‖ M) mod ℓ (RFC 8032 §5.1.6 step 4 and §5.1.7 step 2, with no dom2
  /// prefix for plain Ed25519); adds the hash's work to `work`.
  static func challenge(r: ArraySlice<UInt8>, a: [UInt8], message: [UInt8], work: inout Work)
    -> Scalar25519
  {
    var hasher = SHA512()
    hasher.update(r)
    hasher.update(a)
    hasher.update(message)
    return Scalar25519(reducing: hasher.finalize(work: &work))
  }
}
