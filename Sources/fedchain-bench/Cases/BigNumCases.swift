import BigNum
import SimCore

/// BigNum benchmark cases: modular exponentiation against the GMP anchor, and the schoolbook
/// versus Karatsuba products that fix the Karatsuba thresholds.
///
/// - `bignum.powmod.modM.expE`: `base.power(exponent, modulo: modulus)` with an odd M-bit modulus
///   (top bit set), a random base below it and an E-bit exponent (top bit set), the shape of
///   `gmpy2.powmod` in `/work/shared/anchors/bench_paillier.py`; the Montgomery setup is timed
///   too, as GMP's is. `bignum.powmod.context.*` reuses one `MontgomeryContext` instead.
/// - `bignum.powmod.squared.root1024.exp1024`: c^e mod r² by `SquaredModulusContext` (base-r
///   digits), the half of a Paillier-2048 CRT decryption; `bignum.powmod.context.mod2048.exp1024`
///   computes the same with a `MontgomeryContext` for r².
/// - `bignum.mulmod.mod4096`, `bignum.element.{montgomery,squared}.mod4096`: chained products
///   modulo a 4096-bit r² (the fixed-base comb's step) by product and division, by
///   `MontgomeryContext.Element` and by `SquaredModulusContext.Element`.
/// - `bignum.prime.bits1024`: `BigUInt.randomPrime(bits: 1024, using:)`, half of a Paillier-2048
///   key generation (python-paillier with gmpy2 makes 24.9 keys/s in the anchor file).
/// - `bignum.mul.{schoolbook,karatsuba}.Ln` and `bignum.sqr.*`: n-limb products (squares) by
///   the schoolbook method and by one Karatsuba level over schoolbook halves (threshold = n). The
///   smallest n where one level wins is the threshold: 24 limbs for products and 48 for squares
///   on the 2-core AMD EPYC of 2026-11-21 (BigNum's `LimbKernels.karatsubaThreshold` and
///   `karatsubaSquareThreshold` record the ratios).
///
/// GMP reference on the same machine, same day (thread CPU clock; wall-clock figures are lower
/// whenever other users load the two cores): gmpy2 2.3.2/GMP 6.3.0 `powmod` 111 ops/s for
/// 4096/2048, 397 for 2048/2048, 56 for 4096/4096; BigNum with four-row Montgomery passes 98,
/// 364 and 50 (0.88×, 0.92×, 0.89×; with two-row passes 89, 328 and 45, ≈ 0.8×).
func bigNumBenchmarkCases() -> [BenchmarkCase] {
  var cases = [
    powerCase(modulusBits: 4096, exponentBits: 2048, powersPerRun: 8),
    powerCase(modulusBits: 2048, exponentBits: 2048, powersPerRun: 32),
    powerCase(modulusBits: 4096, exponentBits: 4096, powersPerRun: 4),
    powerCase(modulusBits: 4096, exponentBits: 2048, powersPerRun: 8, reusingContext: true),
    squaredModulusPowerCase(rootBits: 1024, exponentBits: 1024, powersPerRun: 16, digits: true),
    squaredModulusPowerCase(rootBits: 1024, exponentBits: 1024, powersPerRun: 16, digits: false),
    modularProductCase(modulusBits: 4096, method: .productAndDivision),
    modularProductCase(modulusBits: 4096, method: .montgomeryElements),
    modularProductCase(modulusBits: 4096, method: .squaredModulusElements),
    primeCase(bits: 1024, primesPerRun: 4),
  ]
  for limbs in [16, 20, 24, 32, 40, 44, 48, 56, 64, 72, 80, 96, 128] {
    for karatsuba in [false, true] {
      cases.append(productCase(limbs: limbs, karatsuba: karatsuba, squaring: false))
      cases.append(productCase(limbs: limbs, karatsuba: karatsuba, squaring: true))
    }
  }
  return cases
}

/// A value of exactly `bits` bits with its top bit set, from `generator`.
private func fullWidth(bits: Int, using generator: inout Xoshiro256StarStar) -> BigUInt {
  BigUInt.random(bits: bits - 1, using: &generator) + (BigUInt.one << (bits - 1))
}

