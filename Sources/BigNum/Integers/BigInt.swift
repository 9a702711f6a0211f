/// An arbitrary-precision signed integer: a sign and a `BigUInt` magnitude.
///
/// Zero is never negative, so every value has one representation and the synthesised `Hashable`
/// agrees with `==`. Division truncates toward zero like Swift's `Int`; `modulo(_:)` gives the
/// least non-negative residue that modular code wants (for example a Lagrange coefficient with
/// a negative numerator reduced modulo a prime).
public struct BigInt: Sendable, Hashable {
  /// The absolute value.
  public private(set) var magnitude: BigUInt
  /// True when the value is below zero (never for zero).
  public private(set) var isNegative: Bool

  /// Zero.
  public init() {
    magnitude = .zero
    isNegative = false
  }

  /// The non-negative value `magnitude`.
  public init(_ magnitude: BigUInt) {
    self.magnitude = magnitude
    isNegative = false
  }

  /// The value with the given sign and magnitude; a zero magnitude gives zero whatever the sign.
  public init(isNegative: Bool, magnitude: BigUInt) {
    self.magnitude = magnitude
    self.isNegative = isNegative && !magnitude.isZero
  }

  /// The value of a 64-bit signed integer.
  public init(_ value: Int64) {
    self.init(isNegative: value < 0, magnitude: BigUInt(value.magnitude))
  }

  /// −1, 0 or 1 according to the sign.
  public func signum() -> Int { isNegative ? -1 : (magnitude.isZero ? 0 : 1) }

  /// True when the value is zero.
  public var isZero: Bool { magnitude.isZero }
}

// MARK: - Order, literals, text

extension BigInt: Comparable {
  /// Numeric order.
  /// - Complexity: O(limbs) in the worst case.
  public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
    switch (lhs.isNegative, rhs.isNegative) {
    case (true, false): true
    case (false, true): false
    case (false, false): lhs.magnitude < rhs.magnitude
    case (true, true): rhs.magnitude < lhs.magnitude
    }
  }
}

extension BigInt: ExpressibleByIntegerLiteral {
  /// A value from an integer literal of any size and sign.
  public init(integerLiteral value: StaticBigInt) {
    let isNegative = value.signum() < 0
    let wordCount = (value.bitWidth + UInt.bitWidth - 1) / UInt.bitWidth
    // StaticBigInt exposes two's-complement words; negate them for the magnitude.
    var limbs: [UInt64] = []
    limbs.reserveCapacity(wordCount)
    var carry: UInt64 = 1
    for index in 0..<wordCount {
      let word = UInt64(value[index])
      if isNegative {
        let (sum, overflow) = (~word).addingReportingOverflow(carry)
        limbs.append(sum)
        carry = overflow ? 1 : 0
      } else {
        limbs.append(word)
      }
    }
    self.init(isNegative: isNegative, magnitude: BigUInt(limbs: limbs))
  }
}

extension BigInt: CustomStringConvertible {
  /// The value from decimal text: an optional `-` or `+` followed by the digits 0–9; nil on
  /// anything else.
  /// - Complexity: O(d²) for d digits.
  public init?(_ decimal: String) {
    var digits = Substring(decimal)
    var isNegative = false
    if let sign = digits.first, sign == "-" || sign == "+" {
      isNegative = sign == "-"
      digits = digits.dropFirst()
    }
    guard let magnitude = BigUInt(String(digits)) else { return nil }
    self.init(isNegative: isNegative, magnitude: magnitude)
  }

  /// The value in decimal, with a leading `-` when negative.
  public var description: String { (isNegative ? "-" : "") + magnitude.description }
}

extension BigUInt {
  /// The value of `value` when it is not negative, otherwise nil.
  public init?(exactly value: BigInt) {
    guard !value.isNegative else { return nil }
    self = value.magnitude
  }
}
