// Signed arithmetic on BigInt, delegated to BigUInt magnitudes.

extension BigInt {
  /// The negation of `value`.
  public static prefix func - (value: BigInt) -> BigInt {
    BigInt(isNegative: !value.isNegative, magnitude: value.magnitude)
  }

  /// The sum of two values.
  /// - Complexity: O(max(limbs)).
  public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
    if lhs.isNegative == rhs.isNegative {
      return BigInt(isNegative: lhs.isNegative, magnitude: lhs.magnitude + rhs.magnitude)
    }
    // Opposite signs: the larger magnitude wins the sign.
    if lhs.magnitude >= rhs.magnitude {
      return BigInt(isNegative: lhs.isNegative, magnitude: lhs.magnitude - rhs.magnitude)
    }
    return BigInt(isNegative: rhs.isNegative, magnitude: rhs.magnitude - lhs.magnitude)
  }

  /// The difference `lhs − rhs`.
  /// - Complexity: O(max(limbs)).
  public static func - (lhs: BigInt, rhs: BigInt) -> BigInt { lhs + (-rhs) }

  /// The product of two values.
  /// - Complexity: as `BigUInt.*`.
  public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
    var ignored: Int64 = 0
    return lhs.multiplied(by: rhs, limbProducts: &ignored)
  }

  /// Adds `rhs` to `lhs`.
  public static func += (lhs: inout BigInt, rhs: BigInt) { lhs = lhs + rhs }

  /// Subtracts `rhs` from `lhs`.
  public static func -= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs - rhs }

  /// Multiplies `lhs` by `rhs`.
  public static func *= (lhs: inout BigInt, rhs: BigInt) { lhs = lhs * rhs }

  /// The product, adding the limb products performed to `limbProducts`.
  /// - Complexity: as `BigUInt.*`.
  public func multiplied(by other: BigInt, limbProducts: inout Int64) -> BigInt {
    BigInt(
      isNegative: isNegative != other.isNegative,
      magnitude: magnitude.multiplied(by: other.magnitude, limbProducts: &limbProducts))
  }

  /// The quotient truncated toward zero and the remainder with the dividend's sign, as for
  /// Swift's `Int`: `-7 / 2 == -3`, `-7 % 2 == -1`.
  /// - Precondition: `divisor` is not zero.
  /// - Complexity: as `BigUInt.quotientAndRemainder(dividingBy:)`.
  public func quotientAndRemainder(dividingBy divisor: BigInt) -> (
    quotient: BigInt, remainder: BigInt
  ) {
    let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: divisor.magnitude)
    return (
      BigInt(isNegative: isNegative != divisor.isNegative, magnitude: quotient),
      BigInt(isNegative: isNegative, magnitude: remainder)
    )
  }

  /// The quotient truncated toward zero.
  /// - Precondition: `rhs` is not zero.
  public static func / (lhs: BigInt, rhs: BigInt) -> BigInt {
    lhs.quotientAndRemainder(dividingBy: rhs).quotient
  }

  /// The remainder with the sign of `lhs`.
  /// - Precondition: `rhs` is not zero.
  public static func % (lhs: BigInt, rhs: BigInt) -> BigInt {
    lhs.quotientAndRemainder(dividingBy: rhs).remainder
  }

  /// The least non-negative residue of the value modulo `modulus`, in `0..<modulus`
  /// (`-1` modulo 7 is 6).
  /// - Precondition: `modulus` is not zero.
  /// - Complexity: as `BigUInt.quotientAndRemainder(dividingBy:)`.
  public func modulo(_ modulus: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return modulo(modulus, limbProducts: &ignored)
  }

  /// The least non-negative residue modulo `modulus`, adding the limb products performed to
  /// `limbProducts`.
  /// - Precondition: `modulus` is not zero.
  public func modulo(_ modulus: BigUInt, limbProducts: inout Int64) -> BigUInt {
    let remainder = magnitude.quotientAndRemainder(
      dividingBy: modulus, limbProducts: &limbProducts
    ).remainder
    return isNegative && !remainder.isZero ? modulus - remainder : remainder
  }
}
