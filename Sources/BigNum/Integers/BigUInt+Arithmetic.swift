// Addition, subtraction, multiplication and division of BigUInt values.

// MARK: - Addition and subtraction

extension BigUInt {
  /// The sum of two values.
  /// - Complexity: O(max(limbs)).
  public static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs, rhs) : (rhs, lhs)
    if short.isZero { return long }
    let ln = long.limbs.count
    let sn = short.limbs.count
    return long.limbs.withUnsafeBufferPointer { a in
      short.limbs.withUnsafeBufferPointer { b in
        BigUInt(capacity: ln + 1) { r in
          let carry = LimbKernels.add(r, a.baseAddress!, b.baseAddress!, sn)
          r[ln] = LimbKernels.addLimb(r + sn, a.baseAddress! + sn, ln - sn, carry)
        }
      }
    }
  }

  /// Adds `rhs` to `lhs`.
  /// - Complexity: O(max(limbs)).
  public static func += (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs + rhs }

  /// The difference `lhs − rhs`.
  /// - Precondition: `lhs >= rhs` (BigUInt has no negative values; use `BigInt` for those).
  /// - Complexity: O(limbs of `lhs`).
  public static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    precondition(lhs >= rhs, "BigUInt subtraction underflows: \(lhs) − \(rhs) is negative")
    if rhs.isZero { return lhs }
    let ln = lhs.limbs.count
    let sn = rhs.limbs.count
    return lhs.limbs.withUnsafeBufferPointer { a in
      rhs.limbs.withUnsafeBufferPointer { b in
        BigUInt(capacity: ln) { r in
          let borrow = LimbKernels.subtract(r, a.baseAddress!, b.baseAddress!, sn)
          _ = LimbKernels.subtractLimb(r + sn, a.baseAddress! + sn, ln - sn, borrow)
        }
      }
    }
  }

  /// Subtracts `rhs` from `lhs`.
  /// - Precondition: `lhs >= rhs`.
  /// - Complexity: O(limbs of `lhs`).
  public static func -= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs - rhs }
}

// MARK: - Multiplication

extension BigUInt {
  /// The product of two values.
  /// - Complexity: O(n·m) below the Karatsuba threshold, O(n^1.585) above it.
  public static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return lhs.multiplied(by: rhs, limbProducts: &ignored)
  }

  /// Multiplies `lhs` by `rhs`.
  /// - Complexity: as `*`.
  public static func *= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs * rhs }

  /// The product `self · other`, adding the limb products performed to `limbProducts`.
  /// - Complexity: as `*`.
  public func multiplied(by other: BigUInt, limbProducts: inout Int64) -> BigUInt {
    multiplied(
      by: other, karatsubaThreshold: LimbKernels.karatsubaThreshold, limbProducts: &limbProducts)
  }

  /// The square `self²`, by the dedicated squaring routine (about half the limb products of a
  /// general product), adding the limb products performed to `limbProducts`.
  /// - Complexity: O(n²) below the squaring threshold, O(n^1.585) above it.
  public func squared(limbProducts: inout Int64) -> BigUInt {
    squared(
      karatsubaThreshold: LimbKernels.karatsubaSquareThreshold, limbProducts: &limbProducts)
  }

  /// The square `self²`.
  /// - Complexity: as `squared(limbProducts:)`.
  public func squared() -> BigUInt {
    var ignored: Int64 = 0
    return squared(limbProducts: &ignored)
  }

  /// The square with an explicit Karatsuba threshold in limbs (`Int.max` forces schoolbook
  /// squaring), for the tests and the threshold benchmark.
  /// - Precondition: `karatsubaThreshold >= 4`.
  package func squared(karatsubaThreshold: Int, limbProducts: inout Int64) -> BigUInt {
    precondition(karatsubaThreshold >= 4, "Karatsuba threshold \(karatsubaThreshold) is below 4")
    if isZero { return self }
    let n = limbs.count
    let scratchCount = LimbKernels.karatsubaScratchCount(n, threshold: karatsubaThreshold)
    var products = 0
    let result = limbs.withUnsafeBufferPointer { a in
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, scratchCount)) { scratch in
        BigUInt(capacity: 2 * n) { r in
          products = LimbKernels.square(
            r, a.baseAddress!, n, scratch: scratch.baseAddress!, threshold: karatsubaThreshold)
        }
      }
    }
    limbProducts += Int64(products)
    return result
  }

  /// The product with an explicit Karatsuba threshold in limbs (`Int.max` forces the schoolbook
  /// product): the hook the tests and the threshold benchmark use to compare the two methods.
  /// - Precondition: `karatsubaThreshold >= 4`.
  package func multiplied(
    by other: BigUInt, karatsubaThreshold: Int, limbProducts: inout Int64
  ) -> BigUInt {
    precondition(karatsubaThreshold >= 4, "Karatsuba threshold \(karatsubaThreshold) is below 4")
    if isZero || other.isZero { return .zero }
    let (long, short) = limbs.count >= other.limbs.count ? (self, other) : (other, self)
    let an = long.limbs.count
    let bn = short.limbs.count
    let scratchCount = LimbKernels.multiplyScratchCount(an, bn, threshold: karatsubaThreshold)
    var products = 0
    let result = long.limbs.withUnsafeBufferPointer { a in
      short.limbs.withUnsafeBufferPointer { b in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, scratchCount)) {
          scratch in
          BigUInt(capacity: an + bn) { r in
            products = LimbKernels.multiply(
              r, a.baseAddress!, an, b.baseAddress!, bn, scratch: scratch.baseAddress!,
              threshold: karatsubaThreshold)
          }
        }
      }
    }
    limbProducts += Int64(products)
    return result
  }
}

