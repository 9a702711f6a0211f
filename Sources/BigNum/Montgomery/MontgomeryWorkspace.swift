/// The Montgomery product over raw limbs (Montgomery, "Modular multiplication without trial
/// division", Math. Comp. 44, 1985), as separated operand scanning (SOS) in the terms of Koç,
/// Acar and Kaliski, "Analyzing and comparing Montgomery multiplication algorithms", IEEE Micro
/// 16(3), 1996: the full 2k-limb product first (so squarings can use the dedicated squaring and
/// large operands Karatsuba), then k rows of word-by-word reduction.
///
/// A workspace borrows its memory from the caller (one allocation per exponentiation), so the
/// multiply and square steps never allocate. Operands and results are k-limb residues below the
/// modulus, in Montgomery form x·R mod n with R = 2^(64k).
///
/// The reduction clears four limbs per pass with 2²⁵⁶ as its digit (Montgomery's method works
/// for any digit size): m = t·(−n⁻¹) mod 2²⁵⁶ from ten limb products, then one
/// `addMultipleRow4` adds m·n. That is 4k + 10 products per four limbs instead of 4k + 8 for two
/// two-row passes, but a reduction runs 8% (16 limbs), 11% (32) and 13% (64) faster (both
/// versions timed side by side, thread CPU time, 2-core AMD EPYC).
struct MontgomeryWorkspace {
  /// The modulus, k limbs, odd.
  let modulus: UnsafePointer<UInt64>
  /// Limbs of the modulus.
  let k: Int
  /// −n⁻¹ mod 2²⁵⁶, least significant limb first; its first limb is −n⁻¹ mod 2⁶⁴.
  let inverseNegatedWide: (UInt64, UInt64, UInt64, UInt64)
  /// R² mod n, k limbs: a Montgomery product with it enters Montgomery form.
  let rSquared: UnsafePointer<UInt64>
  /// 2k limbs holding the unreduced product.
  let product: UnsafeMutablePointer<UInt64>
  /// Karatsuba scratch for k-limb operands.
  let scratch: UnsafeMutablePointer<UInt64>

  /// The limbs a workspace borrows: the 2k-limb product, then the scratch.
  static func bufferCount(k: Int) -> Int { 2 &* k &+ scratchCount(k: k) }

  /// Scratch limbs a workspace needs besides its product buffer.
  static func scratchCount(k: Int) -> Int {
    max(
      1,
      LimbKernels.karatsubaScratchCount(k, threshold: LimbKernels.karatsubaThreshold),
      LimbKernels.karatsubaScratchCount(k, threshold: LimbKernels.karatsubaSquareThreshold))
  }

  /// The limb products of one `multiply`, `square` and `reduce` for a k-limb modulus.
  static func productCounts(k: Int) -> (multiply: Int, square: Int, reduce: Int) {
    let reduce = reduceProductCount(k: k)
    return (
      LimbKernels.karatsubaProductCount(k, threshold: LimbKernels.karatsubaThreshold) &+ reduce,
      LimbKernels.squareProductCount(k, threshold: LimbKernels.karatsubaSquareThreshold)
        &+ reduce,
      reduce
    )
  }

  /// The limb products of one reduction: ⌊k/4⌋ four-row passes of 4k + 10 (ten for the digit
  /// m, 4k for m·n), then for the k mod 4 limbs left a two-row pass of 2k + 4 (m₀·n₀, m₀·n₁ and
  /// two for the digits, 2k for the rows) and a single row of k + 1. For example k = 4: 26;
  /// k = 16: 4·74 = 296; k = 32: 8·138 = 1,104; k = 3: 10 + 4 = 14.
  static func reduceProductCount(k: Int) -> Int {
    let rest = k % 4
    return (k / 4) &* (4 &* k &+ 10) &+ (rest >= 2 ? 2 &* k &+ 4 : 0) &+ (rest % 2) &* (k &+ 1)
  }

  /// `r = a·b·R⁻¹ mod n`; `r` may alias `a` or `b`. Returns the limb products.
  @inline(__always)
  func multiply(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>
  ) -> Int {
    let products = LimbKernels.multiply(
      product, a, k, b, k, scratch: scratch, threshold: LimbKernels.karatsubaThreshold)
    return products &+ reduce(into: r)
  }

  /// `r = a²·R⁻¹ mod n`; `r` may alias `a`. Returns the limb products.
  @inline(__always)
  func square(_ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) -> Int {
    let products = LimbKernels.square(
      product, a, k, scratch: scratch, threshold: LimbKernels.karatsubaSquareThreshold)
    return products &+ reduce(into: r)
  }

  /// Montgomery reduction (REDC) of the 2k-limb `product` (which must be below n·R) into
  /// `r = product·R⁻¹ mod n`, destroying `product`. Returns `reduceProductCount(k:)`.
  @inline(__always)
  func reduce(into r: UnsafeMutablePointer<UInt64>) -> Int {
    let (extra, products) = reduceUnnormalized(into: r, top: 0, quotient: nil)
    if extra != 0 || LimbKernels.compare(r, modulus, k) >= 0 {
      _ = LimbKernels.subtract(r, r, modulus, k)
    }
    return products
  }

