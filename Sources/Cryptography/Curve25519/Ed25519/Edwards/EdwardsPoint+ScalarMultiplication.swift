// Scalar multiplication with signed base-16 digits (Bernstein et al., "High-speed high-security
// signatures", 2012, §4): each digit lies in [−8, 8], so a table of 1·P…8·P suffices and a digit
// costs one addition. Table entries are picked by scanning the whole table with masked moves, so
// neither branches nor memory addresses depend on the scalar.

extension EdwardsPoint {
  /// j·256ⁱ·B for i in 0..<32 and j in 1…8, at index 8i + j − 1, in affine form: the fixed table
  /// of the base-point multiplication. Built on first use (256 inversions, well under a
  /// millisecond in release) and shared read-only afterwards.
  static let baseMultiples: [AffineCached] = {
    var table: [AffineCached] = []
    table.reserveCapacity(256)
    var power = EdwardsPoint.base  // 256ⁱ·B
    for _ in 0..<32 {
      let addend = power.cached
      var multiple = power
      for j in 1...8 {
        table.append(multiple.affineCached)
        if j < 8 {
          multiple = multiple.adding(addend).extended
        }
      }
      for _ in 0..<8 {
        power = power.doubled()
      }
    }
    return table
  }()

  /// [s]B for the base point B and a 32-byte little-endian scalar s below 2²⁵⁵ (a clamped secret
  /// or a value reduced mod ℓ).
  ///
  /// With digits eᵢ, s·B = Σ eᵢ·16ⁱ·B = 16·Σ_{odd i} eᵢ·256^((i−1)/2)·B + Σ_{even i}
  /// eᵢ·256^(i/2)·B, so both sums read the same 256-entry table and only four doublings are
  /// needed.
  /// - Complexity: 64 mixed additions and 4 doublings.
  static func baseMultiple(scalar: [UInt8]) -> EdwardsPoint {
    let digits = Scalar25519.signedRadix16Digits(scalar)
    let table = baseMultiples
    var sum = EdwardsPoint.identity
    for index in stride(from: 1, to: 64, by: 2) {
      sum = sum.adding(select(from: table, row: index / 2, digit: digits[index])).extended
    }
    var projective = sum.projective.doubled().projective
    projective = projective.doubled().projective
    projective = projective.doubled().projective
    sum = projective.doubled().extended
    for index in stride(from: 0, to: 64, by: 2) {
      sum = sum.adding(select(from: table, row: index / 2, digit: digits[index])).extended
    }
    return sum
  }

  /// [s]P for this point P and a 32-byte little-endian scalar s below 2²⁵⁵, by a fixed window
  /// over signed base-16 digits, most significant first.
  /// - Complexity: 252 doublings and 64 additions, plus 7 additions for the table.
  func multiplied(byScalar scalar: [UInt8]) -> EdwardsPoint {
    let digits = Scalar25519.signedRadix16Digits(scalar)
    let addend = cached
    var table: [Cached] = [addend]
    table.reserveCapacity(8)
    var multiple = self
    for _ in 2...8 {
      multiple = multiple.adding(addend).extended
      table.append(multiple.cached)
    }
    var sum = EdwardsPoint.identity
    for index in stride(from: 63, through: 0, by: -1) {
      if index < 63 {
        var projective = sum.projective.doubled().projective
        projective = projective.doubled().projective
        projective = projective.doubled().projective
        sum = projective.doubled().extended
      }
      sum = sum.adding(EdwardsPoint.select(from: table, digit: digits[index])).extended
    }
    return sum
  }

  // MARK: - Constant-time table lookup

  /// 1 when `a` = `b`, else 0, for values below 2⁶³, without branching.
  @inline(__always)
  private static func equalityBit(_ a: UInt64, _ b: UInt64) -> UInt64 {
    ((a ^ b) &- 1) >> 63
  }

  /// |digit| and 1 if digit < 0 (else 0), without branching.
  @inline(__always)
  private static func magnitudeAndSign(_ digit: Int8) -> (UInt64, UInt64) {
    let value = Int64(digit)
    let signMask = value >> 63
    return (UInt64(bitPattern: (value ^ signMask) &- signMask), UInt64(bitPattern: signMask) & 1)
  }

  /// digit·256^row·B from the base table, for digit in [−8, 8] (0 gives the identity).
  @inline(__always)
  private static func select(from table: [AffineCached], row: Int, digit: Int8) -> AffineCached {
    let (magnitude, isNegative) = magnitudeAndSign(digit)
    var result = AffineCached.identity
    for j in 1...8 {
      result.conditionallyAssign(table[8 * row + j - 1], if: equalityBit(magnitude, UInt64(j)))
    }
    result.conditionallyAssign(result.negated, if: isNegative)
    return result
  }

  /// digit·P from the table 1·P…8·P, for digit in [−8, 8] (0 gives the identity).
  @inline(__always)
  private static func select(from table: [Cached], digit: Int8) -> Cached {
    let (magnitude, isNegative) = magnitudeAndSign(digit)
    var result = Cached(yPlusX: .one, yMinusX: .one, z: .one, t2d: .zero)
    for j in 1...8 {
      result.conditionallyAssign(table[j - 1], if: equalityBit(magnitude, UInt64(j)))
    }
    result.conditionallyAssign(result.negated, if: isNegative)
    return result
  }
}
