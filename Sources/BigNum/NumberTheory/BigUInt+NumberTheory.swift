// Greatest common divisors, modular inverses and powers of BigUInt values.

// MARK: - GCD and LCM

extension BigUInt {
  /// The greatest common divisor of `a` and `b` (`gcd(0, 0) = 0`), by Euclid's algorithm.
  /// - Complexity: O(n²) for n-limb operands.
  public static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return gcd(a, b, limbProducts: &ignored)
  }

  /// The greatest common divisor, adding the limb products of the divisions to `limbProducts`.
  /// - Complexity: O(n²).
  public static func gcd(_ a: BigUInt, _ b: BigUInt, limbProducts: inout Int64) -> BigUInt {
    var (x, y) = (a, b)
    while !y.isZero {
      (x, y) = (y, x.quotientAndRemainder(dividingBy: y, limbProducts: &limbProducts).remainder)
    }
    return x
  }

  /// The least common multiple of `a` and `b` (zero when either is zero), e.g. Paillier's
  /// λ = lcm(p − 1, q − 1).
  /// - Complexity: O(n²).
  public static func lcm(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return lcm(a, b, limbProducts: &ignored)
  }

  /// The least common multiple, adding the limb products performed to `limbProducts`.
  /// - Complexity: O(n²).
  public static func lcm(_ a: BigUInt, _ b: BigUInt, limbProducts: inout Int64) -> BigUInt {
    if a.isZero || b.isZero { return .zero }
    let divisor = gcd(a, b, limbProducts: &limbProducts)
    let reduced = a.quotientAndRemainder(dividingBy: divisor, limbProducts: &limbProducts).quotient
    return reduced.multiplied(by: b, limbProducts: &limbProducts)
  }

  /// The greatest common divisor g of `a` and `b` with Bézout coefficients: `a·x + b·y = g`
  /// (extended Euclidean algorithm, Knuth TAOCP vol. 2, §4.5.2, Algorithm X).
  /// - Complexity: O(n²).
  public static func extendedGCD(_ a: BigUInt, _ b: BigUInt) -> (gcd: BigUInt, x: BigInt, y: BigInt)
  {
    var (r0, r1) = (a, b)
    var (x0, x1) = (BigInt(1), BigInt())
    var (y0, y1) = (BigInt(), BigInt(1))
    while !r1.isZero {
      let (quotient, remainder) = r0.quotientAndRemainder(dividingBy: r1)
      let q = BigInt(quotient)
      (r0, r1) = (r1, remainder)
      (x0, x1) = (x1, x0 - q * x1)
      (y0, y1) = (y1, y0 - q * y1)
    }
    return (r0, x0, y0)
  }
}

// MARK: - Modular inverse

extension BigUInt {
  /// The inverse of the value modulo `modulus`: the x in `0..<modulus` with `self·x ≡ 1`, or nil
  /// when none exists (`gcd(self, modulus) ≠ 1`). Modulo 1 every value's inverse is 0.
  /// - Precondition: `modulus` is not zero.
  /// - Complexity: O(n²).
  public func inverse(modulo modulus: BigUInt) -> BigUInt? {
    var ignored: Int64 = 0
    return inverse(modulo: modulus, limbProducts: &ignored)
  }

  /// The inverse modulo `modulus` or nil, adding the limb products performed to `limbProducts`.
  ///
  /// Extended Euclid on (modulus, self mod modulus) that tracks only the coefficient of `self`.
  /// - Precondition: `modulus` is not zero.
  /// - Complexity: O(n²).
  public func inverse(modulo modulus: BigUInt, limbProducts: inout Int64) -> BigUInt? {
    precondition(!modulus.isZero, "BigUInt.inverse: the modulus is zero")
    var r0 = modulus
    var r1 = quotientAndRemainder(dividingBy: modulus, limbProducts: &limbProducts).remainder
    var (t0, t1) = (BigInt(), BigInt(1))
    while !r1.isZero {
      let (quotient, remainder) = r0.quotientAndRemainder(
        dividingBy: r1, limbProducts: &limbProducts)
      (r0, r1) = (r1, remainder)
      (t0, t1) = (t1, t0 - BigInt(quotient).multiplied(by: t1, limbProducts: &limbProducts))
    }
    guard r0 == .one else { return nil }
    return t0.modulo(modulus, limbProducts: &limbProducts)
  }
}

// MARK: - Powers

extension BigUInt {
  /// `self^exponent mod modulus`: by Montgomery multiplication (`MontgomeryContext`) for an odd
  /// modulus, by binary square-and-multiply with division otherwise. Callers that exponentiate
  /// repeatedly modulo the same odd modulus should keep a `MontgomeryContext` instead.
  /// - Precondition: `modulus` is not zero.
  /// - Complexity: O(e·k²) for an e-bit exponent and a k-limb modulus.
  public func power(_ exponent: BigUInt, modulo modulus: BigUInt) -> BigUInt {
    var ignored: Int64 = 0
    return power(exponent, modulo: modulus, limbProducts: &ignored)
  }

  /// `self^exponent mod modulus`, adding the limb products performed (including the Montgomery
  /// setup for an odd modulus) to `limbProducts`.
  /// - Precondition: `modulus` is not zero.
  /// - Complexity: O(e·k²).
  public func power(_ exponent: BigUInt, modulo modulus: BigUInt, limbProducts: inout Int64)
    -> BigUInt
  {
    precondition(!modulus.isZero, "BigUInt.power(_:modulo:): the modulus is zero")
    if modulus == .one { return .zero }
    if modulus.isOdd {
      return MontgomeryContext(modulus: modulus, limbProducts: &limbProducts).power(
        self, exponent, limbProducts: &limbProducts)
    }
    var result = BigUInt.one
    let base = quotientAndRemainder(dividingBy: modulus, limbProducts: &limbProducts).remainder
    var bit = exponent.bitLength - 1
    while bit >= 0 {
      result =
        result.squared(limbProducts: &limbProducts).quotientAndRemainder(
          dividingBy: modulus, limbProducts: &limbProducts
        ).remainder
      if exponent.isBitSet(bit) {
        result =
          result.multiplied(by: base, limbProducts: &limbProducts).quotientAndRemainder(
            dividingBy: modulus, limbProducts: &limbProducts
          ).remainder
      }
      bit -= 1
    }
    return result
  }

  /// `self^exponent` without reduction, by binary squaring (`0⁰ = 1`).
  /// - Precondition: `exponent >= 0`.
  /// - Complexity: O(M(result size)), the result having about `exponent · bitLength` bits.
  public func power(_ exponent: Int) -> BigUInt {
    precondition(exponent >= 0, "BigUInt.power: negative exponent \(exponent)")
    var result = BigUInt.one
    var square = self
    var remaining = exponent
    while remaining > 0 {
      if remaining & 1 == 1 { result *= square }
      remaining >>= 1
      if remaining > 0 { square = square.squared() }
    }
    return result
  }
}
