import BigNum
import SimCore
import Testing

@testable import Cryptography

/// Pedersen commitments in a toy group (p = 23) where values can be checked by hand, and in the
/// RFC 3526 2048-bit group the simulator uses.
struct PedersenTests {
  /// p = 23 = 2·11 + 1, q = 11, g = 4 = 2².
  private static func toyGroup() throws -> Pedersen.Group {
    var work = Work.zero
    return try Pedersen.Group(safePrime: 23, generator: 4, hSeed: Array("toy".utf8), work: &work)
  }

  /// C(3, 0) = 4³ mod 23 = 64 − 46 = 18; C(0, 1) = h; h is a quadratic residue: h¹¹ ≡ 1.
  @Test func toyCommitmentsMatchHandValues() throws {
    let group = try Self.toyGroup()
    var work = Work.zero
    #expect(try group.commit(to: 3, blinding: 0, work: &work).value == 18)
    #expect(try group.commit(to: 0, blinding: 1, work: &work).value == group.h)
    #expect(group.h.power(11, modulo: 23) == .one && group.h > .one)
    #expect(group.encodedByteCount == 1)
  }

  /// C(7, 5)·C(9, 8) = C(16 mod 11, 13 mod 11) = C(5, 2).
  @Test func commitmentsAreAdditivelyHomomorphic() throws {
    let group = try Self.toyGroup()
    var work = Work.zero
    let sum = group.add(
      try group.commit(to: 7, blinding: 5, work: &work),
      try group.commit(to: 9, blinding: 8, work: &work), work: &work)
    #expect(sum == (try group.commit(to: 5, blinding: 2, work: &work)))
    #expect(group.reduced(16) == 5)
  }

  /// A quadratic non-residue generator (5 mod 23: the residues are 1, 2, 3, 4, 6, 8, 9, 12, 13,
  /// 16, 18) and a prime that is not safe (29 = 2·14 + 1) are rejected.
  @Test func invalidGroupsAreRejected() throws {
    var work = Work.zero
    #expect(
      throws: CommitmentError.invalidGroup(
        reason: "g is not a quadratic residue mod p, so its order is not q")
    ) {
      try Pedersen.Group(safePrime: 23, generator: 5, hSeed: [], work: &work)
    }
    #expect(
      throws: CommitmentError.invalidGroup(
        reason: "q = (p − 1)/2 is not prime, so p is not a safe prime")
    ) {
      try Pedersen.Group(safePrime: 29, generator: 4, hSeed: [], work: &work)
    }
    let group = try Self.toyGroup()
    #expect(
      throws: CommitmentError.exponentOutOfRange(field: "message", bitCount: 4, orderBitCount: 4)
    ) {
      try group.commit(to: 11, blinding: 0, work: &work)
    }
    #expect(throws: CommitmentError.notInGroup(field: "the decoded commitment")) {
      try group.decodeCommitment([5], work: &work)
    }
  }

  /// ⌊2¹⁹¹⁸·π⌋ by Machin's formula π = 16·arctan(1/5) − 4·arctan(1/239) in integer arithmetic
  /// with 64 guard bits (each truncated term errs by less than one unit, a few hundred terms).
  private static func floorPiTimesTwoToThe1918() -> BigUInt {
    let guardBits = 64
    let one = BigUInt.one << (1918 + guardBits)
    func arctanInverse(_ x: UInt64) -> (positive: BigUInt, negative: BigUInt) {
      var term = one / BigUInt(x)
      var positive = term
      var negative = BigUInt.zero
      var denominator: UInt64 = 1
      var isNegative = true
      while !term.isZero {
        term = term / BigUInt(x * x)
        denominator += 2
        if isNegative {
          negative += term / BigUInt(denominator)
        } else {
          positive += term / BigUInt(denominator)
        }
        isNegative.toggle()
      }
      return (positive, negative)
    }
    let a = arctanInverse(5)
    let b = arctanInverse(239)
    let scaled = (a.positive * 16 + b.negative * 4) - (a.negative * 16 + b.positive * 4)
    return scaled >> guardBits
  }

  /// The hexadecimal prime is RFC 3526 §3's formula p = 2²⁰⁴⁸ − 2¹⁹⁸⁴ − 1 +
  /// 2⁶⁴·(⌊2¹⁹¹⁸·π⌋ + 124476); p and q pass a base-2 strong-probable-prime test; g = 4 and h
  /// lie in the order-q subgroup (x^q ≡ 1).
  @Test func rfc3526GroupMatchesItsPublishedFormula() {
    let group = Pedersen.Group.rfc3526Group14
    let formula =
      (BigUInt.one << 2048) - (BigUInt.one << 1984) - .one
      + ((Self.floorPiTimesTwoToThe1918() + 124_476) << 64)
    #expect(group.p == formula)
    #expect(group.p.bitLength == 2048 && group.q == (group.p - .one) >> 1)
    #expect(group.p.isStrongProbablePrime(base: 2) && group.q.isStrongProbablePrime(base: 2))
    #expect(group.g == 4)
    #expect(group.g.power(group.q, modulo: group.p) == .one)
    #expect(group.h.power(group.q, modulo: group.p) == .one && group.h != .one)
    #expect(group.encodedByteCount == 256)
  }

  /// In the 2048-bit group: openings verify, a wrong blinding or message does not, and the
  /// product of two commitments opens to the sums of messages and blindings mod q.
  @Test func rfc3526CommitmentsOpenAndAdd() throws {
    let group = Pedersen.Group.rfc3526Group14
    var rng = Xoshiro256StarStar(seed: 101)
    var work = Work.zero
    let (c1, r1) = try group.commit(to: 1_000, using: &rng, work: &work)
    let (c2, r2) = try group.commit(to: 234, using: &rng, work: &work)
    #expect(group.isValidOpening(c1, message: 1_000, blinding: r1, work: &work))
    #expect(!group.isValidOpening(c1, message: 1_001, blinding: r1, work: &work))
    #expect(!group.isValidOpening(c1, message: 1_000, blinding: r2, work: &work))
    let sum = group.add(c1, c2, work: &work)
    #expect(
      group.isValidOpening(sum, message: 1_234, blinding: group.reduced(r1 + r2), work: &work))
    let bytes = group.encode(sum)
    #expect(bytes.count == 256)
    #expect(try group.decodeCommitment(bytes, work: &work) == sum)
    #expect(work.limbMultiplications > 0)
  }
}
