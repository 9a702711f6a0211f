/// An arbitrary-precision unsigned integer: the value type the whole BigNum target is built on.
///
/// The value is stored as little-endian 64-bit limbs with no high zero limbs, so every number has
/// one representation and the synthesised `Hashable` agrees with `==`. Arithmetic copies on write
/// like any Swift array; the hot loops run over unsafe pointers in `LimbKernels`, and modular
/// exponentiation goes through `MontgomeryContext`.
///
/// ```swift
/// let p: BigUInt = 170_141_183_460_469_231_731_687_303_715_884_105_727  // 2¹²⁷ − 1
/// let x = BigUInt("12345678901234567890123")!
/// let y = x.power(65_537, modulo: p)
/// ```
///
/// **Work accounting.** BigNum cannot see SimCore's `Work`, so every operation whose cost grows
/// faster than linearly has a twin taking `limbProducts: inout Int64`, which *adds* the number of
/// 64×64→128-bit limb products the call performed (`multiplied(by:limbProducts:)`,
/// `quotientAndRemainder(dividingBy:limbProducts:)`, `power(_:modulo:limbProducts:)`,
/// `inverse(modulo:limbProducts:)`, `MontgomeryContext.power(_:_:limbProducts:)`, …). Pass the
/// caller's counter directly: `x.multiplied(by: y, limbProducts: &work.limbMultiplications)`.
/// The counts are exact for the algorithm that ran (schoolbook n·m, squaring n(n−1)/2 + n,
/// Karatsuba 3 half-size products per level, Montgomery reduction k² + 2.5k); linear-time passes
/// (additions, shifts, copies) and hardware divisions are not counted.
///
/// **Algorithms.** Products are schoolbook below 24 limbs (1,536 bits) and Karatsuba above;
/// squarings use a dedicated routine, Karatsuba from 48 limbs; both thresholds were measured with
/// the `bignum.mul.*` and `bignum.sqr.*` benchmark cases. Division is Knuth's Algorithm D.
///
/// Randomness (`random(below:using:)`, `randomPrime(bits:using:)`, Miller–Rabin bases) draws only
/// 64-bit words from the caller's generator, so a seed gives the same numbers on every toolchain.
public struct BigUInt: Sendable, Hashable {
  /// The limbs, least significant first, without high zero limbs (zero has no limbs).
  public private(set) var limbs: [UInt64]

  /// Zero.
  public init() { limbs = [] }

  /// The value of one 64-bit word.
  public init(_ value: UInt64) { limbs = value == 0 ? [] : [value] }

  /// The value whose little-endian 64-bit limbs are `limbs`; high zero limbs are dropped.
  /// - Complexity: O(`limbs.count`).
  public init(limbs: [UInt64]) {
    self.limbs = limbs
    trimHighZeroLimbs()
  }

  /// A value built by `body`, which writes exactly `capacity` limbs (high zero limbs allowed)
  /// into uninitialised storage. `capacity` must be positive.
  init(capacity: Int, writingLimbs body: (UnsafeMutablePointer<UInt64>) -> Void) {
    var storage = [UInt64](unsafeUninitializedCapacity: capacity) { buffer, count in
      body(buffer.baseAddress!)
      count = capacity
    }
    while storage.last == 0 { storage.removeLast() }
    limbs = storage
  }

  /// Zero.
  public static let zero = BigUInt()

  /// One.
  public static let one = BigUInt(1)

  /// True when the value is zero.
  public var isZero: Bool { limbs.isEmpty }

  /// True when the value is odd.
  public var isOdd: Bool { limbs.first.map { $0 & 1 == 1 } ?? false }

  /// True when the value is even (zero included).
  public var isEven: Bool { !isOdd }

  /// The number of significant bits: 0 for zero, otherwise ⌊log₂ self⌋ + 1.
  public var bitLength: Int {
    guard let top = limbs.last else { return 0 }
    return limbs.count * 64 - top.leadingZeroBitCount
  }

  /// The minimal number of bytes of the big-endian encoding: 0 for zero.
  public var byteCount: Int { (bitLength + 7) / 8 }

  /// The number of zero bits below the lowest set bit; 0 for zero.
  public var trailingZeroBitCount: Int {
    for (index, limb) in limbs.enumerated() where limb != 0 {
      return index * 64 + limb.trailingZeroBitCount
    }
    return 0
  }

  /// True when bit `index` (0 = least significant) is one.
  /// - Precondition: `index >= 0`.
  public func isBitSet(_ index: Int) -> Bool {
    precondition(index >= 0, "BigUInt.isBitSet: bit index \(index) is negative")
    let limbIndex = index / 64
    guard limbIndex < limbs.count else { return false }
    return (limbs[limbIndex] >> UInt64(index % 64)) & 1 == 1
  }

  /// Sets bit `index` to one, growing the value as needed.
  mutating func setBit(_ index: Int) {
    let limbIndex = index / 64
    if limbIndex >= limbs.count {
      limbs.append(contentsOf: repeatElement(0, count: limbIndex + 1 - limbs.count))
    }
    limbs[limbIndex] |= 1 << UInt64(index % 64)
  }

  /// Drops high zero limbs after an in-place edit.
  mutating func trimHighZeroLimbs() {
    while limbs.last == 0 { limbs.removeLast() }
  }
}

// MARK: - Comparable

extension BigUInt: Comparable {
  /// Numeric order: fewer limbs is smaller, otherwise the highest differing limb decides.
  /// - Complexity: O(limbs) in the worst case.
  public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
    compare(lhs, rhs) < 0
  }

  /// −1, 0 or 1 as `lhs` is smaller than, equal to or larger than `rhs`.
  static func compare(_ lhs: BigUInt, _ rhs: BigUInt) -> Int {
    if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count ? -1 : 1 }
    var i = lhs.limbs.count - 1
    while i >= 0 {
      if lhs.limbs[i] != rhs.limbs[i] { return lhs.limbs[i] < rhs.limbs[i] ? -1 : 1 }
      i -= 1
    }
    return 0
  }
}

// MARK: - Literals and fixed-width conversions

extension BigUInt: ExpressibleByIntegerLiteral {
  /// A value from an integer literal of any size, e.g. a 1024-bit prime written in hexadecimal.
  /// - Precondition: the literal is not negative.
  public init(integerLiteral value: StaticBigInt) {
    precondition(value.signum() >= 0, "BigUInt cannot hold the negative literal \(value)")
    let wordCount = (value.bitWidth + UInt.bitWidth - 1) / UInt.bitWidth
    var limbs: [UInt64] = []
    limbs.reserveCapacity(wordCount)
    for index in 0..<wordCount { limbs.append(UInt64(value[index])) }
    self.init(limbs: limbs)
  }
}

extension UInt64 {
  /// The value of `value` when it fits in 64 bits, otherwise nil.
  public init?(exactly value: BigUInt) {
    switch value.limbs.count {
    case 0: self = 0
    case 1: self = value.limbs[0]
    default: return nil
    }
  }
}
