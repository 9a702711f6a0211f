// Products of limb vectors: schoolbook, dedicated squaring and Karatsuba.
//
// Every routine returns the number of 64×64→128-bit limb products it performed, so the public
// layer can report exact work without counting inside the loops.

extension LimbKernels {
  /// Operand length (limbs) from which one Karatsuba level beats the schoolbook product.
  ///
  /// Measured with the `bignum.mul.*` benchmark cases (CPU time, 2-core AMD EPYC at ≈3.6 GHz,
  /// release build), re-measured after the four-row schoolbook passes: one level over
  /// schoolbook halves ran 0.90× the schoolbook speed at 16 limbs, 0.94× at 20, 0.91× to 1.01×
  /// at 24 (noise), 1.12× at 32, 1.13× at 48 and 1.19× at 64, so the crossover lies between 24
  /// and 32 and the threshold stays at 24.
  static let karatsubaThreshold = 24

  /// Operand length (limbs) from which one Karatsuba squaring level beats schoolbook squaring,
  /// which already halves the work, so the crossover is later. Measured with two-row passes
  /// (`bignum.sqr.*`, same machine): 0.99× at 40 limbs, 1.00× at 44, 1.02× at 48, 1.04× at 56
  /// and 1.08× at 64. The four-row passes moved it up: 0.93× at 40 and 44, 0.96× at 48, 0.99×
  /// to 1.06× at 56, 1.03× at 64 and 1.07× to 1.13× at 80; the sizes that matter (32 limbs for
  /// 2048-bit moduli, 64 for 4096) are on the same side of 48 or 56, so the threshold stays.
  static let karatsubaSquareThreshold = 48

  // MARK: - Schoolbook

  /// `r[0..<an+bn] = a · b` by rows (Knuth, TAOCP vol. 2, §4.3.1, Algorithm M), four rows per
  /// pass, then two and one for the rest. Needs `an ≥ 1`, `bn ≥ 1`; `r` must not overlap the
  /// inputs. Returns `an·bn` products.
  static func multiplySchoolbook(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ an: Int,
    _ b: UnsafePointer<UInt64>, _ bn: Int
  ) -> Int {
    r.update(repeating: 0, count: an)
    var j = 0
    // Rows j to j + 3 land on r[j..<j+an]; their carries go to the still unwritten limbs
    // j + an to j + an + 3, which the next pass reads as part of its span.
    while j &+ 3 < bn {
      let carry = addMultipleRow4(r + j, a, an, b[j], b[j &+ 1], b[j &+ 2], b[j &+ 3])
      r[an &+ j] = carry.0
      r[an &+ j &+ 1] = carry.1
      r[an &+ j &+ 2] = carry.2
      r[an &+ j &+ 3] = carry.3
      j &+= 4
    }
    if j &+ 1 < bn {
      let carry = addMultipleRow2(r + j, a, an, b[j], b[j &+ 1])
      r[an &+ j] = carry.low
      r[an &+ j &+ 1] = carry.high
      j &+= 2
    }
    if j < bn { r[an &+ j] = addMultipleRow(r + j, a, an, b[j]) }
    return an &* bn
  }

