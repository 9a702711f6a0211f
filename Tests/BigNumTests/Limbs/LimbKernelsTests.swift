import SimCore
import Testing

@testable import BigNum

/// The limb kernels seen through BigUInt: Karatsuba against schoolbook, the rare branches of
/// Algorithm D, and the product counts.
struct LimbKernelsTests {
  @Test func divisionAddBackStepGivesCorrectQuotient() {
    // Knuth's D6 (add back) with B = 2⁶⁴: u = 2¹⁹², v = 2¹⁹¹ + 2⁶⁴ − 1 (limbs [B−1, 0, B/2]).
    // D3 estimates q̂ = ⌊(1·B + 0)/(B/2)⌋ = 2 and the two-limb test passes (v₁ = 0), but
    // 2v = 2¹⁹² + 2⁶⁵ − 2 > u, so the true quotient is 1, remainder 2¹⁹¹ − 2⁶⁴ + 1.
    let u = BigUInt.one << 192
    let v = (BigUInt.one << 191) + (BigUInt.one << 64) - .one
    let (q, r) = u.quotientAndRemainder(dividingBy: v)
    #expect(q == .one)
    #expect(r == (BigUInt.one << 191) - (BigUInt.one << 64) + .one)
  }

  @Test func divisionCapsQuotientDigitWhenTopLimbsAreEqual() {
    // u = 2¹⁹¹ (limbs [0, 0, 2⁶³]), v = 2¹²⁷ + 1 (limbs [1, 2⁶³]): the last step sees
    // u₂ = v₁, so q̂ is capped at B − 1. Check: (2⁶⁴ − 1)(2¹²⁷ + 1) + 2¹²⁷ − 2⁶⁴ + 1 = 2¹⁹¹.
    let u = BigUInt.one << 191
    let v = (BigUInt.one << 127) + .one
    let (q, r) = u.quotientAndRemainder(dividingBy: v)
    #expect(q == BigUInt(UInt64.max))
    #expect(r == (BigUInt.one << 127) - (BigUInt.one << 64) + .one)
  }

  @Test func karatsubaMatchesSchoolbook() {
    // Thresholds 4 and 5 force deep recursion with odd splits on small operands.
    for seed in UInt64(0)..<1000 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomNonZeroOperand(maxLimbs: 70, using: &generator)
      let b = randomNonZeroOperand(maxLimbs: 70, using: &generator)
      let threshold = 4 + Int(seed % 2)
      var schoolbookProducts: Int64 = 0
      var karatsubaProducts: Int64 = 0
      let expected = a.multiplied(
        by: b, karatsubaThreshold: .max, limbProducts: &schoolbookProducts)
      let product = a.multiplied(
        by: b, karatsubaThreshold: threshold, limbProducts: &karatsubaProducts)
      #expect(product == expected, "seed \(seed): \(a.limbs.count)×\(b.limbs.count) limbs")
      #expect(schoolbookProducts == Int64(a.limbs.count * b.limbs.count), "seed \(seed)")
      #expect(karatsubaProducts <= schoolbookProducts, "seed \(seed)")
      var squareProducts: Int64 = 0
      let square = a.squared(karatsubaThreshold: threshold, limbProducts: &squareProducts)
      let expectedSquare = a.multiplied(
        by: a, karatsubaThreshold: .max, limbProducts: &squareProducts)
      #expect(square == expectedSquare, "seed \(seed): square of \(a.limbs.count) limbs")
    }
  }

  @Test func karatsubaHandlesCarryHeavyOperands() {
    // All-ones operands maximise every carry: (2^(64n) − 1)² = 2^(128n) − 2^(64n+1) + 1.
    for n in [4, 5, 7, 8, 16, 33, 64] {
      let allOnes = BigUInt(limbs: [UInt64](repeating: .max, count: n))
      let expected = (BigUInt.one << (128 * n)) - (BigUInt.one << (64 * n + 1)) + .one
      var products: Int64 = 0
      #expect(
        allOnes.multiplied(by: allOnes, karatsubaThreshold: 4, limbProducts: &products) == expected)
      #expect(allOnes.squared(karatsubaThreshold: 4, limbProducts: &products) == expected)
    }
  }

  @Test func schoolbookRowsMatchARowByRowSum() {
    // Four-row passes (and the two- and one-row tails for lengths not divisible by four)
    // against Σⱼ (a·bⱼ)·2^(64j), whose one-limb products take the single-row path only; the
    // dedicated square (four-row passes over the triangle) against the general product.
    for seed in UInt64(0)..<300 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomNonZeroOperand(maxLimbs: 23, using: &generator)
      let b = randomNonZeroOperand(maxLimbs: 23, using: &generator)
      var products: Int64 = 0
      let product = a.multiplied(by: b, karatsubaThreshold: .max, limbProducts: &products)
      var expected = BigUInt.zero
      for (index, limb) in b.limbs.enumerated() {
        expected += (a * BigUInt(limb)) << (64 * index)
      }
      #expect(product == expected, "seed \(seed): \(a.limbs.count)×\(b.limbs.count) limbs")
      let square = a.squared(karatsubaThreshold: .max, limbProducts: &products)
      #expect(
        square == a.multiplied(by: a, karatsubaThreshold: .max, limbProducts: &products),
        "seed \(seed): square of \(a.limbs.count) limbs")
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 23])
  func schoolbookHandlesCarryHeavyOperands(limbs: Int) {
    // (2^(64n) − 1)² = 2^(128n) − 2^(64n+1) + 1 with every limb all ones, without Karatsuba.
    let allOnes = BigUInt(limbs: [UInt64](repeating: .max, count: limbs))
    let expected = (BigUInt.one << (128 * limbs)) - (BigUInt.one << (64 * limbs + 1)) + .one
    var products: Int64 = 0
    #expect(
      allOnes.multiplied(by: allOnes, karatsubaThreshold: .max, limbProducts: &products)
        == expected)
    #expect(allOnes.squared(karatsubaThreshold: .max, limbProducts: &products) == expected)
  }

  @Test func limbProductsCountTheSchoolbookRowsExactly() {
    // 3×2 limbs schoolbook: 6 products; squaring 5 limbs: 5·4/2 cross + 5 diagonal = 15.
    let a = BigUInt(limbs: [1, 2, 3])
    let b = BigUInt(limbs: [4, 5])
    var products: Int64 = 7  // the counter is added to, not overwritten
    _ = a.multiplied(by: b, limbProducts: &products)
    #expect(products == 13)
    products = 0
    _ = BigUInt(limbs: [1, 2, 3, 4, 5]).squared(limbProducts: &products)
    #expect(products == 15)
  }
}
