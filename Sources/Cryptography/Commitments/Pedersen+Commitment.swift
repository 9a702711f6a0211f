import BigNum
import SimCore

extension Pedersen.Group {
  /// The commitment g^message·h^blinding mod p; adds the two exponentiations' and the product's
  /// limb products to `work`.
  /// - Throws: `CommitmentError.exponentOutOfRange` when `message` or `blinding` is not below
  ///   q (reduce it mod q first; exponents are only meaningful mod q).
  /// - Complexity: two exponentiations with |q|-bit exponents modulo p.
  public func commit(to message: BigUInt, blinding: BigUInt, work: inout Work)
    throws(CommitmentError) -> Pedersen.Commitment
  {
    try checkExponent(message, field: "message")
    try checkExponent(blinding, field: "blinding")
    let gm = context.power(g, message, limbProducts: &work.limbMultiplications)
    let hr = context.power(h, blinding, limbProducts: &work.limbMultiplications)
    return Pedersen.Commitment(
      value: context.multiply(gm, hr, limbProducts: &work.limbMultiplications))
  }

  /// A commitment to `message` with a fresh blinding drawn uniformly from Z_q by `generator`;
  /// returns both (the blinding is the opening, kept by the committer). Adds the work to
  /// `work`.
  /// - Throws: `CommitmentError.exponentOutOfRange` when `message` is not below q.
  public func commit(
    to message: BigUInt, using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(CommitmentError) -> (commitment: Pedersen.Commitment, blinding: BigUInt) {
    let blinding = BigUInt.random(below: q, using: &generator)
    return (try commit(to: message, blinding: blinding, work: &work), blinding)
  }

  /// Whether (`message`, `blinding`) opens `commitment`: recomputes g^m·h^r and compares.
  /// Exponents not below q never open anything. Adds the recomputation's work to `work`.
  /// - Complexity: as `commit(to:blinding:work:)`.
  public func isValidOpening(
    _ commitment: Pedersen.Commitment, message: BigUInt, blinding: BigUInt, work: inout Work
  ) -> Bool {
    guard message < q, blinding < q else { return false }
    let gm = context.power(g, message, limbProducts: &work.limbMultiplications)
    let hr = context.power(h, blinding, limbProducts: &work.limbMultiplications)
    return context.multiply(gm, hr, limbProducts: &work.limbMultiplications) == commitment.value
  }

  /// The commitment to the sum of the committed messages with the sum of the blindings:
  /// C₁·C₂ mod p = C(m₁ + m₂ mod q, r₁ + r₂ mod q). Adds the product's limb products to `work`.
  /// - Complexity: one modular product.
  public func add(_ a: Pedersen.Commitment, _ b: Pedersen.Commitment, work: inout Work)
    -> Pedersen.Commitment
  {
    Pedersen.Commitment(
      value: context.multiply(a.value, b.value, limbProducts: &work.limbMultiplications))
  }

  /// The commitment as exactly `encodedByteCount` big-endian bytes.
  /// - Precondition: the value is below p.
  public func encode(_ commitment: Pedersen.Commitment) -> [UInt8] {
    precondition(commitment.value < p, "Pedersen.encode: the commitment is not below p")
    return commitment.value.bigEndianBytes(count: encodedByteCount)
  }

  /// The commitment encoded in `bytes`, checked to be a group element: below p, not zero, and
  /// of order dividing q (one exponentiation, added to `work`).
  /// - Throws: `CommitmentError.wrongByteCount` or `.notInGroup`.
  public func decodeCommitment(_ bytes: [UInt8], work: inout Work) throws(CommitmentError)
    -> Pedersen.Commitment
  {
    guard bytes.count == encodedByteCount else {
      throw .wrongByteCount(
        field: "Pedersen commitment", byteCount: bytes.count, expected: encodedByteCount)
    }
    let value = BigUInt(bigEndianBytes: bytes)
    guard !value.isZero, value < p,
      context.power(value, q, limbProducts: &work.limbMultiplications) == .one
    else { throw .notInGroup(field: "the decoded commitment") }
    return Pedersen.Commitment(value: value)
  }

  /// `exponent mod q` for arithmetic on openings: (m₁ + m₂) mod q and (r₁ + r₂) mod q open the
  /// sum of two commitments.
  public func reduced(_ exponent: BigUInt) -> BigUInt { exponent % q }

  private func checkExponent(_ exponent: BigUInt, field: String) throws(CommitmentError) {
    guard exponent < q else {
      throw .exponentOutOfRange(
        field: field, bitCount: exponent.bitLength, orderBitCount: q.bitLength)
    }
  }
}