  /// `r[0..<2n] = a²`: each cross product aᵢ·aⱼ (i < j) once, four rows per pass, then one
  /// pass that doubles them and adds the diagonal squares aᵢ². Needs `n ≥ 1`; `r` must not
  /// overlap `a`. Returns `n(n−1)/2 + n` products.
  ///
  /// Rows i to i + 3 share the suffix a[i+4..<n] at position 2i + 4, one `addMultipleRow4`
  /// pass; the six products among aᵢ…aᵢ₊₃ themselves land at positions 2i + 1 to 2i + 6 and
  /// are summed by columns first: the columns below 2i + 4 go straight into `r`, the four
  /// above enter the pass as its initial carries. Four rows per pass made 16- and 32-limb
  /// squares about 10% faster than two (2-core AMD EPYC, `bignum.sqr.schoolbook.*`).
  static func squareSchoolbook(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ n: Int
  ) -> Int {
    r.update(repeating: 0, count: 2 &* n)
    // Pass i writes up to position i + n + 3, and the next pass's fresh carry limbs start at
    // i + 4 + n, so each pass may set rather than add its carries.
    var i = 0
    while i &+ 4 <= n {
      let a0 = a[i]
      let a1 = a[i &+ 1]
      let a2 = a[i &+ 2]
      let a3 = a[i &+ 3]
      let p01 = a0.multipliedFullWidth(by: a1)
      let p02 = a0.multipliedFullWidth(by: a2)
      let p03 = a0.multipliedFullWidth(by: a3)
      let p12 = a1.multipliedFullWidth(by: a2)
      let p13 = a1.multipliedFullWidth(by: a3)
      let p23 = a2.multipliedFullWidth(by: a3)
      let base = 2 &* i &+ 1
      var column = UInt128(p01.low) &+ UInt128(r[base])
      r[base] = UInt64(truncatingIfNeeded: column)
      column = (column &>> 64) &+ UInt128(p01.high) &+ UInt128(p02.low) &+ UInt128(r[base &+ 1])
      r[base &+ 1] = UInt64(truncatingIfNeeded: column)
      column =
        (column &>> 64) &+ UInt128(p02.high) &+ UInt128(p03.low) &+ UInt128(p12.low)
        &+ UInt128(r[base &+ 2])
      r[base &+ 2] = UInt64(truncatingIfNeeded: column)
      column = (column &>> 64) &+ UInt128(p03.high) &+ UInt128(p12.high) &+ UInt128(p13.low)
      let c0 = UInt64(truncatingIfNeeded: column)
      column = (column &>> 64) &+ UInt128(p13.high) &+ UInt128(p23.low)
      let c1 = UInt64(truncatingIfNeeded: column)
      column = (column &>> 64) &+ UInt128(p23.high)
      let carry = addMultipleRow4(
        r + (base &+ 3), a + (i &+ 4), n &- i &- 4, a0, a1, a2, a3,
        carry: (
          c0, c1, UInt64(truncatingIfNeeded: column), UInt64(truncatingIfNeeded: column &>> 64)
        ))
      r[i &+ n] = carry.0
      r[i &+ n &+ 1] = carry.1
      r[i &+ n &+ 2] = carry.2
      r[i &+ n &+ 3] = carry.3
      i &+= 4
    }
    // The last rows (fewer than four) one at a time: row i adds aᵢ·a[i+1..<n] at 2i + 1.
    while i &+ 1 < n {
      r[i &+ n] = addMultipleRow(r + (2 &* i &+ 1), a + (i &+ 1), n &- i &- 1, a[i])
      i &+= 1
    }
    // r = 2·r + Σ aᵢ²·2^(128i), two limbs per step; the doubled cross sum plus the squares is
    // exactly a² < 2^(128n), so no carry leaves the top.
    var carry: UInt64 = 0
    var shiftedOut: UInt64 = 0
    i = 0
    while i < n {
      let low = r[2 &* i]
      let high = r[2 &* i &+ 1]
      let square = UInt128(a[i]) &* UInt128(a[i])
      let sumLow =
        UInt128((low &<< 1) | shiftedOut) &+ UInt128(UInt64(truncatingIfNeeded: square))
        &+ UInt128(carry)
      let sumHigh =
        UInt128((high &<< 1) | (low &>> 63)) &+ (square &>> 64) &+ (sumLow &>> 64)
      shiftedOut = high &>> 63
      r[2 &* i] = UInt64(truncatingIfNeeded: sumLow)
      r[2 &* i &+ 1] = UInt64(truncatingIfNeeded: sumHigh)
      carry = UInt64(truncatingIfNeeded: sumHigh &>> 64)
      i &+= 1
    }
    return n &* (n &- 1) / 2 &+ n
  }

  // MARK: - Karatsuba

  /// Scratch limbs `multiplyKaratsuba` and `squareKaratsuba` need for `n`-limb operands.
  static func karatsubaScratchCount(_ n: Int, threshold: Int) -> Int {
    if n < threshold { return 0 }
    let m = n &- n / 2
    return max(4 &* m &+ karatsubaScratchCount(m, threshold: threshold), 6 &* m &+ 1)
  }

