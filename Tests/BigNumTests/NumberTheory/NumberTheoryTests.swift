import BigNum
import SimCore
import Testing

struct NumberTheoryTests {
  @Test func inverseTimesValueIsOne() throws {
    for seed in UInt64(0)..<1000 {
      var generator = Xoshiro256StarStar(seed: seed)
      let modulus = randomNonZeroOperand(maxLimbs: 6, using: &generator) + BigUInt(2)
      let a = randomOperand(maxLimbs: 7, using: &generator)
      let inverse = a.inverse(modulo: modulus)
      if BigUInt.gcd(a, modulus) == .one {
        let x = try #require(inverse, "seed \(seed): \(a) is invertible modulo \(modulus)")
        #expect(x < modulus, "seed \(seed)")
        #expect((a * x) % modulus == .one, "seed \(seed)")
      } else {
        #expect(inverse == nil, "seed \(seed)")
      }
    }
  }

  @Test func nonInvertibleValuesHaveNoInverse() {
    #expect(BigUInt(6).inverse(modulo: BigUInt(9)) == nil)  // gcd 3
    #expect(BigUInt.zero.inverse(modulo: BigUInt(7)) == nil)
    #expect(BigUInt(3).inverse(modulo: BigUInt(7)) == BigUInt(5))  // 3·5 = 15 = 2·7 + 1
    #expect(BigUInt(3).inverse(modulo: .one) == .zero)
  }

  @Test func extendedGCDSatisfiesBezout() {
    for seed in UInt64(0)..<800 {
      var generator = Xoshiro256StarStar(seed: seed)
      let a = randomOperand(maxLimbs: 6, using: &generator)
      let b = randomOperand(maxLimbs: 6, using: &generator)
      let (g, x, y) = BigUInt.extendedGCD(a, b)
      #expect(g == BigUInt.gcd(a, b), "seed \(seed)")
      #expect(BigInt(a) * x + BigInt(b) * y == BigInt(g), "seed \(seed)")
      if !g.isZero {
        #expect(a % g == .zero && b % g == .zero, "seed \(seed)")
      }
    }
  }

  @Test func gcdAndLcmOfKnownValues() {
    // gcd(3·2⁶⁴, 9·2³²) = 3·2³², lcm = 9·2⁶⁴; lcm(4, 6) = 12.
    #expect(BigUInt.gcd(BigUInt(3) << 64, BigUInt(9) << 32) == BigUInt(3) << 32)
    #expect(BigUInt.lcm(BigUInt(3) << 64, BigUInt(9) << 32) == BigUInt(9) << 64)
    #expect(BigUInt.lcm(BigUInt(4), BigUInt(6)) == BigUInt(12))
    #expect(BigUInt.gcd(.zero, .zero) == .zero && BigUInt.lcm(.zero, BigUInt(5)) == .zero)
  }

  @Test func chineseRemainderSolvesSunziProblem() throws {
    // Sunzi Suanjing (3rd–5th c.): x ≡ 2 (mod 3), 3 (mod 5), 2 (mod 7) gives x = 23.
    let basis = try ChineseRemainderBasis(moduli: [BigUInt(3), BigUInt(5), BigUInt(7)])
    #expect(basis.combine([BigUInt(2), BigUInt(3), BigUInt(2)]) == BigUInt(23))
    #expect(basis.product == BigUInt(105))
  }

  @Test func chineseRemainderRecombinesRandomResidues() throws {
    for seed in UInt64(0)..<300 {
      var generator = Xoshiro256StarStar(seed: seed)
      // n, n + 1 and 2n + 1 are pairwise coprime for every n ≥ 1.
      let n = randomNonZeroOperand(maxLimbs: 4, using: &generator)
      let moduli = [n, n + .one, (n << 1) + .one]
      let basis = try ChineseRemainderBasis(moduli: moduli)
      let x = BigUInt.random(below: basis.product, using: &generator)
      let residues = moduli.map { x % $0 }
      #expect(basis.combine(residues) == x, "seed \(seed)")
    }
  }

  @Test func chineseRemainderRejectsBadModuli() {
    #expect(throws: BigNumError.noModuli) { try ChineseRemainderBasis(moduli: []) }
    #expect(throws: BigNumError.zeroModulus(index: 1)) {
      try ChineseRemainderBasis(moduli: [BigUInt(3), .zero])
    }
    #expect(throws: BigNumError.moduliNotCoprime(first: 0, second: 2, commonFactor: BigUInt(2))) {
      try ChineseRemainderBasis(moduli: [BigUInt(6), BigUInt(35), BigUInt(10)])
    }
    let error = BigNumError.moduliNotCoprime(first: 0, second: 2, commonFactor: BigUInt(2))
    #expect(error.description.contains("#0") && error.description.contains("pairwise coprime"))
  }

  @Test func randomDrawsWholeWordsFromTheGenerator() {
    // 100 bits take two words, the second masked to its low 36 bits; nothing else is drawn.
    var generator = Xoshiro256StarStar(seed: 5)
    var replay = Xoshiro256StarStar(seed: 5)
    let value = BigUInt.random(bits: 100, using: &generator)
    let low = replay.next()
    let high = replay.next() & ((1 << 36) - 1)
    #expect(value == BigUInt(limbs: [low, high]))
    #expect(generator.next() == replay.next())
  }

  @Test func randomValuesStayInRangeAndRepeatPerSeed() {
    var generator = Xoshiro256StarStar(seed: 99)
    var replay = Xoshiro256StarStar(seed: 99)
    let bound = BigUInt(10)
    var counts = [Int](repeating: 0, count: 10)
    for _ in 0..<2000 {
      let value = BigUInt.random(below: bound, using: &generator)
      #expect(value == BigUInt.random(below: bound, using: &replay))
      counts[Int(UInt64(exactly: value)!)] += 1
    }
    // 2000 uniform draws over 10 values: each count is Binomial(2000, 0.1), mean 200 and
    // standard deviation 13.4; 140...260 is beyond ±4.4σ.
    #expect(counts.allSatisfy { (140...260).contains($0) }, "\(counts)")
    for seed in UInt64(0)..<300 {
      var generator = Xoshiro256StarStar(seed: seed)
      let bits = generator.nextInt(below: 300)
      #expect(BigUInt.random(bits: bits, using: &generator).bitLength <= bits, "seed \(seed)")
      let low = randomOperand(maxLimbs: 3, using: &generator)
      let high = low + randomNonZeroOperand(maxLimbs: 3, using: &generator)
      let value = BigUInt.random(in: low..<high, using: &generator)
      #expect(low <= value && value < high, "seed \(seed)")
    }
  }
}
