/// An element of the prime field GF(p) with p = 2¹²⁷ − 1, the field Shamir sharing and
/// additive sharing modulo a prime work in.
///
/// Why this prime: it is a Mersenne prime, so a 254-bit product reduces with two shifts and
/// additions (2¹²⁷ ≡ 1), elements fit in one `UInt128`, and 127 bits leave 2⁻¹²⁷-scale
/// chances for the random coefficients to collide. A byte string is shared as 15-byte chunks
/// (120 bits < 127), so a 32-byte key is three elements.
///
/// **Work.** Field arithmetic is native 128-bit arithmetic; callers that report `Work` count
/// one multiplication as 4 `limbMultiplications` (a 2-limb by 2-limb schoolbook product) and
/// an inversion as 251 multiplications (Fermat's a^(p−2): 126 squarings, 125 products).
/// Additions are not counted.
public struct Mersenne127: Hashable, Sendable, CustomStringConvertible {
  /// p = 2¹²⁷ − 1.
  public static let modulus: UInt128 = (1 << 127) - 1
  /// The limb products one field multiplication is counted as.
  public static let limbProductsPerMultiplication: Int64 = 4
  /// The field multiplications of one inversion by Fermat's little theorem.
  public static let multiplicationsPerInversion: Int64 = 251
  /// The size of an encoded element: 16 big-endian bytes.
  public static let encodedByteCount = 16

  /// The canonical representative, in 0..<p.
  public let value: UInt128

  /// Zero.
  public static let zero = Mersenne127(canonical: 0)
  /// One.
  public static let one = Mersenne127(canonical: 1)

  /// The element `value mod p`.
  public init(reducing value: UInt128) {
    // value = hi·2¹²⁷ + lo ≡ hi + lo, which is below 2¹²⁸ and at most one subtraction from
    // canonical.
    let folded = (value >> 127) + (value & Self.modulus)
    self.value = folded >= Self.modulus ? folded - Self.modulus : folded
  }

  /// The element with the small value `value`.
  public init(_ value: UInt64) { self.value = UInt128(value) }

  /// The element with canonical value `value`, or nil when `value >= p`.
  public init?(exactly value: UInt128) {
    guard value < Self.modulus else { return nil }
    self.value = value
  }

  init(canonical value: UInt128) { self.value = value }

  /// A uniform element drawn from `generator`: two 64-bit words (the first is the low half),
  /// masked to 127 bits, redrawn in the 2⁻¹²⁷ case that they equal p.
  public static func random(using generator: inout some RandomNumberGenerator) -> Mersenne127 {
    while true {
      let low = UInt128(generator.next())
      let high = UInt128(generator.next())
      let candidate = (high << 64 | low) & modulus
      if candidate != modulus { return Mersenne127(canonical: candidate) }
    }
  }

  /// The value in decimal.
  public var description: String { value.description }

  // MARK: - Arithmetic

  /// The sum mod p.
  public static func + (lhs: Mersenne127, rhs: Mersenne127) -> Mersenne127 {
    // Both are below 2¹²⁷, so the sum fits in 128 bits.
    let sum = lhs.value + rhs.value
    return Mersenne127(canonical: sum >= modulus ? sum - modulus : sum)
  }

  /// The difference mod p.
  public static func - (lhs: Mersenne127, rhs: Mersenne127) -> Mersenne127 {
    Mersenne127(
      canonical: lhs.value >= rhs.value ? lhs.value - rhs.value : lhs.value + modulus - rhs.value)
  }

  /// The additive inverse mod p.
  public static prefix func - (operand: Mersenne127) -> Mersenne127 { zero - operand }

  /// The product mod p: the 254-bit product hi·2¹²⁸ + lo ≡ 2·hi + lo (mod p), folded twice.
  public static func * (lhs: Mersenne127, rhs: Mersenne127) -> Mersenne127 {
    let (high, low) = lhs.value.multipliedFullWidth(by: rhs.value)
    // hi < 2¹²⁶, so 2·hi + ⌊lo/2¹²⁷⌋ + (lo mod 2¹²⁷) < 2¹²⁸.
    return Mersenne127(reducing: (high << 1) + (low >> 127) + (low & modulus))
  }

  /// Adds `rhs` to `lhs`.
  public static func += (lhs: inout Mersenne127, rhs: Mersenne127) { lhs = lhs + rhs }
  /// Subtracts `rhs` from `lhs`.
  public static func -= (lhs: inout Mersenne127, rhs: Mersenne127) { lhs = lhs - rhs }
  /// Multiplies `lhs` by `rhs`.
  public static func *= (lhs: inout Mersenne127, rhs: Mersenne127) { lhs = lhs * rhs }

  /// The multiplicative inverse a^(p−2) (Fermat), or nil for zero.
  /// - Complexity: 251 field multiplications (`multiplicationsPerInversion`).
  public func inverse() -> Mersenne127? {
    guard value != 0 else { return nil }
    // p − 2 = 2¹²⁷ − 3: bits 126…2 and bit 0 set, bit 1 clear. Left to right.
    var result = self
    for bit in stride(from: 125, through: 0, by: -1) {
      result = result * result
      if bit != 1 { result = result * self }
    }
    return result
  }

  // MARK: - Bytes

  /// The value as 16 big-endian bytes.
  public func encode() -> [UInt8] {
    (0..<16).map { UInt8(truncatingIfNeeded: value >> UInt128(8 * (15 - $0))) }
  }

  /// The element whose big-endian encoding is `bytes` (at most 16 bytes), or nil when the
  /// value is not below p.
  public init?(bigEndianBytes bytes: some Collection<UInt8>) {
    guard bytes.count <= 16 else { return nil }
    var value: UInt128 = 0
    for byte in bytes { value = value << 8 | UInt128(byte) }
    self.init(exactly: value)
  }
}
