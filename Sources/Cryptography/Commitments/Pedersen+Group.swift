import BigNum
import SimCore

extension Pedersen {
  /// A prime-order group for Pedersen commitments: the quadratic residues modulo a safe prime
  /// p = 2q + 1, with generators g and h whose discrete-log relation is unknown.
  public struct Group: Sendable {
    /// The safe prime p.
    public let p: BigUInt
    /// The prime group order q = (p − 1)/2.
    public let q: BigUInt
    /// The generator the message is raised to.
    public let g: BigUInt
    /// The generator the blinding is raised to, derived from `hSeed`.
    public let h: BigUInt
    /// The public seed h was hashed from.
    public let hSeed: [UInt8]
    /// Montgomery arithmetic modulo p, built once.
    let context: MontgomeryContext

    /// The size of an encoded commitment: ⌈|p|/8⌉ bytes (256 for the RFC 3526 group).
    public var encodedByteCount: Int { (p.bitLength + 7) / 8 }

    /// The seed of `rfc3526Group14`'s h: the ASCII text "FedChainSim Pedersen h, RFC 3526
    /// group 14".
    public static let rfc3526Seed = Array("FedChainSim Pedersen h, RFC 3526 group 14".utf8)

    /// The 2048-bit MODP group of RFC 3526 §3: p = 2²⁰⁴⁸ − 2¹⁹⁸⁴ − 1 + 2⁶⁴·(⌊2¹⁹¹⁸·π⌋ + 124476),
    /// a safe prime, with g = 4 and h hashed from `rfc3526Seed`. The published prime is not
    /// re-tested here (the tests check its formula and structure).
    public static let rfc3526Group14: Group = {
      let p = BigUInt(
        hex:
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
          + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
          + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
          + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
          + "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
          + "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
          + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
          + "3995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF")!
      var work = Work.zero
      return Group(uncheckedSafePrime: p, generator: 4, hSeed: rfc3526Seed, work: &work)
    }()

    /// A group over the safe prime `safePrime` with message generator `generator` and h hashed
    /// from `hSeed`. Checks that p and q = (p − 1)/2 pass strong-probable-prime tests to the
    /// first twelve prime bases and that g is a quadratic residue other than 1 (so it has
    /// order q). Adds the checks' and the derivation's limb products to `work`.
    /// - Throws: `CommitmentError.invalidGroup` naming the failed check.
    /// - Complexity: 24 exponentiations modulo p or q for the primality tests, one for g.
    public init(safePrime: BigUInt, generator: BigUInt, hSeed: [UInt8], work: inout Work)
      throws(CommitmentError)
    {
      guard safePrime > 7, safePrime.isOdd else {
        throw .invalidGroup(reason: "p = \(safePrime) must be an odd safe prime above 7")
      }
      let q = (safePrime - .one) >> 1
      for (name, value) in [("p", safePrime), ("q = (p − 1)/2", q)]
      where !value.isPrimeToFixedBases(limbProducts: &work.limbMultiplications) {
        throw .invalidGroup(reason: "\(name) is not prime, so p is not a safe prime")
      }
      guard generator > .one, generator < safePrime else {
        throw .invalidGroup(reason: "g must lie in 2..<p")
      }
      let context = MontgomeryContext(modulus: safePrime, limbProducts: &work.limbMultiplications)
      guard context.power(generator, q, limbProducts: &work.limbMultiplications) == .one else {
        throw .invalidGroup(reason: "g is not a quadratic residue mod p, so its order is not q")
      }
      self.init(uncheckedSafePrime: safePrime, generator: generator, hSeed: hSeed, work: &work)
    }

    private init(
      uncheckedSafePrime p: BigUInt, generator: BigUInt, hSeed: [UInt8], work: inout Work
    ) {
      self.p = p
      q = (p - .one) >> 1
      g = generator
      self.hSeed = hSeed
      context = MontgomeryContext(modulus: p, limbProducts: &work.limbMultiplications)
      h = Self.hashToGroup(seed: hSeed, p: p, context: context, work: &work)
    }

    /// u² mod p for u = SHA-256 expansion of `seed` reduced mod p: the blocks SHA-256(seed ‖
    /// counter ‖ block), counter and block as 4-byte big-endian numbers, concatenated to at
    /// least |p| + 128 bits (so u mod p is within 2⁻¹²⁸ of uniform). Squaring maps u into the
    /// quadratic residues; the counter moves on in the negligible case u² ∈ {0, 1}. Nobody
    /// chose h as a power of g, so nobody knows log_g h.
    static func hashToGroup(seed: [UInt8], p: BigUInt, context: MontgomeryContext, work: inout Work)
      -> BigUInt
    {
      let blockCount = (p.bitLength + 128 + 255) / 256
      var counter: UInt32 = 0
      while true {
        var expanded: [UInt8] = []
        for block in 0..<UInt32(blockCount) {
          var hasher = SHA256()
          hasher.update(seed)
          hasher.update(bigEndianBytes(counter) + bigEndianBytes(block))
          expanded += hasher.finalize(work: &work)
        }
        let u = context.reduce(
          BigUInt(bigEndianBytes: expanded), limbProducts: &work.limbMultiplications)
        let h = context.multiply(u, u, limbProducts: &work.limbMultiplications)
        if h > .one { return h }
        counter += 1
      }
    }
  }
}

/// The 4 big-endian bytes of `value`.
private func bigEndianBytes(_ value: UInt32) -> [UInt8] {
  [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
}
