// Schoolbook multiplication in radix 2⁵¹ with the reduction 2²⁵⁵ ≡ 19 (mod p) folded into the
// partial products, as in Bernstein's curve25519 paper (PKC 2006, §4) and the "donna" 64-bit
// layout. Column sums are exact 128-bit integers (UInt128), so no intermediate can wrap.

// MARK: - Addition and subtraction

extension FieldElement25519 {
  /// The sum without carrying; see the type's limb bounds.
  @inline(__always)
  static func + (a: FieldElement25519, b: FieldElement25519) -> FieldElement25519 {
    FieldElement25519(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4)
  }

  /// The difference, computed as a + 4p − b and carried to reduced limbs.
  @inline(__always)
  static func - (a: FieldElement25519, b: FieldElement25519) -> FieldElement25519 {
    // 4p in radix 2⁵¹: limb 0 is 4·(2⁵¹ − 19), the others 4·(2⁵¹ − 1). Every limb of 4p exceeds
    // a subtrahend below 2⁵³, so no limb goes negative.
    let r = FieldElement25519(
      (a.l0 &+ 0x1F_FFFF_FFFF_FFB4) &- b.l0,
      (a.l1 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l1,
      (a.l2 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l2,
      (a.l3 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l3,
      (a.l4 &+ 0x1F_FFFF_FFFF_FFFC) &- b.l4)
    return r.carried()
  }

  /// The additive inverse, reduced.
  @inline(__always)
  static prefix func - (a: FieldElement25519) -> FieldElement25519 {
    .zero - a
  }

  /// The same value with every limb carried into the next: limbs below 2⁵¹ + 2¹⁹ for inputs below
  /// 2⁶⁴.
  @inline(__always)
  func carried() -> FieldElement25519 {
    let mask = FieldElement25519.limbMask
    let c0 = l0 >> 51
    let c1 = l1 >> 51
    let c2 = l2 >> 51
    let c3 = l3 >> 51
    let c4 = l4 >> 51
    return FieldElement25519(
      (l0 & mask) &+ 19 &* c4, (l1 & mask) &+ c0, (l2 & mask) &+ c1, (l3 & mask) &+ c2,
      (l4 & mask) &+ c3)
  }
}

// MARK: - Multiplication

extension FieldElement25519 {
  /// The product, reduced. Operand limbs must be below 2⁵⁴.
  @inline(__always)
  func multiplied(by b: FieldElement25519) -> FieldElement25519 {
    let a0 = UInt128(l0)
    let a1 = UInt128(l1)
    let a2 = UInt128(l2)
    let a3 = UInt128(l3)
    let a4 = UInt128(l4)
    let b0 = UInt128(b.l0)
    let b1 = UInt128(b.l1)
    let b2 = UInt128(b.l2)
    let b3 = UInt128(b.l3)
    let b4 = UInt128(b.l4)
    // bᵢ·19 stays below 2⁵⁹: a product limb of weight 2²⁵⁵ or more wraps to weight 2⁰ times 19.
    let b1Times19 = UInt128(b.l1 &* 19)
    let b2Times19 = UInt128(b.l2 &* 19)
    let b3Times19 = UInt128(b.l3 &* 19)
    let b4Times19 = UInt128(b.l4 &* 19)
    let t0 = a0 &* b0 &+ a1 &* b4Times19 &+ a2 &* b3Times19 &+ a3 &* b2Times19 &+ a4 &* b1Times19
    let t1 = a0 &* b1 &+ a1 &* b0 &+ a2 &* b4Times19 &+ a3 &* b3Times19 &+ a4 &* b2Times19
    let t2 = a0 &* b2 &+ a1 &* b1 &+ a2 &* b0 &+ a3 &* b4Times19 &+ a4 &* b3Times19
    let t3 = a0 &* b3 &+ a1 &* b2 &+ a2 &* b1 &+ a3 &* b0 &+ a4 &* b4Times19
    let t4 = a0 &* b4 &+ a1 &* b3 &+ a2 &* b2 &+ a3 &* b1 &+ a4 &* b0
    return FieldElement25519.reducing(t0, t1, t2, t3, t4)
  }

  /// The square, reduced. Limbs must be below 2⁵⁴.
  @inline(__always)
  func squared() -> FieldElement25519 {
    let a0 = UInt128(l0)
    let a1 = UInt128(l1)
    let a2 = UInt128(l2)
    let a3 = UInt128(l3)
    let a4 = UInt128(l4)
    // Cross products appear twice; doubled and ×19 copies keep each column to three products.
    let a0Times2 = UInt128(l0 &* 2)
    let a1Times2 = UInt128(l1 &* 2)
    let a3Times19 = UInt128(l3 &* 19)
    let a4Times19 = UInt128(l4 &* 19)
    let a2Times38 = UInt128(l2 &* 38)
    let a3Times38 = UInt128(l3 &* 38)
    let t0 = a0 &* a0 &+ a1Times2 &* a4Times19 &+ a2Times38 &* a3
    let t1 = a0Times2 &* a1 &+ a2Times38 &* a4 &+ a3 &* a3Times19
    let t2 = a0Times2 &* a2 &+ a1 &* a1 &+ a3Times38 &* a4
    let t3 = a0Times2 &* a3 &+ a1Times2 &* a2 &+ a4 &* a4Times19
    let t4 = a0Times2 &* a4 &+ a1Times2 &* a3 &+ a2 &* a2
    return FieldElement25519.reducing(t0, t1, t2, t3, t4)
  }

  /// The value squared `count` times in a row, i.e. raised to 2^`count`.
  /// - Complexity: `count` squarings.
  func squared(repeatedly count: Int) -> FieldElement25519 {
    var result = self
    for _ in 0..<count {
      result = result.squared()
    }
    return result
  }

  /// The product with a small constant (below 2²⁰, e.g. a24 = 121665 in RFC 7748 §5), reduced.
  @inline(__always)
  func multiplied(bySmall factor: UInt64) -> FieldElement25519 {
    let f = UInt128(factor)
    return FieldElement25519.reducing(
      UInt128(l0) &* f, UInt128(l1) &* f, UInt128(l2) &* f, UInt128(l3) &* f, UInt128(l4) &* f)
  }

  /// Carries five 128-bit column sums (each below 2¹¹⁵) into reduced limbs.
  @inline(__always)
  static func reducing(
    _ t0: UInt128, _ t1: UInt128, _ t2: UInt128, _ t3: UInt128, _ t4: UInt128
  ) -> FieldElement25519 {
    let mask = UInt128(limbMask)
    var t1 = t1
    var t2 = t2
    var t3 = t3
    var t4 = t4
    t1 &+= t0 >> 51
    let r0 = UInt64(truncatingIfNeeded: t0 & mask)
    t2 &+= t1 >> 51
    let r1 = UInt64(truncatingIfNeeded: t1 & mask)
    t3 &+= t2 >> 51
    let r2 = UInt64(truncatingIfNeeded: t2 & mask)
    t4 &+= t3 >> 51
    let r3 = UInt64(truncatingIfNeeded: t3 & mask)
    let r4 = UInt64(truncatingIfNeeded: t4 & mask)
    // The carry out of limb 4 has weight 2²⁵⁵ ≡ 19; it is below 2⁶⁴, so ×19 is done in 128 bits.
    let wrapped = UInt128(r0) &+ (t4 >> 51) &* 19
    let s0 = UInt64(truncatingIfNeeded: wrapped & mask)
    let s1 = r1 &+ UInt64(truncatingIfNeeded: wrapped >> 51)
    return FieldElement25519(s0, s1, r2, r3, r4)
  }
}
