import BigNum
import SimCore

extension Paillier.PrivateKey {
  /// The plaintext m ∈ Z_n of `c`, by CRT decryption (Paillier 1999 §7, in python-paillier's
  /// form): m_p = L_p(c^(p−1) mod p²)·h_p mod p with L_p(x) = (x − 1)/p, m_q likewise, and
  /// m = m_p + ((m_q − m_p)·p⁻¹ mod q)·p.
  /// - Precondition: `c.value < n²`.
  ///
  /// Both powers run in base-p (base-q) digits through `SquaredModulusContext`, about 40% fewer
  /// limb products than Montgomery arithmetic on the full p²: 504 decryptions/s for a 2048-bit
  /// key against 366 for python-paillier with gmpy2 (thread CPU time, 2-core AMD EPYC,
  /// `paillier.decrypt.n2048`).
  /// - Complexity: two exponentiations with |p|- and |q|-bit exponents modulo p² and q²,
  ///   about a quarter of the cost of the textbook c^λ mod n².
  public func decrypt(_ c: Paillier.Ciphertext) -> BigUInt {
    var work = Work.zero
    return decrypt(c, work: &work)
  }

  /// The plaintext of `c`, adding the limb products of both exponentiations, the L-function
  /// divisions and the recombination to `work`; see `decrypt(_:)`.
  /// - Precondition: `c.value < n²`.
  public func decrypt(_ c: Paillier.Ciphertext, work: inout Work) -> BigUInt {
    precondition(
      c.value < publicKey.nSquared,
      "Paillier.decrypt: the ciphertext (\(c.value.bitLength) bits) is not below n²")
    let mp = Self.decryptModuloPrime(
      c.value, prime: p, context: pSquaredContext, h: hp,
      limbProducts: &work.limbMultiplications)
    let mq = Self.decryptModuloPrime(
      c.value, prime: q, context: qSquaredContext, h: hq,
      limbProducts: &work.limbMultiplications)
    // Garner: m = m_p + u·p with u = (m_q − m_p)·p⁻¹ mod q.
    let mpModQ = mp.quotientAndRemainder(dividingBy: q, limbProducts: &work.limbMultiplications)
      .remainder
    let difference = mq >= mpModQ ? mq - mpModQ : mq + q - mpModQ
    let u = difference.multiplied(by: pInverseModQ, limbProducts: &work.limbMultiplications)
      .quotientAndRemainder(dividingBy: q, limbProducts: &work.limbMultiplications).remainder
    return mp + u.multiplied(by: p, limbProducts: &work.limbMultiplications)
  }

  /// m mod `prime`: L_prime(c^(prime−1) mod prime²)·h mod prime.
  private static func decryptModuloPrime(
    _ c: BigUInt, prime: BigUInt, context: SquaredModulusContext, h: BigUInt,
    limbProducts: inout Int64
  ) -> BigUInt {
    let x = context.power(c, prime - .one, limbProducts: &limbProducts)
    // x ≡ 1 (mod prime) for every unit c, so x − 1 is an exact multiple of prime. A c sharing
    // the factor gives x = 0; wrap it to 0 rather than trap (garbage in, garbage out).
    guard !x.isZero else { return .zero }
    let l = (x - .one).quotientAndRemainder(dividingBy: prime, limbProducts: &limbProducts)
      .quotient
    return l.multiplied(by: h, limbProducts: &limbProducts)
      .quotientAndRemainder(dividingBy: prime, limbProducts: &limbProducts).remainder
  }
}