  /// REDC without the final subtraction: for t = `product` + `top`·2^(128k), writes the k low
  /// limbs of (t + m·n)/R to `r` and returns the limb above them with the limb products; m, the
  /// k-limb quotient with t + m·n ≡ 0 (mod R), goes to `quotient` when it is not nil. The result
  /// is below t/R + n, so it is below 2n when t < n·R.
  ///
  /// Each pass adds m_pass·n at limb i, which clears limbs i to i + 3 (or i + 1, or i); as in
  /// GMP's `redc_1`, the pass's carry-out limbs are parked in the limbs it just cleared and the
  /// parked carries are added to the high half once at the end, which keeps the passes
  /// independent.
  @inline(never)  // a small function of its own keeps the row loop's registers out of spills
  func reduceUnnormalized(
    into r: UnsafeMutablePointer<UInt64>, top: UInt64, quotient: UnsafeMutablePointer<UInt64>?
  ) -> (extra: UInt64, products: Int) {
    let (w0, w1, w2, w3) = inverseNegatedWide
    var i = 0
    while i &+ 3 < k {
      // m = (t₀ + t₁·2⁶⁴ + t₂·2¹²⁸ + t₃·2¹⁹²)·(w₀ + …) mod 2²⁵⁶ by columns: full products
      // for columns 0 to 2 (their high halves carry upwards), low halves only for column 3.
      let t0 = product[i]
      let t1 = product[i &+ 1]
      let t2 = product[i &+ 2]
      let t3 = product[i &+ 3]
      let p00 = t0.multipliedFullWidth(by: w0)
      let p01 = t0.multipliedFullWidth(by: w1)
      let p10 = t1.multipliedFullWidth(by: w0)
      let column1 = UInt128(p00.high) &+ UInt128(p01.low) &+ UInt128(p10.low)
      let p02 = t0.multipliedFullWidth(by: w2)
      let p11 = t1.multipliedFullWidth(by: w1)
      let p20 = t2.multipliedFullWidth(by: w0)
      let column2 =
        (column1 &>> 64) &+ UInt128(p01.high) &+ UInt128(p10.high) &+ UInt128(p02.low)
        &+ UInt128(p11.low) &+ UInt128(p20.low)
      let m0 = p00.low
      let m1 = UInt64(truncatingIfNeeded: column1)
      let m2 = UInt64(truncatingIfNeeded: column2)
      let m3 =
        UInt64(truncatingIfNeeded: column2 &>> 64) &+ p02.high &+ p11.high &+ p20.high
        &+ t0 &* w3 &+ t1 &* w2 &+ t2 &* w1 &+ t3 &* w0
      if let quotient {
        quotient[i] = m0
        quotient[i &+ 1] = m1
        quotient[i &+ 2] = m2
        quotient[i &+ 3] = m3
      }
      let carry = LimbKernels.addMultipleRow4(product + i, modulus, k, m0, m1, m2, m3)
      product[i] = carry.0  // belongs at position i + k
      product[i &+ 1] = carry.1
      product[i &+ 2] = carry.2
      product[i &+ 3] = carry.3
      i &+= 4
    }
    if i &+ 1 < k {
      // m₁ comes from limb i + 1 as it will be after adding m₀·n (m₀·n₀ and m₀·n₁).
      let m0 = product[i] &* w0
      let cleared = UInt128(m0) &* UInt128(modulus[0]) &+ UInt128(product[i])
      let next =
        product[i &+ 1] &+ UInt64(truncatingIfNeeded: cleared &>> 64) &+ m0 &* modulus[1]
      let m1 = next &* w0
      if let quotient {
        quotient[i] = m0
        quotient[i &+ 1] = m1
      }
      let carry = LimbKernels.addMultipleRow2(product + i, modulus, k, m0, m1)
      product[i] = carry.low
      product[i &+ 1] = carry.high
      i &+= 2
    }
    if i < k {
      let m = product[i] &* w0
      quotient?[i] = m
      product[i] = LimbKernels.addMultipleRow(product + i, modulus, k, m)
    }
    // r = high half + parked carries; the limb above goes with `top`.
    let extra = LimbKernels.add(r, product + k, product, k)
    return (extra &+ top, Self.reduceProductCount(k: k))
  }
}

extension MontgomeryWorkspace {
  /// −n⁻¹ mod 2²⁵⁶ for an odd n whose low limbs are `n0`…`n3` (zero above the length), given
  /// `inverse` = n₀⁻¹ mod 2⁶⁴: Hensel lifting one limb at a time, each limb chosen so that the
  /// product with n is −1 = 2²⁵⁶ − 1 on the limbs so far. The ten limb products of the lifting
  /// are not counted (setup, like the Newton steps for `inverse`).
  static func wideInverseNegated(
    _ n0: UInt64, _ n1: UInt64, _ n2: UInt64, _ n3: UInt64, inverse: UInt64
  ) -> (UInt64, UInt64, UInt64, UInt64) {
    let n = [n0, n1, n2, n3]
    var low = [UInt64](repeating: 0, count: 4)  // the low four limbs of n·w so far
    var w = [UInt64](repeating: 0, count: 4)
    for j in 0..<4 {
      w[j] = (UInt64.max &- low[j]) &* inverse
      var carry: UInt64 = 0
      for l in 0..<(4 - j) {
        let sum = UInt128(w[j]) &* UInt128(n[l]) &+ UInt128(low[j + l]) &+ UInt128(carry)
        low[j + l] = UInt64(truncatingIfNeeded: sum)
        carry = UInt64(truncatingIfNeeded: sum &>> 64)
      }
    }
    return (w[0], w[1], w[2], w[3])
  }
}