// MARK: - Division

extension BigUInt {
  /// The quotient and remainder of `self / divisor`, rounding the quotient down.
  /// - Precondition: `divisor` is not zero.
  /// - Complexity: O((n − m + 1)·m) for an n-limb dividend and an m-limb divisor.
  public func quotientAndRemainder(dividingBy divisor: BigUInt) -> (
    quotient: BigUInt, remainder: BigUInt
  ) {
    var ignored: Int64 = 0
    return quotientAndRemainder(dividingBy: divisor, limbProducts: &ignored)
  }

  /// The quotient and remainder of `self / divisor`, adding the limb products performed to
  /// `limbProducts` (Knuth's Algorithm D; a one-limb divisor costs none).
  /// - Precondition: `divisor` is not zero.
  /// - Complexity: O((n − m + 1)·m).
  public func quotientAndRemainder(
    dividingBy divisor: BigUInt, limbProducts: inout Int64
  ) -> (quotient: BigUInt, remainder: BigUInt) {
    precondition(!divisor.isZero, "BigUInt division of \(self) by zero")
    if self < divisor { return (.zero, self) }
    let n = divisor.limbs.count
    let un = limbs.count
    if n == 1 {
      var remainder: UInt64 = 0
      let quotient = limbs.withUnsafeBufferPointer { u in
        BigUInt(capacity: un) { q in
          remainder = LimbKernels.divideRow(q, u.baseAddress!, un, divisor.limbs[0])
        }
      }
      return (quotient, BigUInt(remainder))
    }
    // Normalise so the divisor's top bit is set; the dividend gains one limb for the shifted-out
    // bits, which also gives Algorithm D the leading zero limb it expects.
    let shift = divisor.limbs[n - 1].leadingZeroBitCount
    var products = 0
    var remainder = BigUInt()
    let quotient = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n + un + 1) {
      temporary in
      let v = temporary.baseAddress!
      let u = v + n
      divisor.limbs.withUnsafeBufferPointer { d in
        if shift == 0 {
          v.update(from: d.baseAddress!, count: n)
        } else {
          _ = LimbKernels.shiftLeft(v, d.baseAddress!, n, shift)
        }
      }
      limbs.withUnsafeBufferPointer { a in
        if shift == 0 {
          u.update(from: a.baseAddress!, count: un)
          u[un] = 0
        } else {
          u[un] = LimbKernels.shiftLeft(u, a.baseAddress!, un, shift)
        }
      }
      let quotient = BigUInt(capacity: un + 1 - n) { q in
        products = LimbKernels.divideKnuth(q, u, un + 1, v, n)
      }
      remainder = BigUInt(capacity: n) { r in
        if shift == 0 {
          r.update(from: u, count: n)
        } else {
          LimbKernels.shiftRight(r, u, n, shift)
        }
      }
      return quotient
    }
    limbProducts += Int64(products)
    return (quotient, remainder)
  }

  /// The quotient `lhs / rhs`, rounded down.
  /// - Precondition: `rhs` is not zero.
  /// - Complexity: as `quotientAndRemainder(dividingBy:)`.
  public static func / (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    lhs.quotientAndRemainder(dividingBy: rhs).quotient
  }

  /// The remainder `lhs mod rhs`, in `0..<rhs`.
  /// - Precondition: `rhs` is not zero.
  /// - Complexity: as `quotientAndRemainder(dividingBy:)`.
  public static func % (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
    lhs.quotientAndRemainder(dividingBy: rhs).remainder
  }

  /// Replaces `lhs` with `lhs / rhs`.
  /// - Precondition: `rhs` is not zero.
  public static func /= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs / rhs }

  /// Replaces `lhs` with `lhs mod rhs`.
  /// - Precondition: `rhs` is not zero.
  public static func %= (lhs: inout BigUInt, rhs: BigUInt) { lhs = lhs % rhs }
}
