import BigNum
import SimCore
import Testing

struct BigIntTests {
  @Test func arithmeticMatchesInt64OnSmallValues() {
    // Operands within ±2³⁰ keep every Int64 result exact, so Swift's Int64 is the reference,
    // including truncating division and the remainder's sign.
    for seed in UInt64(0)..<2000 {
      var generator = Xoshiro256StarStar(seed: seed)
      let x = Int64(generator.nextInt(in: -(1 << 30)...(1 << 30)))
      var y = Int64(generator.nextInt(in: -(1 << 30)...(1 << 30)))
      if y == 0 { y = 1 }
      let a = BigInt(x)
      let b = BigInt(y)
      #expect(a + b == BigInt(x + y), "seed \(seed)")
      #expect(a - b == BigInt(x - y), "seed \(seed)")
      #expect(a * b == BigInt(x * y), "seed \(seed)")
      #expect(a / b == BigInt(x / y), "seed \(seed)")
      #expect(a % b == BigInt(x % y), "seed \(seed)")
      #expect((a < b) == (x < y), "seed \(seed)")
      let modulus = UInt64(y.magnitude)
      let residue = ((x % Int64(modulus)) + Int64(modulus)) % Int64(modulus)
      #expect(a.modulo(BigUInt(modulus)) == BigUInt(UInt64(residue)), "seed \(seed)")
    }
  }

  @Test func zeroHasNoSign() {
    #expect(!(-BigInt()).isNegative)
    #expect(BigInt("-0") == BigInt())
    #expect(BigInt(isNegative: true, magnitude: .zero).signum() == 0)
    #expect(BigInt(5) - BigInt(5) == BigInt())
  }

  @Test func textAndLiteralsCarryTheSign() {
    let negative: BigInt = -340_282_366_920_938_463_463_374_607_431_768_211_456  // −2¹²⁸
    #expect(negative.isNegative && negative.magnitude == BigUInt.one << 128)
    #expect(negative.description == "-340282366920938463463374607431768211456")
    #expect(BigInt("-17") == BigInt(-17) && BigInt("+17") == BigInt(17))
    #expect(BigInt("--1") == nil && BigInt("-") == nil)
    #expect(BigUInt(exactly: BigInt(-3)) == nil && BigUInt(exactly: BigInt(3)) == BigUInt(3))
    #expect(BigInt(-1).modulo(BigUInt(7)) == BigUInt(6))
  }
}