  /// `r[0..<2n] = a · b` for two `n`-limb operands by Karatsuba's method (Karatsuba and Ofman,
  /// 1962; Knuth, TAOCP vol. 2, §4.3.3), in the subtractive form that keeps every half at `⌈n/2⌉`
  /// limbs: a₀b₁ + a₁b₀ = a₀b₀ + a₁b₁ − (a₀ − a₁)(b₀ − b₁). Below `threshold` limbs it falls back
  /// to the schoolbook product. `scratch` holds `karatsubaScratchCount(n)` limbs; `r` must not
  /// overlap anything. Returns the limb products of the leaves (3 per level instead of 4).
  static func multiplyKaratsuba(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    _ n: Int, scratch: UnsafeMutablePointer<UInt64>, threshold: Int
  ) -> Int {
    if n < threshold { return multiplySchoolbook(r, a, n, b, n) }
    let h = n / 2  // low half
    let m = n &- h  // high half, m ≥ h
    var count = multiplyKaratsuba(r, a, b, h, scratch: scratch, threshold: threshold)
    count &+= multiplyKaratsuba(
      r + 2 &* h, a + h, b + h, m, scratch: scratch, threshold: threshold)
    let da = scratch
    let db = scratch + m
    let z1 = scratch + 2 &* m
    let aNegative = absoluteDifference(da, high: a + h, m, low: a, h)
    let bNegative = absoluteDifference(db, high: b + h, m, low: b, h)
    count &+= multiplyKaratsuba(
      z1, da, db, m, scratch: scratch + 4 &* m, threshold: threshold)
    // (a₁ − a₀)(b₁ − b₀) is non-negative exactly when both differences have the same sign.
    combineKaratsuba(
      r, n: n, h: h, z1: z1, subtractZ1: aNegative == bNegative, middle: scratch + 4 &* m)
    return count
  }

  /// `r[0..<2n] = a²` by Karatsuba squaring: a₀a₁·2 = a₀² + a₁² − (a₀ − a₁)². Same scratch and
  /// threshold rules as `multiplyKaratsuba`.
  static func squareKaratsuba(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ n: Int,
    scratch: UnsafeMutablePointer<UInt64>, threshold: Int
  ) -> Int {
    if n < threshold { return squareSchoolbook(r, a, n) }
    let h = n / 2
    let m = n &- h
    var count = squareKaratsuba(r, a, h, scratch: scratch, threshold: threshold)
    count &+= squareKaratsuba(r + 2 &* h, a + h, m, scratch: scratch, threshold: threshold)
    let da = scratch
    let z1 = scratch + 2 &* m
    _ = absoluteDifference(da, high: a + h, m, low: a, h)
    count &+= squareKaratsuba(z1, da, m, scratch: scratch + 4 &* m, threshold: threshold)
    combineKaratsuba(r, n: n, h: h, z1: z1, subtractZ1: true, middle: scratch + 4 &* m)
    return count
  }

  /// `r[0..<m] = |high[0..<m] − low[0..<h]|` with `h ≤ m ≤ h + 1`; returns whether `low > high`.
  @inline(__always)
  private static func absoluteDifference(
    _ r: UnsafeMutablePointer<UInt64>, high: UnsafePointer<UInt64>, _ m: Int,
    low: UnsafePointer<UInt64>, _ h: Int
  ) -> Bool {
    let lowIsLarger = (m == h || high[m &- 1] == 0) && compare(low, high, h) > 0
    if lowIsLarger {
      _ = subtract(r, low, high, h)
      if m > h { r[h] = 0 }
    } else {
      let borrow = subtract(r, high, low, h)
      if m > h { r[h] = high[h] &- borrow }
    }
    return lowIsLarger
  }

  /// Adds the middle term z₀ + z₂ ∓ z₁ into `r[h...]`, where `r[0..<2h]` holds z₀ and
  /// `r[2h..<2n]` holds z₂; `middle` has room for `2m + 1` limbs.
  @inline(__always)
  private static func combineKaratsuba(
    _ r: UnsafeMutablePointer<UInt64>, n: Int, h: Int, z1: UnsafeMutablePointer<UInt64>,
    subtractZ1: Bool, middle: UnsafeMutablePointer<UInt64>
  ) {
    let m = n &- h
    let twoM = 2 &* m
    // middle = z₂ + z₀ (z₀ has 2h ≤ 2m limbs)
    var carry = add(middle, r + 2 &* h, r, 2 &* h)
    carry = addLimb(middle + 2 &* h, r + 4 &* h, twoM &- 2 &* h, carry)
    middle[twoM] = carry
    if subtractZ1 {
      let borrow = subtract(middle, middle, z1, twoM)
      middle[twoM] &-= borrow
    } else {
      middle[twoM] &+= add(middle, middle, z1, twoM)
    }
    // r[h..<2n] += middle[0..<2m+1]; the true total fits in 2n limbs, so the carry dies out.
    let top = 2 &* n &- h
    let carryOut = add(r + h, r + h, middle, twoM &+ 1)
    _ = addLimb(r + (h &+ twoM &+ 1), r + (h &+ twoM &+ 1), top &- twoM &- 1, carryOut)
  }

