/// Montgomery products modulo r² over raw limbs, in base-r digits: the kernel of
/// `SquaredModulusContext`, whose documentation derives the method.
///
/// An element is 2k limbs, the digits α (limbs 0..<k) and β (limbs k..<2k) of x·R mod r² =
/// α + β·r with 0 ≤ α, β < r, k being the limbs of r and R = 2^(64k). All the reductions run
/// modulo r through `base`, a `MontgomeryWorkspace` over r; the workspace borrows its memory
/// from the caller, so the steps never allocate.
struct SquaredModulusWorkspace {
  /// Montgomery arithmetic modulo the root r (k limbs), with its product buffer and scratch.
  let base: MontgomeryWorkspace
  /// 2k limbs for α₁·β₂.
  let cross: UnsafeMutablePointer<UInt64>
  /// 2k limbs for α₂·β₁.
  let crossOther: UnsafeMutablePointer<UInt64>
  /// k limbs for the quotient m of the α reduction.
  let quotient: UnsafeMutablePointer<UInt64>

  /// The limbs a workspace borrows: the base workspace's, then 5k of its own.
  static func bufferCount(k: Int) -> Int { MontgomeryWorkspace.bufferCount(k: k) &+ 5 &* k }

  /// A workspace over `base` whose own buffers are the 5k limbs at `buffer`.
  init(base: MontgomeryWorkspace, buffer: UnsafeMutablePointer<UInt64>) {
    self.base = base
    cross = buffer
    crossOther = buffer + 2 &* base.k
    quotient = buffer + 4 &* base.k
  }

  /// The limb products of one `multiply` and one `square`: the α product (or square) and its
  /// reduction, then the two cross products (one for a square) and the β reduction. For k = 16
  /// (Paillier-2048's p²): 256 + 296 + 512 + 296 = 1,360 and 136 + 296 + 256 + 296 = 984.
  static func productCounts(k: Int) -> (multiply: Int, square: Int) {
    let product = LimbKernels.karatsubaProductCount(k, threshold: LimbKernels.karatsubaThreshold)
    let square = LimbKernels.squareProductCount(
      k, threshold: LimbKernels.karatsubaSquareThreshold)
    let reduce = MontgomeryWorkspace.reduceProductCount(k: k)
    return (3 &* product &+ 2 &* reduce, square &+ product &+ 2 &* reduce)
  }

  /// `r = a·b·R⁻¹ mod r²` in digits; `r` may alias `a` or `b`. Returns the limb products.
  @inline(__always)
  func multiply(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>
  ) -> Int {
    let k = base.k
    var products = LimbKernels.multiply(
      cross, a, k, b + k, k, scratch: base.scratch, threshold: LimbKernels.karatsubaThreshold)
    products &+= LimbKernels.multiply(
      crossOther, b, k, a + k, k, scratch: base.scratch,
      threshold: LimbKernels.karatsubaThreshold)
    products &+= LimbKernels.multiply(
      base.product, a, k, b, k, scratch: base.scratch, threshold: LimbKernels.karatsubaThreshold)
    return products &+ finish(r, doublingCross: false)
  }

  /// `r = a²·R⁻¹ mod r²` in digits; `r` may alias `a`. Returns the limb products.
  @inline(__always)
  func square(_ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) -> Int {
    let k = base.k
    var products = LimbKernels.multiply(
      cross, a, k, a + k, k, scratch: base.scratch, threshold: LimbKernels.karatsubaThreshold)
    products &+= LimbKernels.square(
      base.product, a, k, scratch: base.scratch,
      threshold: LimbKernels.karatsubaSquareThreshold)
    return products &+ finish(r, doublingCross: true)
  }

  /// `r = a·R⁻¹ mod r²` in digits: the Montgomery product with 1 = (1, 0), which leaves
  /// Montgomery form. The cross term is β alone, so only the two reductions cost products.
  func leave(_ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) -> Int {
    let k = base.k
    base.product.update(from: a, count: k)
    (base.product + k).update(repeating: 0, count: k)
    cross.update(from: a + k, count: k)
    (cross + k).update(repeating: 0, count: k)
    crossOther.update(repeating: 0, count: 2 &* k)
    return finish(r, doublingCross: false)
  }

  /// Reduces α₁α₂ (in `base.product`) and the cross terms (`cross` doubled, or `cross` plus
  /// `crossOther`) into the digits of `r`. Returns the limb products of the two reductions.
  ///
  /// REDC of T = α₁α₂ gives t < 2r and m with T + m·r = t·R; then β = REDC(S) for
  /// S = cross terms + r·R − m, written as cross + (r − 1)·R + (R − 1 − m) + 1 so that one pass
  /// forms it: the low k limbs add the complement of m, the high k limbs add r − 1 (r is odd,
  /// so r − 1 only clears bit 0), and the carry starts at 1. With α, β < r the cross terms are
  /// below 2r², so S < 2r² + r·R < 3r·R (r < R): S has 2k limbs and a top limb of at most 2,
  /// and REDC(S) < S/R + r < 4r, which at most three subtractions of r bring below r (four
  /// with the carry from t ≥ r).
  @inline(__always)
  private func finish(_ r: UnsafeMutablePointer<UInt64>, doublingCross: Bool) -> Int {
    let k = base.k
    let root = base.modulus
    var (extra, products) = base.reduceUnnormalized(into: r, top: 0, quotient: quotient)
    var alphaCarry: UInt64 = 0
    if extra != 0 || LimbKernels.compare(r, root, k) >= 0 {
      _ = LimbKernels.subtract(r, r, root, k)
      alphaCarry = 1
    }
    // S into base.product; its top limb is the final carry plus the bit doubling shifts out.
    let sum = base.product
    var carry: UInt64 = 1
    var shiftedOut: UInt64 = 0
    @inline(__always) func addColumn(_ j: Int, _ addend: UInt64) {
      var crossLimb = cross[j]
      var other: UInt64 = 0
      if doublingCross {
        let doubled = (crossLimb &<< 1) | shiftedOut
        shiftedOut = crossLimb &>> 63
        crossLimb = doubled
      } else {
        other = crossOther[j]
      }
      let total = UInt128(crossLimb) &+ UInt128(other) &+ UInt128(addend) &+ UInt128(carry)
      sum[j] = UInt64(truncatingIfNeeded: total)
      carry = UInt64(truncatingIfNeeded: total &>> 64)
    }
    var j = 0
    while j < k {
      addColumn(j, ~quotient[j])
      j &+= 1
    }
    addColumn(k, root[0] &- 1)
    j = 1
    while j < k {
      addColumn(k &+ j, root[j])
      j &+= 1
    }
    let beta = r + k
    let reduction = base.reduceUnnormalized(
      into: beta, top: carry &+ shiftedOut, quotient: nil)
    products &+= reduction.products
    extra = reduction.extra &+ LimbKernels.addLimb(beta, beta, k, alphaCarry)
    while extra != 0 || LimbKernels.compare(beta, root, k) >= 0 {
      extra &-= LimbKernels.subtract(beta, beta, root, k)
    }
    return products
  }
}