/// Folds every limb of `value` into `checksum`.
private func mixLimbs(_ checksum: UInt64, _ value: BigUInt) -> UInt64 {
  value.limbs.reduce(checksum) { checksumMix($0, $1) }
}

private func powerCase(
  modulusBits: Int, exponentBits: Int, powersPerRun: Int, reusingContext: Bool = false
) -> BenchmarkCase {
  let name =
    "bignum.powmod.\(reusingContext ? "context." : "")mod\(modulusBits).exp\(exponentBits)"
  return BenchmarkCase(
    name: name,
    summary:
      "base^e mod m, \(modulusBits)-bit odd m, \(exponentBits)-bit e"
      + (reusingContext ? ", one MontgomeryContext reused" : ", setup included (as gmpy2.powmod)"),
    repetitions: 7, workPerRun: Double(powersPerRun), unit: "ops",
    prepare: {
      var generator = Xoshiro256StarStar(seed: UInt64(modulusBits &* 7919 &+ exponentBits))
      var modulus = fullWidth(bits: modulusBits, using: &generator)
      if modulus.isEven { modulus += .one }
      let base = BigUInt.random(below: modulus, using: &generator)
      let exponent = fullWidth(bits: exponentBits, using: &generator)
      let context = MontgomeryContext(modulus: modulus)
      return {
        var checksum: UInt64 = 0
        for _ in 0..<powersPerRun {
          let result =
            reusingContext
            ? context.power(base, exponent) : base.power(exponent, modulo: modulus)
          checksum = mixLimbs(checksum, result)
        }
        return checksum
      }
    })
}

/// c^e mod r² for an odd `rootBits`-bit r and an `exponentBits`-bit e (top bits set): half of
/// a Paillier CRT decryption (c^(p−1) mod p²), by `SquaredModulusContext` (`digits`) or by a
/// `MontgomeryContext` for r², both contexts built beforehand.
private func squaredModulusPowerCase(
  rootBits: Int, exponentBits: Int, powersPerRun: Int, digits: Bool
) -> BenchmarkCase {
  let name =
    digits
    ? "bignum.powmod.squared.root\(rootBits).exp\(exponentBits)"
    : "bignum.powmod.context.mod\(2 * rootBits).exp\(exponentBits)"
  return BenchmarkCase(
    name: name,
    summary:
      "c^e mod r², \(rootBits)-bit odd r, \(exponentBits)-bit e, "
      + (digits ? "SquaredModulusContext (base-r digits)" : "MontgomeryContext for r²"),
    repetitions: 7, workPerRun: Double(powersPerRun), unit: "ops",
    prepare: {
      var generator = Xoshiro256StarStar(seed: UInt64(rootBits &* 31 &+ exponentBits))
      var root = fullWidth(bits: rootBits, using: &generator)
      if root.isEven { root += .one }
      let squaredContext = SquaredModulusContext(root: root)
      let context = MontgomeryContext(modulus: squaredContext.modulus)
      let base = BigUInt.random(below: squaredContext.modulus, using: &generator)
      let exponent = fullWidth(bits: exponentBits, using: &generator)
      return {
        var checksum: UInt64 = 0
        for _ in 0..<powersPerRun {
          let result =
            digits ? squaredContext.power(base, exponent) : context.power(base, exponent)
          checksum = mixLimbs(checksum, result)
        }
        return checksum
      }
    })
}

/// How `modularProductCase` multiplies.
private enum ModularProductMethod {
  /// `MontgomeryContext.multiply` on plain residues: a product and a division.
  case productAndDivision
  /// `MontgomeryContext.multiply` on `Element`s: one Montgomery product.
  case montgomeryElements
  /// `SquaredModulusContext.multiply` on `Element`s modulo r² (the modulus a square).
  case squaredModulusElements
}

