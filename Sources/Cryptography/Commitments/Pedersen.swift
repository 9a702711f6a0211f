import BigNum
import SimCore

/// Pedersen commitments (Pedersen, "Non-interactive and information-theoretic secure
/// verifiable secret sharing", CRYPTO '91): C(m, r) = g^m·h^r mod p in a group of prime order
/// q, for a message m and a blinding r in Z_q.
///
/// ```swift
/// let group = Pedersen.Group.rfc3526Group14
/// let (c, r) = try group.commit(to: 42, using: &rng, work: &work)
/// try group.isValidOpening(c, message: 42, blinding: r, work: &work)  // true
/// ```
///
/// **The group.** `Group.rfc3526Group14` is the subgroup of quadratic residues modulo the
/// 2048-bit MODP safe prime p = 2q + 1 of RFC 3526 §3 (q prime), order q; g = 4 = 2², a
/// quadratic residue other than 1, so it generates the whole subgroup; h is the square of a
/// hash of a public seed (`Group.hSeed`), so h is in the subgroup while nobody knows log_g h.
///
/// **Properties.** *Hiding* is perfect: for uniform r, h^r is uniform in the group, so C is
/// independent of m. *Binding* is computational: two openings (m, r) ≠ (m′, r′) of one C give
/// log_g h = (m − m′)/(r′ − r) mod q, a discrete logarithm in a 2048-bit safe-prime group.
/// The commitment is additively homomorphic: C(m₁, r₁)·C(m₂, r₂) = C(m₁ + m₂, r₁ + r₂), all
/// exponents mod q (`add(_:_:work:)`).
///
/// **Sizes and work.** A commitment is one group element: ⌈|p|/8⌉ = 256 bytes
/// (`Group.encodedByteCount`). Committing or verifying costs two exponentiations with |q|-bit
/// exponents through the group's cached `MontgomeryContext` plus one modular product, reported
/// as `limbMultiplications`. Blindings come from the caller's seeded generator: reproducible,
/// not secret.
public enum Pedersen {
  /// A Pedersen commitment: a value in the order-q subgroup modulo p.
  public struct Commitment: Hashable, Sendable {
    /// g^m·h^r mod p.
    public let value: BigUInt

    /// The commitment with value `value` (for example received from a peer). Use
    /// `Group.decodeCommitment(_:work:)` to check untrusted bytes.
    public init(value: BigUInt) { self.value = value }
  }
}
