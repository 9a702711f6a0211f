import SimCore
import Testing

@testable import BigNum

/// Digit-pair Montgomery arithmetic modulo r²: powers and element products against plain
/// square-and-multiply and `MontgomeryContext(modulus: r²)`, carry-heavy roots, edge operands
/// and the limb-product counts.
struct SquaredModulusContextTests {
  @Test func powerMatchesNaiveSquareAndMultiply() {
    for seed in UInt64(0)..<400 {
      var generator = Xoshiro256StarStar(seed: seed)
      var root = randomNonZeroOperand(maxLimbs: 5, using: &generator)
      root.setBit(0)
      if root == .one { root = BigUInt(3) }
      let modulus = root * root
      let base = randomOperand(maxLimbs: 11, using: &generator)  // may exceed r²
      let exponent = randomOperand(maxLimbs: 2, using: &generator)
      let context = SquaredModulusContext(root: root)
      #expect(context.modulus == modulus)
      #expect(
        context.power(base, exponent) == naivePower(base, exponent, modulo: modulus),
        "seed \(seed): \(base)^\(exponent) mod \(root)²")
    }
  }

  @Test(arguments: [4, 16, 23, 24, 32])
  func powerMatchesMontgomeryContextAtPaillierSizes(limbs: Int) {
    // k = 16 is Paillier-2048's p², k = 32 its n²; from 24 limbs the cross products go through
    // Karatsuba.
    var generator = Xoshiro256StarStar(seed: UInt64(100 + limbs))
    var root = BigUInt.random(bits: 64 * limbs, using: &generator)
    root.setBit(64 * limbs - 1)
    root.setBit(0)
    let context = SquaredModulusContext(root: root)
    let reference = MontgomeryContext(modulus: root * root)
    for _ in 0..<2 {
      let base = BigUInt.random(below: context.modulus, using: &generator)
      let exponent = BigUInt.random(bits: 48, using: &generator)
      #expect(context.power(base, exponent) == reference.power(base, exponent))
    }
  }

  @Test(arguments: [1, 2, 4, 5, 8])
  func carryHeavyRootsKeepDigitsBelowTheRoot(limbs: Int) {
    // r = R − 1 (all ones) puts the β sum S = 2αβ + r·R − m near its bound 3r·R, so β needs
    // the most subtractions; r = 2^(64(k−1)) + 1 (top limb 1) leaves R/r near 2^64.
    let allOnes = (BigUInt.one << (64 * limbs)) - .one
    let smallTop = (BigUInt.one << (64 * (limbs - 1))) + BigUInt(limbs == 1 ? 2 : 1)
    for root in [allOnes, smallTop] where root > .one {
      let context = SquaredModulusContext(root: root)
      let modulus = context.modulus
      for base in [modulus - .one, modulus - root, root + .one, modulus / BigUInt(3)] {
        let exponent = BigUInt(0xF0F1)
        #expect(
          context.power(base, exponent) == naivePower(base, exponent, modulo: modulus),
          "root \(root), base \(base)")
      }
    }
  }

  @Test func powerOfEdgeOperands() {
    let root = BigUInt(1_000_003)  // prime
    let context = SquaredModulusContext(root: root)
    let modulus = context.modulus
    #expect(context.power(BigUInt(12345), .zero) == .one)
    #expect(context.power(.zero, BigUInt(5)) == .zero)
    #expect(context.power(modulus, BigUInt(5)) == .zero)
    // r² divides r^e for e ≥ 2, and r¹ mod r² = r.
    #expect(context.power(root, BigUInt(2)) == .zero)
    #expect(context.power(root, .one) == root)
    #expect(context.power(BigUInt(2), BigUInt(10)) == BigUInt(1024))
    // (1 + r)^e ≡ 1 + e·r (mod r²) by the binomial theorem: e = 12 gives 12,000,037.
    #expect(context.power(root + .one, BigUInt(12)) == BigUInt(12_000_037))
    // The smallest root: 2^6 = 64 ≡ 1 (mod 9).
    #expect(SquaredModulusContext(root: BigUInt(3)).power(BigUInt(2), BigUInt(6)) == .one)
  }

  @Test func elementsMultiplyLikeResidues() {
    for seed in UInt64(0)..<200 {
      var generator = Xoshiro256StarStar(seed: seed)
      var root = randomNonZeroOperand(maxLimbs: 6, using: &generator)
      root.setBit(0)
      if root == .one { root = BigUInt(5) }
      let context = SquaredModulusContext(root: root)
      let modulus = context.modulus
      let a = randomOperand(maxLimbs: 13, using: &generator)
      let b = BigUInt.random(below: modulus, using: &generator)
      let x = context.element(a)
      let y = context.element(b)
      #expect(context.value(of: x) == a % modulus, "seed \(seed)")
      #expect(context.value(of: context.multiply(x, y)) == (a * b) % modulus, "seed \(seed)")
      #expect(context.value(of: context.square(x)) == (a * a) % modulus, "seed \(seed)")
      #expect(context.element(a % modulus + modulus) == x, "seed \(seed)")
    }
  }

  @Test func limbProductCountsFollowTheDigitOperations() {
    // k = 4: square of one digit 4·5/2 = 10, product of two 16, reduction one four-row pass of
    // 4·4 + 10 = 26. Squaring 10 + 16 + 2·26 = 78; multiplication 3·16 + 2·26 = 100.
    // k = 16: 136 + 256 + 2·296 = 984 and 3·256 + 2·296 = 1,360; k = 32 (Karatsuba products of
    // 3·16² = 768): 528 + 768 + 2·1,104 = 3,504 and 3·768 + 2·1,104 = 4,512.
    let root4 = (BigUInt.one << 255) + BigUInt(19)
    let context = SquaredModulusContext(root: root4)
    #expect(context.limbProductsPerSquaring == 78)
    #expect(context.limbProductsPerMultiplication == 100)
    let context16 = SquaredModulusContext(root: (BigUInt.one << 1023) + .one)
    #expect(context16.limbProductsPerSquaring == 984)
    #expect(context16.limbProductsPerMultiplication == 1_360)
    let context32 = SquaredModulusContext(root: (BigUInt.one << 2047) + .one)
    #expect(context32.limbProductsPerSquaring == 3_504)
    #expect(context32.limbProductsPerMultiplication == 4_512)

    // Element steps add exactly those counts; leaving Montgomery form costs two reductions
    // (2·26) plus the product β·r joining the digits (a 4 × 4-limb product when β has four
    // limbs, 16).
    var generator = Xoshiro256StarStar(seed: 4)
    let x = context.element(BigUInt.random(below: context.modulus, using: &generator))
    var products: Int64 = 0
    let square = context.square(x, limbProducts: &products)
    #expect(products == 78)
    products = 0
    _ = context.multiply(square, x, limbProducts: &products)
    #expect(products == 100)
    products = 0
    let value = context.value(of: x, limbProducts: &products)
    let betaLimbs = Int64((value / root4).limbs.count)
    #expect(products == 52 + 4 * betaLimbs)

    // power(3, 2²⁰): 21 bits, window width 2 (see MontgomeryContextTests): entering digit form
    // (what `element` costs), the table's square and multiplication, 20 squarings, then
    // leaving (what `value(of:)` costs for the result).
    var entry: Int64 = 0
    _ = context.element(BigUInt(3), limbProducts: &entry)
    products = 0
    let result = context.power(BigUInt(3), BigUInt.one << 20, limbProducts: &products)
    var leave: Int64 = 0
    _ = context.value(of: context.element(result), limbProducts: &leave)
    #expect(products == entry + 78 + 100 + 20 * 78 + leave)
    #expect(result == naivePower(BigUInt(3), BigUInt.one << 20, modulo: context.modulus))
  }
}