/// A chain of 1,000 modular products modulo a `modulusBits`-bit modulus that is the square of
/// an odd number (Paillier's n²), the step of the fixed-base comb, by each method.
private func modularProductCase(modulusBits: Int, method: ModularProductMethod) -> BenchmarkCase {
  let (suffix, methodSummary): (String, String)
  switch method {
  case .productAndDivision: (suffix, methodSummary) = ("mulmod", "product and division")
  case .montgomeryElements:
    (suffix, methodSummary) = ("element.montgomery", "MontgomeryContext.Element")
  case .squaredModulusElements:
    (suffix, methodSummary) = ("element.squared", "SquaredModulusContext.Element")
  }
  let productsPerRun = 1_000
  return BenchmarkCase(
    name: "bignum.\(suffix).mod\(modulusBits)",
    summary: "\(productsPerRun) chained products mod a \(modulusBits)-bit r², \(methodSummary)",
    repetitions: 7, workPerRun: Double(productsPerRun), unit: "mul",
    prepare: {
      var generator = Xoshiro256StarStar(seed: UInt64(modulusBits))
      var root = fullWidth(bits: modulusBits / 2, using: &generator)
      if root.isEven { root += .one }
      let squaredContext = SquaredModulusContext(root: root)
      let context = MontgomeryContext(modulus: squaredContext.modulus)
      let a = BigUInt.random(below: squaredContext.modulus, using: &generator)
      let b = BigUInt.random(below: squaredContext.modulus, using: &generator)
      return {
        switch method {
        case .productAndDivision:
          var x = a
          for _ in 0..<productsPerRun { x = context.multiply(x, b) }
          return mixLimbs(0, x)
        case .montgomeryElements:
          let y = context.element(b)
          var x = context.element(a)
          for _ in 0..<productsPerRun { x = context.multiply(x, y) }
          return mixLimbs(0, context.value(of: x))
        case .squaredModulusElements:
          let y = squaredContext.element(b)
          var x = squaredContext.element(a)
          for _ in 0..<productsPerRun { x = squaredContext.multiply(x, y) }
          return mixLimbs(0, squaredContext.value(of: x))
        }
      }
    })
}

private func primeCase(bits: Int, primesPerRun: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "bignum.prime.bits\(bits)",
    summary: "random \(bits)-bit primes (trial division + Miller–Rabin), seeded",
    repetitions: 5, workPerRun: Double(primesPerRun), unit: "primes",
    prepare: {
      {
        var generator = Xoshiro256StarStar(seed: UInt64(bits))
        var checksum: UInt64 = 0
        for _ in 0..<primesPerRun {
          checksum = mixLimbs(checksum, BigUInt.randomPrime(bits: bits, using: &generator))
        }
        return checksum
      }
    })
}

private func productCase(limbs: Int, karatsuba: Bool, squaring: Bool) -> BenchmarkCase {
  let operation = squaring ? "sqr" : "mul"
  let method = karatsuba ? "karatsuba" : "schoolbook"
  // About 4·10⁶ limb products per run at every size.
  let productsPerRun = max(16, 4_000_000 / (limbs * limbs))
  return BenchmarkCase(
    name: "bignum.\(operation).\(method).L\(limbs)",
    summary:
      "\(limbs)-limb \(squaring ? "squares" : "products"), "
      + (karatsuba ? "one Karatsuba level over schoolbook halves" : "schoolbook"),
    repetitions: 9, workPerRun: Double(productsPerRun), unit: operation,
    prepare: {
      var generator = Xoshiro256StarStar(seed: UInt64(limbs))
      let a = fullWidth(bits: 64 * limbs, using: &generator)
      let b = fullWidth(bits: 64 * limbs, using: &generator)
      let threshold = karatsuba ? limbs : Int.max
      return {
        var checksum: UInt64 = 0
        var products: Int64 = 0
        for _ in 0..<productsPerRun {
          let result =
            squaring
            ? a.squared(karatsubaThreshold: threshold, limbProducts: &products)
            : a.multiplied(by: b, karatsubaThreshold: threshold, limbProducts: &products)
          checksum = checksumMix(checksum, result.limbs[limbs])
        }
        return checksum
      }
    })
}
