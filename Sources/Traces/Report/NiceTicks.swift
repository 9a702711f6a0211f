/// Round numbers to label an axis that covers a range: Heckbert's "nice numbers" (P. S. Heckbert,
/// *Nice Numbers for Graph Labels*, Graphics Gems, 1990), loose form: the ticks start at or below
/// the range's lower end and stop at or above its upper end, a whole step apart, and every step
/// is 1, 2 or 5 times a power of ten.
///
/// The range is first rounded to a nice number, `nice(upper − lower)` (rounding up: the first of
/// 1, 2, 5, 10 times a power of ten at or above it); the step is `nice(range / (count − 1))`
/// rounding to the nearest (below 1.5 → 1, below 3 → 2, below 7 → 5, else 10). Over 0…7.9 with
/// five ticks wanted: the range 7.9 becomes 10, the step 10 / 4 = 2.5 becomes 2, and the ticks are
/// 0, 2, 4, 6, 8.
///
/// A tick is `k × step` for whole `k`, and its label is written from the integer `k × mantissa`
/// with the step's decimals (`0.2` steps: one decimal), so labels are exact and the same on
/// every machine; positions are the nearest doubles.
struct NiceTicks: Equatable, Sendable {
  /// The tick values, ascending; at least two.
  let values: [Double]
  /// Each tick's label, written without a `Double` on the way: `0.0`, `0.2`, …, `1.0`.
  let labels: [String]

  /// The first tick, at or below the range's lower end.
  var lower: Double { values[0] }
  /// The last tick, at or above the range's upper end.
  var upper: Double { values[values.count - 1] }

  /// How far a quotient `x / step` may lie from a whole number and still count as it, so that
  /// rounding in the division (0.3 / 0.1 = 2.9999999999999996) adds no tick below or above.
  static let indexTolerance = 1e-9

  /// Ticks covering `lower…upper`, about `count` of them (Heckbert's loose labelling gives
  /// between `count − 2` and `count + 2` or so).
  ///
  /// An empty range (`lower == upper`) is widened first: 0 to `0…1`, anything else by half its
  /// magnitude either side. With `integral`, the step is at least 1 (rounds, heights, counts).
  /// Ranges whose numbers cannot be written this way (beyond about 10^±300) get two ticks at
  /// their ends, labelled in Swift's shortest form.
  /// - Precondition: both ends finite, `lower ≤ upper`, `count ≥ 2`.
  init(covering lower: Double, _ upper: Double, count: Int = 5, integral: Bool = false) {
    precondition(lower.isFinite && upper.isFinite, "NiceTicks: range \(lower)…\(upper)")
    precondition(lower <= upper, "NiceTicks: \(lower) > \(upper)")
    precondition(count >= 2, "NiceTicks: \(count) ticks")
    var (low, high) = (lower, upper)
    if low == high {
      let half = low == 0 ? 0.5 : abs(low) / 2
      (low, high) = low == 0 ? (0, 1) : (low - half, high + half)
    }
    if let ticks = Self.heckbert(low, high, count: count, integral: integral) {
      self = ticks
    } else {
      values = [low, high]
      labels = ["\(low)", "\(high)"]
    }
  }

  private init(values: [Double], labels: [String]) {
    self.values = values
    self.labels = labels
  }

  /// The loose labelling, or nil when a step or an index does not fit (absurd magnitudes).
  private static func heckbert(_ low: Double, _ high: Double, count: Int, integral: Bool)
    -> NiceTicks?
  {
    let span = high - low
    guard span.isFinite, span > 0, let range = nice(span, rounding: false) else { return nil }
    let rangeValue = value(range.mantissa, range.exponent)
    guard var step = nice(rangeValue / Double(count - 1), rounding: true) else { return nil }
    if integral && step.exponent < 0 { step = (1, 0) }
    let stepValue = value(step.mantissa, step.exponent)
    guard stepValue.isNormal else { return nil }
    let first = (low / stepValue + indexTolerance).rounded(.down)
    let last = (high / stepValue - indexTolerance).rounded(.up)
    // Indices stay far below 2⁵³ for any finite range (a step is at least a tenth of it), but a
    // product with the mantissa must stay an exact integer too.
    guard abs(first) < 1e15, abs(last) < 1e15, last - first <= 10_000 else { return nil }
    var values: [Double] = []
    var labels: [String] = []
    for index in Int64(first)...Int64(last) {
      let units = index * step.mantissa
      values.append(value(units, step.exponent))
      labels.append(label(units, step.exponent))
    }
    guard values.allSatisfy(\.isFinite), values.count >= 2 else { return nil }
    return NiceTicks(values: values, labels: labels)
  }

  /// Heckbert's `nicenum`: `x` as 1, 2 or 5 times a power of ten (10 × 10^e is written 1 ×
  /// 10^(e+1)), rounding up or to the nearest; nil beyond 10^±300.
  static func nice(_ x: Double, rounding: Bool) -> (mantissa: Int64, exponent: Int)? {
    guard x.isFinite, x > 0 else { return nil }
    // The exponent by comparison with powers of ten rather than `log10`, which may come out a
    // hair below 3 for 1000 and needs no C library here.
    var exponent = 0
    while value(1, exponent + 1) <= x {
      exponent += 1
      if exponent > 300 { return nil }
    }
    while value(1, exponent) > x {
      exponent -= 1
      if exponent < -300 { return nil }
    }
    let fraction = x / value(1, exponent)
    let mantissa: Int64
    if rounding {
      mantissa = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    } else {
      mantissa = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    }
    return mantissa == 10 ? (1, exponent + 1) : (mantissa, exponent)
  }

  /// `units × 10^exponent` as the nearest double (one correctly rounded multiplication or
  /// division by an exact power of ten, for exponents up to 22).
  static func value(_ units: Int64, _ exponent: Int) -> Double {
    if exponent >= 0 {
      return Double(units) * pow10(exponent)
    }
    return Double(units) / pow10(-exponent)
  }

  /// `units × 10^exponent` written exactly: `label(25, -1)` is `2.5`, `label(3, 2)` is `300`.
  static func label(_ units: Int64, _ exponent: Int) -> String {
    if exponent >= 0 {
      guard units != 0 else { return "0" }
      return String(units) + String(repeating: "0", count: exponent)
    }
    return DecimalText.scaledInteger(units, decimals: -exponent)
  }

  /// 10^`exponent` for 0…~308: exact through 10²², the nearest double beyond.
  private static func pow10(_ exponent: Int) -> Double {
    exponent <= 22
      ? DecimalText.powerOfTen(exponent)
      : DecimalText.powerOfTen(22) * pow10(exponent - 22)
  }
}
