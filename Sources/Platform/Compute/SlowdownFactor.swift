/// How many times slower than its profile a node computes, counted in billionths so that
/// re-timing a task is integer arithmetic.
///
/// A factor f is used as `billionths` = f × 10⁹ rounded to the nearest integer (so 1.1 is exactly
/// 11/10, not the binary double just above it). With work counted in *base nanoseconds* (the time
/// the task takes at factor 1, as `DeviceProfile.duration(for:)` gives it):
/// - `w` base nanoseconds take ⌈w × billionths ÷ 10⁹⌉ wall nanoseconds (rounded up: a task never
///   finishes before its work is done);
/// - `t` wall nanoseconds do ⌊t × 10⁹ ÷ billionths⌋ base nanoseconds (rounded down, for the same
///   reason).
///
/// Both products stay below 2¹²⁴ for Int64 operands and factors up to `maximum`, so `Int128`
/// holds them. At factor 1 both maps are the identity.
struct SlowdownFactor: Sendable, Equatable {
  /// The largest factor accepted: 10⁹ (a node that does a second's work in about 32 years).
  static let maximum = 1e9

  /// No slowdown.
  static let none = SlowdownFactor(1)

  private static let scale: Int128 = 1_000_000_000

  /// The factor as given.
  let value: Double
  /// The factor in billionths, rounded to nearest.
  private let billionths: Int128

  /// The factor `value`.
  /// - Precondition: `value` is in [1, `maximum`].
  init(_ value: Double) {
    precondition(
      value >= 1 && value <= Self.maximum,
      "SlowdownFactor: \(value) outside [1, \(Self.maximum)]")
    self.value = value
    self.billionths = Int128(Int64((value * 1e9).rounded()))
  }

  /// The wall nanoseconds that `base` base nanoseconds take at this factor, rounded up, or
  /// `Int64.max` when that is past the clock (a long task on a very slow node).
  func wallNanoseconds(forBase base: Int64) -> Int64 {
    let (quotient, remainder) = (Int128(base) * billionths).quotientAndRemainder(
      dividingBy: Self.scale)
    return Int64(min(quotient + (remainder == 0 ? 0 : 1), Int128(Int64.max)))
  }

  /// The base nanoseconds done in `wall` wall nanoseconds at this factor, rounded down.
  func baseNanoseconds(inWall wall: Int64) -> Int64 {
    Int64(Int128(wall) * Self.scale / billionths)
  }

  static func == (a: SlowdownFactor, b: SlowdownFactor) -> Bool { a.billionths == b.billionths }
}