  /// The limb products `multiplyKaratsuba` performs for `n`-limb operands (n² below
  /// `threshold`, otherwise the sum over its three half-size products).
  static func karatsubaProductCount(_ n: Int, threshold: Int) -> Int {
    if n < threshold { return n &* n }
    let h = n / 2
    let m = n &- h
    return karatsubaProductCount(h, threshold: threshold)
      &+ 2 &* karatsubaProductCount(m, threshold: threshold)
  }

  /// The limb products `squareKaratsuba` performs for an `n`-limb operand.
  static func squareProductCount(_ n: Int, threshold: Int) -> Int {
    if n < threshold { return n &* (n &- 1) / 2 &+ n }
    let h = n / 2
    let m = n &- h
    return squareProductCount(h, threshold: threshold)
      &+ 2 &* squareProductCount(m, threshold: threshold)
  }

  // MARK: - Dispatch

  /// Scratch limbs `multiply` needs for operands of `an ≥ bn` limbs.
  static func multiplyScratchCount(_ an: Int, _ bn: Int, threshold: Int) -> Int {
    if bn < threshold { return 0 }
    if an == bn { return karatsubaScratchCount(bn, threshold: threshold) }
    var need = 2 &* bn &+ karatsubaScratchCount(bn, threshold: threshold)
    let tail = an % bn
    if tail > 0 {
      need = max(need, 2 &* bn &+ multiplyScratchCount(bn, tail, threshold: threshold))
    }
    return need
  }

  /// `r[0..<an+bn] = a · b` for `an ≥ bn ≥ 1`: schoolbook when the shorter operand is below
  /// `threshold`, Karatsuba when the lengths match, and otherwise Karatsuba on `bn`-limb slices
  /// of `a`. `scratch` holds `multiplyScratchCount(an, bn)` limbs. Returns the limb products.
  static func multiply(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ an: Int,
    _ b: UnsafePointer<UInt64>, _ bn: Int, scratch: UnsafeMutablePointer<UInt64>, threshold: Int
  ) -> Int {
    if bn < threshold { return multiplySchoolbook(r, a, an, b, bn) }
    if an == bn { return multiplyKaratsuba(r, a, b, bn, scratch: scratch, threshold: threshold) }
    var count = multiplyKaratsuba(r, a, b, bn, scratch: scratch, threshold: threshold)
    let piece = scratch
    let pieceScratch = scratch + 2 &* bn
    var offset = bn
    while offset < an {
      let c = min(bn, an &- offset)
      if c == bn {
        count &+= multiplyKaratsuba(
          piece, a + offset, b, bn, scratch: pieceScratch, threshold: threshold)
      } else {
        count &+= multiply(piece, b, bn, a + offset, c, scratch: pieceScratch, threshold: threshold)
      }
      // r[offset..<offset+bn] already holds the high half of the previous slice's product.
      let carry = add(r + offset, r + offset, piece, bn)
      (r + offset + bn).update(from: piece + bn, count: c)
      _ = addLimb(r + offset + bn, r + offset + bn, c, carry)
      offset &+= c
    }
    return count
  }

  /// `r[0..<2n] = a²`, by Karatsuba squaring from `threshold` limbs on. `scratch` holds
  /// `karatsubaScratchCount(n)` limbs. Returns the limb products.
  static func square(
    _ r: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ n: Int,
    scratch: UnsafeMutablePointer<UInt64>, threshold: Int
  ) -> Int {
    squareKaratsuba(r, a, n, scratch: scratch, threshold: threshold)
  }
}
