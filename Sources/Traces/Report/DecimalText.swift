/// Numbers written for people, the same bytes on every machine: no locale, no `printf`, no
/// `Double` description whose digits could change with the standard library.
///
/// A value is scaled to an integer first (`2.5` with one decimal is 25) and the integer's digits
/// are placed around the decimal point, so the text of a fixed-point number depends only on that
/// integer.
enum DecimalText {
  /// `value` rounded (half away from zero) to `decimals` places: `fixed(2.25, decimals: 1)` is
  /// `2.3`, `fixed(-0.001, decimals: 2)` is `0.00` (no negative zero). A value whose scaled
  /// magnitude is beyond 2⁵³, where doubles stop being whole numbers, is written in Swift's
  /// shortest round-trip form instead.
  /// - Precondition: `value` is finite and `decimals` is 0…15.
  static func fixed(_ value: Double, decimals: Int) -> String {
    precondition(value.isFinite, "DecimalText: \(value) is not finite")
    precondition((0...15).contains(decimals), "DecimalText: \(decimals) decimals")
    let scaled = (value * powerOfTen(decimals)).rounded(.toNearestOrAwayFromZero)
    guard abs(scaled) <= 9_007_199_254_740_992 else { return "\(value)" }
    return scaledInteger(Int64(scaled), decimals: decimals)
  }

  /// `integer` ÷ 10^`decimals` written exactly: `scaledInteger(-25, decimals: 1)` is `-2.5`,
  /// `scaledInteger(7, decimals: 3)` is `0.007`.
  static func scaledInteger(_ integer: Int64, decimals: Int) -> String {
    precondition(decimals >= 0, "DecimalText: \(decimals) decimals")
    let sign = integer < 0 ? "-" : ""
    let digits = String(integer.magnitude)
    guard decimals > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
    let point = padded.index(padded.endIndex, offsetBy: -decimals)
    return sign + padded[..<point] + "." + padded[point...]
  }

  /// `integer` with its digits in groups of three: `21,270,720`.
  static func grouped(_ integer: Int64) -> String {
    let digits = Array(String(integer.magnitude))
    var text = integer < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }

  /// A value for a table cell: whole numbers grouped (`1,629`), others with four decimals
  /// (`2.6561`), or in Swift's shortest form when they are too large or too small for that to
  /// say anything (`1.5e-07`).
  static func readable(_ value: Double) -> String {
    precondition(value.isFinite, "DecimalText: \(value) is not finite")
    if value == value.rounded() && abs(value) < 1e15 { return grouped(Int64(value)) }
    if abs(value) >= 1e15 || abs(value) < 1e-3 { return "\(value)" }
    return fixed(value, decimals: 4)
  }

  /// Nanoseconds as seconds with three decimals, from the integer, never through a `Double`:
  /// `seconds(7_906_525_940)` is `7.907 s`.
  static func seconds(nanoseconds: Int64) -> String {
    // Round half away from zero to whole milliseconds, then place the point.
    let (quotient, remainder) = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000)
    let milliseconds = quotient + (remainder.magnitude >= 500_000 ? (nanoseconds < 0 ? -1 : 1) : 0)
    return scaledInteger(milliseconds, decimals: 3) + " s"
  }

  /// A duration in the largest unit that keeps it at least 1, with one decimal (three for
  /// seconds): `4.8 µs`, `148.6 ms`, `1.000 s`; whole nanoseconds below a microsecond.
  static func duration(nanoseconds: Int64) -> String {
    let magnitude = nanoseconds.magnitude
    if magnitude >= 1_000_000_000 { return seconds(nanoseconds: nanoseconds) }
    if magnitude < 1_000 { return String(nanoseconds) + " ns" }
    let (divisor, unit): (Int64, String) =
      magnitude >= 1_000_000 ? (100_000, " ms") : (100, " µs")
    let (quotient, remainder) = nanoseconds.quotientAndRemainder(dividingBy: divisor)
    let tenths = quotient + (remainder.magnitude * 2 >= divisor ? (nanoseconds < 0 ? -1 : 1) : 0)
    return scaledInteger(tenths, decimals: 1) + unit
  }

  /// 10^`exponent` as a `Double`, exact up to 10²² (every factor so far is exact).
  /// - Precondition: `exponent` ≥ 0.
  static func powerOfTen(_ exponent: Int) -> Double {
    precondition(exponent >= 0, "DecimalText: negative exponent \(exponent)")
    var result = 1.0
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}
