/// The Montgomery product over raw limbs (Montgomery, "Modular multiplication without trial
/// division", Math. Comp. 44, 1985), as separated operand scanning (SOS) in the terms of Koç,
/// Acar and Kaliski, "Analyzing and comparing Montgomery multiplication algorithms", IEEE Micro
/// 16(3), 1996: the full 2k-limb product first (so squarings can use the dedicated squaring and
/// large operands Karatsuba), then k rows of word-by-word reduction.
///
/// A workspace borrows its memory from the caller (one allocation per exponentiation), so the
/// multiply and square steps never allocate. Operands and results are k-limb residues below the
/// modulus, in Montgomery form x·R mod n with R = 2^(64k).
struct MontgomeryWorkspace {
  /// The modulus, k limbs, odd.
  let modulus: UnsafePointer<UInt64>
  /// Limbs of the modulus.
  let k: Int
  /// −n⁻¹ mod 2⁶⁴.
  let inverseNegated: UInt64
  /// 2k limbs holding the unreduced product.
  let product: UnsafeMutablePointer<UInt64>
  /// Karatsuba scratch for k-limb operands.
  let scratch: UnsafeMutablePointer<UInt64>

  /// Scratch limbs a workspace needs besides its product buffer.
  static func scratchCount(k: Int) -> Int {
    max(
      1,
      LimbKernels.karatsubaScratchCount(k, threshold: LimbKernels.karatsubaThreshold),
      LimbKernels.karatsubaScratchCount(k, threshold: LimbKernels.karatsubaSquareThreshold))
  }

  /// The limb products of one `multiply`, `square` and `reduce` for a k-limb modulus.
  static func productCounts(k: Int) -> (multiply: Int, square: Int, reduce: Int) {
    // Two-row passes cost 2k + 4 products, a final single row k + 1.
    let reduce = (k / 2) &* (2 &* k &+ 4) &+ (k % 2) &* (k &+ 1)
    return (
      LimbKernels.karatsubaProductCount(k, threshold: LimbKernels.karatsubaThreshold) &+ reduce,
      LimbKernels.squareProductCount(k, threshold: LimbKernels.karatsubaSquareThreshold)
        &+ reduce,
      reduce
    )
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
  /// `r = product·R⁻¹ mod n`, destroying `product`.
  ///
  /// Two rows per pass: m₀ = tᵢ·n′ clears limb i; m₁ is computed from limb i + 1 as it will be
  /// after adding m₀·n (two extra products, m₀·n₀ and m₀·n₁), so one `addMultipleRow2` adds
  /// (m₀ + m₁·2⁶⁴)·n and clears limbs i and i + 1. As in GMP's `redc_1`, each pass's carry is
  /// parked in the limbs it just cleared and the parked carries are added to the high half once
  /// at the end, which keeps the passes independent. Returns k² + 2k limb products for even k,
  /// k² + 2k − 1 for odd k.
  @inline(never)  // a small function of its own keeps the row loop's registers out of spills
  func reduce(into r: UnsafeMutablePointer<UInt64>) -> Int {
    var products = 0
    var i = 0
    while i &+ 1 < k {
      let m0 = product[i] &* inverseNegated
      let cleared = UInt128(m0) &* UInt128(modulus[0]) &+ UInt128(product[i])
      let next =
        product[i &+ 1] &+ UInt64(truncatingIfNeeded: cleared &>> 64) &+ m0 &* modulus[1]
      let m1 = next &* inverseNegated
      let carry = LimbKernels.addMultipleRow2(product + i, modulus, k, m0, m1)
      product[i] = carry.low  // belongs at position i + k
      product[i &+ 1] = carry.high  // belongs at position i + k + 1
      products &+= 2 &* k &+ 4
      i &+= 2
    }
    if i < k {
      let m = product[i] &* inverseNegated
      product[i] = LimbKernels.addMultipleRow(product + i, modulus, k, m)
      products &+= k &+ 1
    }
    // (extra, product[k..<2k]) = high half + parked carries, which is below 2n.
    let high = product + k
    let extra = LimbKernels.add(high, high, product, k)
    if extra != 0 || LimbKernels.compare(high, modulus, k) >= 0 {
      _ = LimbKernels.subtract(r, high, modulus, k)
    } else {
      r.update(from: high, count: k)
    }
    return products
  }
}
