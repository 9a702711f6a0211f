import SimCore
import Testing

@testable import Cryptography

/// Arithmetic in GF(2¹²⁷ − 1), checked against identities that hold by hand.
struct Mersenne127Tests {
  /// 2¹²⁷ ≡ 1 and 2¹²⁸ − 1 = 2·(2¹²⁷ − 1) + 1 ≡ 1 (mod 2¹²⁷ − 1); p itself is not an element.
  @Test func reductionFoldsPowersOfTwo() {
    #expect(Mersenne127(reducing: 1 << 127) == .one)
    #expect(Mersenne127(reducing: UInt128.max) == .one)
    #expect(Mersenne127(exactly: Mersenne127.modulus) == nil)
  }

  /// (p − 1)² = (−1)² = 1; 2⁶⁴·2⁶⁴ = 2¹²⁸ ≡ 2; 3·(3⁻¹) = 1 with 3⁻¹ = (2·p + 1)/3 =
  /// (2¹²⁸ − 1)/3, which is 0x5555…5555 (128 bits) reduced: 0x5555…5555 − p.
  @Test func productsAndInversesMatchHandValues() throws {
    let minusOne = Mersenne127(canonical: Mersenne127.modulus - 1)
    #expect(minusOne * minusOne == .one)
    #expect(-Mersenne127.one == minusOne)
    let twoTo64 = Mersenne127(canonical: 1 << 64)
    #expect(twoTo64 * twoTo64 == Mersenne127(2))
    let three = Mersenne127(3)
    let expectedInverse = Mersenne127(reducing: UInt128.max / 3)
    #expect(three.inverse() == expectedInverse)
    #expect(three * expectedInverse == .one)
    #expect(Mersenne127.zero.inverse() == nil)
  }

  /// a·a⁻¹ = 1 and (a + b) − b = a for random elements.
  @Test func fieldIdentitiesHoldForRandomElements() throws {
    var rng = Xoshiro256StarStar(seed: 71)
    for _ in 0..<20 {
      let a = Mersenne127.random(using: &rng)
      let b = Mersenne127.random(using: &rng)
      #expect((a + b) - b == a)
      if a != .zero { #expect(a * (try #require(a.inverse())) == .one) }
      #expect(Mersenne127(bigEndianBytes: a.encode()) == a)
    }
  }
}
