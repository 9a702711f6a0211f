/// A point on the simulated clock: nanoseconds since the start of the run.
public struct SimInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Nanoseconds since the run started at zero.
  public var nanosecondsSinceStart: Int64

  /// The instant `nanosecondsSinceStart` nanoseconds after the start of the run.
  @inlinable public init(nanosecondsSinceStart: Int64) {
    self.nanosecondsSinceStart = nanosecondsSinceStart
  }

  /// The start of every run.
  public static let zero = SimInstant(nanosecondsSinceStart: 0)
  /// An instant later than any event a run can schedule; used as "never".
  public static let distantFuture = SimInstant(nanosecondsSinceStart: .max)

  @inlinable public static func < (a: SimInstant, b: SimInstant) -> Bool {
    a.nanosecondsSinceStart < b.nanosecondsSinceStart
  }
  @inlinable public static func + (a: SimInstant, d: SimDuration) -> SimInstant {
    SimInstant(nanosecondsSinceStart: a.nanosecondsSinceStart + d.nanoseconds)
  }
  @inlinable public static func += (a: inout SimInstant, d: SimDuration) {
    a.nanosecondsSinceStart += d.nanoseconds
  }
  @inlinable public static func - (a: SimInstant, d: SimDuration) -> SimInstant {
    SimInstant(nanosecondsSinceStart: a.nanosecondsSinceStart - d.nanoseconds)
  }
  /// The time from `b` to `a`.
  @inlinable public static func - (a: SimInstant, b: SimInstant) -> SimDuration {
    SimDuration(nanoseconds: a.nanosecondsSinceStart - b.nanosecondsSinceStart)
  }

  /// Seconds since the start, for display only.
  public var seconds: Double { Double(nanosecondsSinceStart) / 1e9 }

  public var description: String {
    "t=" + SimDuration.format(nanoseconds: nanosecondsSinceStart) + "s"
  }
}
