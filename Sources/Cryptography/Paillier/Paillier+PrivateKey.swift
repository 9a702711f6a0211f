import BigNum
import SimCore

extension Paillier {
  /// A Paillier private key: the primes p and q of n = pq, with everything CRT decryption needs
  /// computed once (digit-pair Montgomery contexts for p² and q², h_p, h_q and p⁻¹ mod q).
  ///
  /// Keys are reproducible, not secret: `init(bits:using:work:)` draws the primes from the
  /// caller's seeded generator.
  public struct PrivateKey: Sendable {
    /// The matching public key, n = pq.
    public let publicKey: PublicKey
    /// The first prime, as given.
    public let p: BigUInt
    /// The second prime, as given.
    public let q: BigUInt
    /// Arithmetic modulo p² and q² in base-p and base-q digits, for c^(p−1) mod p² and
    /// c^(q−1) mod q² (about 40% fewer limb products than a `MontgomeryContext` for p²).
    let pSquaredContext: SquaredModulusContext
    let qSquaredContext: SquaredModulusContext
    /// h_p = L_p((1 + n)^(p−1) mod p²)⁻¹ mod p, and h_q likewise.
    let hp: BigUInt
    let hq: BigUInt
    /// p⁻¹ mod q, for Garner's recombination.
    let pInverseModQ: BigUInt

    /// The key with primes `p` and `q`, validated: each must pass a strong-probable-prime test
    /// to the first twelve prime bases 2, 3, …, 37 (Miller–Rabin with fixed bases: a proof of
    /// primality below 3.18·10²³, Sorenson and Webster, Math. Comp. 86, 2017; a strong test
    /// above), they must differ, and gcd(pq, (p − 1)(q − 1)) must be 1 (always true for primes
    /// of equal length). Any sizes are accepted; python-paillier's keys are.
    /// - Throws: `PaillierError.notPrime`, `.equalPrimes` or `.modulusNotCoprimeToTotient`.
    /// - Complexity: 24 exponentiations modulo p or q for the tests, plus the setup.
    public init(p: BigUInt, q: BigUInt) throws(PaillierError) {
      var work = Work.zero
      try self.init(p: p, q: q, work: &work)
    }

    /// The key with primes `p` and `q`, validated as in `init(p:q:)`; adds the limb products of
    /// the validation and the setup to `work`.
    /// - Throws: as `init(p:q:)`.
    public init(p: BigUInt, q: BigUInt, work: inout Work) throws(PaillierError) {
      guard p.isPrimeToFixedBases(limbProducts: &work.limbMultiplications) else {
        throw .notPrime(field: "p", value: p)
      }
      guard q.isPrimeToFixedBases(limbProducts: &work.limbMultiplications) else {
        throw .notPrime(field: "q", value: q)
      }
      guard p != q else { throw .equalPrimes }
      guard Self.isModulusCoprimeToTotient(p, q, limbProducts: &work.limbMultiplications) else {
        throw .modulusNotCoprimeToTotient(p: p, q: q)
      }
      self.init(validatedP: p, q: q, work: &work)
    }

    /// The key whose primes are the decimal texts `decimalP` and `decimalQ` (python-paillier's
    /// `PaillierPrivateKey.p` and `.q`).
    /// - Throws: `PaillierError.invalidDecimal`, then as `init(p:q:)`.
    public init(decimalP: String, decimalQ: String) throws(PaillierError) {
      let p = try Paillier.parseDecimal(decimalP, field: "prime p")
      let q = try Paillier.parseDecimal(decimalQ, field: "prime q")
      try self.init(p: p, q: q)
    }

    /// A fresh key with an n of exactly `bits` bits: two distinct `bits/2`-bit primes from
    /// `BigUInt.randomPrime(bits:using:)` (top two bits set, so pq has exactly `bits` bits),
    /// redrawn until gcd(pq, (p − 1)(q − 1)) = 1. Adds the limb products of the prime search
    /// and the setup to `work`. Reproducible from the generator's seed; not secret.
    /// - Precondition: `bits` is even and at least 32.
    /// - Complexity: two prime searches of `bits/2` bits (about `bits/2 · ln 2 / 2` candidates
    ///   each).
    public init(bits: Int, using generator: inout some RandomNumberGenerator, work: inout Work) {
      precondition(
        bits >= 32 && bits % 2 == 0,
        "Paillier.PrivateKey: modulus size \(bits) bits must be even and at least 32")
      while true {
        let p = BigUInt.randomPrime(
          bits: bits / 2, using: &generator, limbProducts: &work.limbMultiplications)
        let q = BigUInt.randomPrime(
          bits: bits / 2, using: &generator, limbProducts: &work.limbMultiplications)
        if p != q
          && Self.isModulusCoprimeToTotient(p, q, limbProducts: &work.limbMultiplications)
        {
          self.init(validatedP: p, q: q, work: &work)
          return
        }
      }
    }

    /// A fresh key of `bits` bits, without accounting for its work; see
    /// `init(bits:using:work:)`.
    public init(bits: Int, using generator: inout some RandomNumberGenerator) {
      var work = Work.zero
      self.init(bits: bits, using: &generator, work: &work)
    }

    private init(validatedP p: BigUInt, q: BigUInt, work: inout Work) {
      self.p = p
      self.q = q
      publicKey = PublicKey(
        n: p.multiplied(by: q, limbProducts: &work.limbMultiplications), work: &work)
      pSquaredContext = SquaredModulusContext(root: p, limbProducts: &work.limbMultiplications)
      qSquaredContext = SquaredModulusContext(root: q, limbProducts: &work.limbMultiplications)
      hp = Self.hFunction(prime: p, other: q, limbProducts: &work.limbMultiplications)
      hq = Self.hFunction(prime: q, other: p, limbProducts: &work.limbMultiplications)
      guard let inverse = p.inverse(modulo: q, limbProducts: &work.limbMultiplications) else {
        preconditionFailure("Paillier.PrivateKey: distinct primes p and q are not coprime")
      }
      pInverseModQ = inverse
    }

    /// p and q in decimal, as python-paillier's `PaillierPrivateKey(public_key, p, q)` takes
    /// them.
    public var decimalPrimes: (p: String, q: String) { (p.description, q.description) }

    // MARK: - Setup helpers

    /// h_p = L_p((1 + n)^(p−1) mod p²)⁻¹ mod p for n = p·other. By the binomial theorem
    /// (1 + n)^(p−1) ≡ 1 + (p − 1)·n (mod p²), so L_p of it is (p − 1)·other ≡ −other (mod p):
    /// h_p = (p − other mod p)⁻¹ mod p, with no exponentiation.
    static func hFunction(prime p: BigUInt, other: BigUInt, limbProducts: inout Int64) -> BigUInt {
      let otherModP = other.quotientAndRemainder(dividingBy: p, limbProducts: &limbProducts)
        .remainder
      guard let inverse = (p - otherModP).inverse(modulo: p, limbProducts: &limbProducts) else {
        preconditionFailure("Paillier.PrivateKey: −q mod p is not invertible for distinct primes")
      }
      return inverse
    }

    /// True when gcd(pq, (p − 1)(q − 1)) = 1.
    static func isModulusCoprimeToTotient(_ p: BigUInt, _ q: BigUInt, limbProducts: inout Int64)
      -> Bool
    {
      let n = p.multiplied(by: q, limbProducts: &limbProducts)
      let phi = (p - .one).multiplied(by: q - .one, limbProducts: &limbProducts)
      return BigUInt.gcd(n, phi, limbProducts: &limbProducts) == .one
    }
  }
}
