import SimCore
import Testing

@testable import BigNum

struct MontgomeryContextTests {
  @Test func powerMatchesNaiveSquareAndMultiply() {
    for seed in UInt64(0)..<1000 {
      var generator = Xoshiro256StarStar(seed: seed)
      var modulus = randomNonZeroOperand(maxLimbs: 9, using: &generator)
      modulus.setBit(0)
      if modulus == .one { modulus = BigUInt(3) }
      let base = randomOperand(maxLimbs: 10, using: &generator)  // may exceed the modulus
      let exponent = randomOperand(maxLimbs: 3, using: &generator)
      let context = MontgomeryContext(modulus: modulus)
      #expect(
        context.power(base, exponent) == naivePower(base, exponent, modulo: modulus),
        "seed \(seed): \(base)^\(exponent) mod \(modulus)")
    }
  }

  @Test(arguments: [24, 47, 48, 64, 65])
  func powerMatchesNaiveAtKaratsubaSizes(limbs: Int) {
    // From 24 limbs the Montgomery products go through Karatsuba, from 48 the squarings too.
    var generator = Xoshiro256StarStar(seed: UInt64(limbs))
    var modulus = BigUInt.random(bits: 64 * limbs, using: &generator)
    modulus.setBit(64 * limbs - 1)
    modulus.setBit(0)
    let base = BigUInt.random(below: modulus, using: &generator)
    let exponent = BigUInt.random(bits: 40, using: &generator)
    #expect(
      MontgomeryContext(modulus: modulus).power(base, exponent)
        == naivePower(base, exponent, modulo: modulus))
  }

  @Test func powerOfEdgeOperands() {
    let context = MontgomeryContext(modulus: BigUInt(1_000_003))
    #expect(context.power(BigUInt(12345), .zero) == .one)
    #expect(context.power(.zero, BigUInt(5)) == .zero)
    #expect(context.power(BigUInt(1_000_003), BigUInt(5)) == .zero)
    #expect(context.power(BigUInt(2), BigUInt(10)) == BigUInt(1024))
    // Fermat: 2^(p−1) ≡ 1 (mod p) for the prime p = 1 000 003.
    #expect(context.power(BigUInt(2), BigUInt(1_000_002)) == .one)
  }

  @Test func productModuloAgreesAcrossTwoRoutes() {
    // Route 1: product then Knuth division (`multiply`). Route 2: two Montgomery products,
    // (a·b·R⁻¹)·(R² mod m)·R⁻¹ = a·b mod m, over the raw workspace.
    for seed in UInt64(0)..<1000 {
      var generator = Xoshiro256StarStar(seed: seed)
      var modulus = randomNonZeroOperand(maxLimbs: 8, using: &generator)
      modulus.setBit(0)
      if modulus == .one { modulus = BigUInt(5) }
      let context = MontgomeryContext(modulus: modulus)
      let a = BigUInt.random(below: modulus, using: &generator)
      let b = BigUInt.random(below: modulus, using: &generator)
      #expect(
        context.multiply(a, b) == montgomeryProduct(a, b, context: context), "seed \(seed)")
      #expect(context.multiply(a, b) == (a * b) % modulus, "seed \(seed)")
    }
  }

  @Test func elementsMultiplyLikeResidues() {
    for seed in UInt64(0)..<300 {
      var generator = Xoshiro256StarStar(seed: seed)
      var modulus = randomNonZeroOperand(maxLimbs: 9, using: &generator)
      modulus.setBit(0)
      if modulus == .one { modulus = BigUInt(7) }
      let context = MontgomeryContext(modulus: modulus)
      let a = randomOperand(maxLimbs: 10, using: &generator)  // may exceed the modulus
      let b = BigUInt.random(below: modulus, using: &generator)
      let x = context.element(a)
      let y = context.element(b)
      #expect(context.value(of: x) == a % modulus, "seed \(seed)")
      #expect(context.value(of: context.multiply(x, y)) == (a * b) % modulus, "seed \(seed)")
      #expect(context.value(of: context.square(y)) == (b * b) % modulus, "seed \(seed)")
      #expect(context.element(a % modulus + modulus) == x, "seed \(seed)")
    }
  }

  @Test func elementStepsReportTheCostModel() {
    // k = 4 (see powerReportsExactLimbProducts): product 42, square 36, reduction 26. Entering
    // Montgomery form is one product with R² mod n, leaving it one reduction.
    let context = MontgomeryContext(modulus: (BigUInt.one << 255) + BigUInt(19))
    var products: Int64 = 0
    let x = context.element(BigUInt(12_345), limbProducts: &products)
    #expect(products == 42)
    products = 0
    let y = context.square(x, limbProducts: &products)
    #expect(products == 36)
    products = 0
    let z = context.multiply(x, y, limbProducts: &products)
    #expect(products == 42)
    products = 0
    // 12,345³ = 1,881,365,963,625 (below the modulus).
    #expect(context.value(of: z, limbProducts: &products) == BigUInt(1_881_365_963_625))
    #expect(products == 26)
  }

  @Test func fermatHoldsForMersennePrime127() {
    // M127 = 2¹²⁷ − 1 is prime (Lucas, 1876), so a^(M127−1) ≡ 1 for every a it does not divide.
    let p = (BigUInt.one << 127) - .one
    let context = MontgomeryContext(modulus: p)
    var generator = Xoshiro256StarStar(seed: 127)
    for _ in 0..<20 {
      let a = BigUInt.random(in: BigUInt(2)..<p, using: &generator)
      #expect(context.power(a, p - .one) == .one)
    }
  }

  @Test func powerReportsExactLimbProducts() {
    // k = 4 limbs, exponent 2²⁰ (21 bits). SlidingWindow.width(21) = 2 (cost 2 + 21/3 = 9 beats
    // w = 1: 1 + 10 and ties w = 3: 4 + 5), so the table costs the conversion product, one
    // squaring and one product; the scan copies the one-bit top window and squares 20 times; one
    // reduction leaves Montgomery form. Reduction: one four-row pass, 10 products for the digit
    // m and 4k = 16 for m·n, 26; product k² + 26 = 42; square k(k+1)/2 + 26 = 36. Total
    // 2·42 + 21·36 + 26 = 866.
    let modulus = (BigUInt.one << 255) + BigUInt(19)
    let context = MontgomeryContext(modulus: modulus)
    #expect(SlidingWindow.width(exponentBits: 21) == 2)
    var products: Int64 = 0
    let result = context.power(BigUInt(3), BigUInt.one << 20, limbProducts: &products)
    #expect(products == 866)
    #expect(result == naivePower(BigUInt(3), BigUInt.one << 20, modulo: modulus))
    #expect(context.limbProductsPerMultiplication == 42)
    #expect(context.limbProductsPerSquaring == 36)
  }

  @Test func costModelFollowsKaratsubaThresholds() {
    // k = 32 (2048 bits): product one Karatsuba level (32 ≥ 24) of three 16² = 768; square
    // schoolbook (32 < 48) 32·33/2 = 528; reduction 8 four-row passes of 4·32 + 10 = 1,104.
    // k = 64 (4096 bits): product 3·768 = 2,304; square 3·528 = 1,584; reduction 16·266 = 4,256.
    // k = 3 (below four limbs): product 9, square 6, reduction a two-row pass of 2·3 + 4 = 10
    // plus a row of 4 = 14. k = 6: 36, 21, one four-row pass of 34 plus a two-row pass of 16.
    let context2048 = MontgomeryContext(modulus: (BigUInt.one << 2047) + .one)
    #expect(context2048.limbProductsPerMultiplication == 768 + 1104)
    #expect(context2048.limbProductsPerSquaring == 528 + 1104)
    let context4096 = MontgomeryContext(modulus: (BigUInt.one << 4095) + .one)
    #expect(context4096.limbProductsPerMultiplication == 2304 + 4256)
    #expect(context4096.limbProductsPerSquaring == 1584 + 4256)
    let context384 = MontgomeryContext(modulus: (BigUInt.one << 383) + .one)
    #expect(context384.limbProductsPerMultiplication == 36 + 50)
    #expect(context384.limbProductsPerSquaring == 21 + 50)
    let context192 = MontgomeryContext(modulus: (BigUInt.one << 191) + .one)
    #expect(context192.limbProductsPerMultiplication == 9 + 14)
    #expect(context192.limbProductsPerSquaring == 6 + 14)
  }

  @Test func windowWidthGrowsWithExponentLength() {
    // Minimisers of 2^(w−1) + bits/(w+1), worked by hand: 1 bit → 1, 8 → 2 (2 + 2 = 4 vs
    // 1 + 4 = 5), 512 → 5 (16 + 85 = 101), 2048 → 7 (64 + 256 = 320 vs 32 + 292 = 324).
    #expect(SlidingWindow.width(exponentBits: 1) == 1)
    #expect(SlidingWindow.width(exponentBits: 8) == 2)
    #expect(SlidingWindow.width(exponentBits: 512) == 5)
    #expect(SlidingWindow.width(exponentBits: 2048) == 7)
  }

  @Test func powerModuloEvenModulusUsesPlainReduction() {
    for seed in UInt64(0)..<200 {
      var generator = Xoshiro256StarStar(seed: seed)
      let modulus = randomNonZeroOperand(maxLimbs: 4, using: &generator) << 1
      let base = randomOperand(maxLimbs: 5, using: &generator)
      let exponent = randomOperand(maxLimbs: 2, using: &generator)
      #expect(
        base.power(exponent, modulo: modulus) == naivePower(base, exponent, modulo: modulus),
        "seed \(seed)")
    }
    #expect(BigUInt(7).power(BigUInt(3), modulo: .one) == .zero)
  }
}

/// a·b mod m by two raw Montgomery products over `MontgomeryWorkspace`.
private func montgomeryProduct(_ a: BigUInt, _ b: BigUInt, context: MontgomeryContext) -> BigUInt {
  let k = context.limbCount
  let padded = { (value: BigUInt) in
    value.limbs + [UInt64](repeating: 0, count: k - value.limbs.count)
  }
  var aLimbs = padded(a)
  let bLimbs = padded(b)
  var buffer = [UInt64](repeating: 0, count: MontgomeryWorkspace.bufferCount(k: k))
  buffer.withUnsafeMutableBufferPointer { buffer in
    context.withWorkspace(in: buffer.baseAddress!) { workspace in
      aLimbs.withUnsafeMutableBufferPointer { x in
        _ = workspace.multiply(x.baseAddress!, x.baseAddress!, bLimbs)
        _ = workspace.multiply(x.baseAddress!, x.baseAddress!, workspace.rSquared)
      }
    }
  }
  return BigUInt(limbs: aLimbs)
}
