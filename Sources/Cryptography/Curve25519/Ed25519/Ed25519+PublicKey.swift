import SimCore

extension Ed25519 {
  /// An Ed25519 public key: a point A of edwards25519, kept both as its 32-byte encoding and
  /// decoded, so verification does not repeat the square root.
  ///
  /// Equality and hashing use the encoding only.
  public struct PublicKey: Hashable, Sendable {
    /// The 32-byte encoding of A (RFC 8032 §5.1.2), canonical.
    public let rawRepresentation: [UInt8]
    /// A, decoded.
    let point: EdwardsPoint

    /// The key encoded by `rawRepresentation`, decoded as in RFC 8032 §5.1.3.
    /// - Throws: `Curve25519Error.wrongByteCount` unless it is 32 bytes;
    ///   `Curve25519Error.invalidPointEncoding` when it is not the canonical encoding of a curve
    ///   point (y ≥ p, no x for that y, or x = 0 with the sign bit set).
    /// - Complexity: one field exponentiation (the square root).
    public init(rawRepresentation: [UInt8]) throws(Curve25519Error) {
      try Curve25519Error.checkByteCount(
        rawRepresentation, expected: Ed25519.publicKeyByteCount,
        field: "Ed25519.PublicKey.rawRepresentation")
      guard let point = EdwardsPoint(decoding: rawRepresentation[...]) else {
        throw .invalidPointEncoding(
          field: "Ed25519.PublicKey.rawRepresentation", hex: Curve25519Error.hex(rawRepresentation))
      }
      self.init(point: point, encoding: rawRepresentation)
    }

    init(point: EdwardsPoint, encoding: [UInt8]) {
      self.point = point
      rawRepresentation = encoding
    }

    /// True when `signature` is a valid signature of `message` under this key (RFC 8032
    /// §5.1.7, cofactorless): S < ℓ and [S]B = R + [k]A with k = SHA-512(R ‖ A ‖ M) mod ℓ.
    /// Adds to `work` what was done: nothing when S ≥ ℓ is rejected up front; otherwise one
    /// SHA-512 over 64 + n bytes and 2 curve scalar multiplications.
    /// - Complexity: O(n) hashing plus two scalar multiplications.
    public func isValidSignature(_ signature: Signature, for message: [UInt8], work: inout Work)
      -> Bool
    {
      let bytes = signature.rawRepresentation
      guard let s = Scalar25519(canonical: bytes[32..<64]) else { return false }
      let encodedR = bytes[0..<32]
      let k = Ed25519.challenge(r: encodedR, a: rawRepresentation, message: message, work: &work)
      // [S]B − [k]A must equal R. Comparing encodings rejects an R that is not the canonical
      // encoding of a point, since an encoding computed here always is.
      let sB = EdwardsPoint.baseMultiple(scalar: s.encoded())
      let kNegA = point.negated.multiplied(byScalar: k.encoded())
      work += Work(curveScalarMultiplications: 2)
      let candidate = sB.adding(kNegA.cached).extended.encoded()
      var difference: UInt8 = 0
      for (computed, given) in zip(candidate, encodedR) {
        difference |= computed ^ given
      }
      return difference == 0
    }

    /// True when `signature` is valid for `message`, without accounting for its work; see
    /// `isValidSignature(_:for:work:)`.
    public func isValidSignature(_ signature: Signature, for message: [UInt8]) -> Bool {
      var work = Work.zero
      return isValidSignature(signature, for: message, work: &work)
    }

    /// True when both keys have the same encoding (which determines the point).
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
      lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes the encoding, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
      hasher.combine(rawRepresentation)
    }
  }
}
