import BigNum
import SimCore
import Testing

struct BigUIntArithmeticTests {
  @Test func additionAndSubtractionAreInverse() {
    for seed in UInt64(0)..<2000 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomOperand(maxLimbs: 9, using: &generator)
      let b = randomOperand(maxLimbs: 9, using: &generator)
      #expect(a + b == b + a, "seed \(seed)")
      #expect((a + b) - b == a, "seed \(seed)")
      #expect((a + b) - a == b, "seed \(seed)")
    }
  }

  @Test func divisionSatisfiesEuclideanIdentity() {
    for seed in UInt64(0)..<3000 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomOperand(maxLimbs: 12, using: &generator)
      let b = randomNonZeroOperand(maxLimbs: 7, using: &generator)
      let (q, r) = a.quotientAndRemainder(dividingBy: b)
      #expect(r < b, "seed \(seed): remainder \(r) is not below divisor \(b)")
      #expect(q * b + r == a, "seed \(seed): \(q)·\(b) + \(r) ≠ \(a)")
    }
  }

  @Test func smallDividendGivesZeroQuotient() {
    let (q, r) = BigUInt(5).quotientAndRemainder(dividingBy: BigUInt(7))
    #expect(q == .zero && r == BigUInt(5))
    #expect(BigUInt.zero / BigUInt(3) == .zero)
  }

  @Test func productIsCommutativeAndDistributive() {
    for seed in UInt64(0)..<1000 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomOperand(maxLimbs: 8, using: &generator)
      let b = randomOperand(maxLimbs: 8, using: &generator)
      let c = randomOperand(maxLimbs: 8, using: &generator)
      #expect(a * b == b * a, "seed \(seed)")
      #expect(a * (b + c) == a * b + a * c, "seed \(seed)")
      #expect(a.squared() == a * a, "seed \(seed)")
    }
  }

  @Test func factorialOfThirtyMatchesKnownValue() {
    // 30! = 265252859812191058636308480000000 (OEIS A000142).
    var factorial = BigUInt.one
    for k in UInt64(1)...30 { factorial *= BigUInt(k) }
    #expect(factorial.description == "265252859812191058636308480000000")
  }

  @Test func powersOfTwoMatchKnownDecimals() {
    // 2¹²⁸ and 2²⁵⁶ as printed in every table of powers of two (OEIS A000079).
    #expect((BigUInt.one << 128).description == "340282366920938463463374607431768211456")
    #expect(
      BigUInt(2).power(256).description
        == "115792089237316195423570985008687907853269984665640564039457584007913129639936")
    #expect(
      BigUInt(UInt64.max) * BigUInt(UInt64.max) == (BigUInt.one << 128) - (BigUInt.one << 65) + .one
    )
  }

  @Test func shiftsMultiplyAndDivideByPowersOfTwo() {
    for seed in UInt64(0)..<500 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomOperand(maxLimbs: 6, using: &generator)
      let shift = generator.nextInt(below: 200)
      let shifted = a << shift
      #expect(shifted == a * BigUInt(2).power(shift), "seed \(seed)")
      #expect(shifted >> shift == a, "seed \(seed)")
      #expect(a >> shift == a / BigUInt(2).power(shift), "seed \(seed)")
      #expect(shifted.bitLength == (a.isZero ? 0 : a.bitLength + shift), "seed \(seed)")
    }
  }

  @Test func bitQueriesDescribeTheValue() {
    let value = (BigUInt.one << 130) + BigUInt(12)  // bits 130, 3, 2
    #expect(value.bitLength == 131)
    #expect(value.trailingZeroBitCount == 2)
    #expect(
      value.isBitSet(130) && value.isBitSet(3) && !value.isBitSet(129) && !value.isBitSet(500))
    #expect(BigUInt.zero.bitLength == 0 && BigUInt.one.bitLength == 1)
    #expect(UInt64(exactly: value) == nil && UInt64(exactly: BigUInt(42)) == 42)
  }

  @Test func comparisonOrdersByValue() {
    let small = BigUInt(limbs: [.max, 1])
    let large = BigUInt(limbs: [0, 2])
    #expect(small < large && !(large < small) && small != large)
    #expect(BigUInt(limbs: [5, 0, 0]) == BigUInt(5))
    #expect(BigUInt(limbs: [5, 0, 0]).hashValue == BigUInt(5).hashValue)
  }
}
