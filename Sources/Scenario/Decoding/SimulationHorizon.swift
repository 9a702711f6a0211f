import Platform
import SimCore

/// Bounds that keep every simulated instant inside `Int64` nanoseconds (about 292 years), so that
/// an extreme scenario gets an input error instead of an arithmetic trap: one message or one task
/// may take at most `perActivity`, and a run stops once its clock passes `runLimit` (with a
/// warning). The two add up to 250 years, below the representable range.
enum SimulationHorizon {
  static let secondsPerYear: Int64 = 365 * 86_400
  /// The longest a single transfer or task may take, and the latest a transfer may start.
  static let perActivity = SimDuration.seconds(100 * secondsPerYear)
  /// A run stops at the first event after this instant.
  static let runLimit = SimInstant.zero + .seconds(150 * secondsPerYear)

  /// Nanoseconds to push `bytes` through the slowest channel of `route`, in `Int128` so that no
  /// input overflows the arithmetic.
  static func slowestTransmission(bytes: Int64, over route: Route, in topology: Topology) -> Int128
  {
    guard let slowest = route.channels.map({ topology.bandwidth(of: $0).bitsPerSecond }).min()
    else {
      return 0
    }
    return (Int128(bytes) * 8 * 1_000_000_000 + Int128(slowest) - 1) / Int128(slowest)
  }

  /// Nanoseconds `count` operations take at `perSecond`.
  static func duration(count: Int128, perSecond: Int64) -> Int128 {
    (count * 1_000_000_000 + Int128(perSecond) - 1) / Int128(perSecond)
  }

  /// True when `nanoseconds` is within `perActivity`.
  static func fits(_ nanoseconds: Int128) -> Bool { nanoseconds <= Int128(perActivity.nanoseconds) }

  /// `nanoseconds` in years, for error messages.
  static func years(_ nanoseconds: Int128) -> String {
    let years = Double(nanoseconds) / 1e9 / Double(secondsPerYear)
    return years >= 1e6 ? "\(Int64(years / 1e6)) million years" : "\(Int64(years.rounded())) years"
  }
}
