/// A length of simulated time, in integer nanoseconds.
///
/// Durations and instants are separate types so that adding two instants does not compile.
/// Arithmetic traps on overflow: a simulation that overflows 292 years of nanoseconds has a bug.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The length in nanoseconds. Never negative when produced by the factories below.
  public var nanoseconds: Int64

  /// A duration of exactly `nanoseconds` nanoseconds.
  @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  /// No time at all.
  public static let zero = SimDuration(nanoseconds: 0)

  @inlinable public static func nanoseconds(_ n: Int64) -> SimDuration {
    SimDuration(nanoseconds: n)
  }
  @inlinable public static func microseconds(_ n: Int64) -> SimDuration {
    SimDuration(nanoseconds: n * 1_000)
  }
  @inlinable public static func milliseconds(_ n: Int64) -> SimDuration {
    SimDuration(nanoseconds: n * 1_000_000)
  }
  @inlinable public static func seconds(_ n: Int64) -> SimDuration {
    SimDuration(nanoseconds: n * 1_000_000_000)
  }

  /// How a duration built from a real number of seconds lands on the nanosecond grid.
  public enum Rounding: Sendable {
    /// The smallest whole nanosecond not below the value: used for completion times, so that a
    /// transfer or a task is never reported as done before its work is.
    case up
    /// The nearest whole nanosecond, ties away from zero.
    case nearest
    /// The largest whole nanosecond not above the value.
    case down
  }

  /// A duration of `seconds` seconds, rounded onto the nanosecond grid as `rounding` says.
  /// - Precondition: `seconds` is finite, not negative, and below about 292 years.
  public init(seconds: Double, rounding: Rounding) {
    precondition(
      seconds.isFinite && seconds >= 0,
      "SimDuration(seconds:) needs a finite, non-negative value, got \(seconds)")
    let ns = seconds * 1e9
    let rounded: Double
    switch rounding {
    case .up: rounded = ns.rounded(.up)
    case .nearest: rounded = ns.rounded(.toNearestOrAwayFromZero)
    case .down: rounded = ns.rounded(.down)
    }
    precondition(rounded < 9.2e18, "SimDuration(seconds: \(seconds)) overflows Int64 nanoseconds")
    self.nanoseconds = Int64(rounded)
  }

  /// The length in seconds, for display and analysis only (never for scheduling).
  public var seconds: Double { Double(nanoseconds) / 1e9 }

  @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool {
    a.nanoseconds < b.nanoseconds
  }
  @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
    SimDuration(nanoseconds: a.nanoseconds + b.nanoseconds)
  }
  @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration {
    SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds)
  }
  @inlinable public static func += (a: inout SimDuration, b: SimDuration) {
    a.nanoseconds += b.nanoseconds
  }
  @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration {
    SimDuration(nanoseconds: a.nanoseconds * k)
  }

  /// Seconds with up to nine decimals and no trailing zeros, e.g. `2.02s`; locale-free.
  public var description: String { SimDuration.format(nanoseconds: nanoseconds) + "s" }

  /// `ns` nanoseconds written as decimal seconds without trailing zeros (`2.02`, `0.000001`).
  public static func format(nanoseconds ns: Int64) -> String {
    let sign = ns < 0 ? "-" : ""
    let magnitude = ns.magnitude
    let whole = magnitude / 1_000_000_000
    var fraction = magnitude % 1_000_000_000
    if fraction == 0 { return "\(sign)\(whole)" }
    var digits = 9
    while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
    let text = String(fraction)
    return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
  }
}
