/// A data rate in bits per second: a link's bandwidth in one direction.
public struct BitRate: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The rate in bits per second; always positive for a usable link.
  public var bitsPerSecond: Int64

  @inlinable public init(bitsPerSecond: Int64) { self.bitsPerSecond = bitsPerSecond }

  @inlinable public static func bitsPerSecond(_ n: Int64) -> BitRate { BitRate(bitsPerSecond: n) }
  @inlinable public static func megabitsPerSecond(_ n: Int64) -> BitRate {
    BitRate(bitsPerSecond: n * 1_000_000)
  }
  @inlinable public static func gigabitsPerSecond(_ n: Int64) -> BitRate {
    BitRate(bitsPerSecond: n * 1_000_000_000)
  }
  @inlinable public static func megabytesPerSecond(_ n: Int64) -> BitRate {
    BitRate(bitsPerSecond: n * 8_000_000)
  }

  /// The rate in bytes per second, as the flow solver works in bytes.
  @inlinable public var bytesPerSecond: Double { Double(bitsPerSecond) / 8 }

  @inlinable public static func < (a: BitRate, b: BitRate) -> Bool {
    a.bitsPerSecond < b.bitsPerSecond
  }

  /// The time to push `size` through this rate alone, rounded up to the next nanosecond.
  ///
  /// This is the one place the transmission-time rule lives: `ceil(bytes × 8 × 10⁹ / bps)`
  /// computed over `Int128` so that no intermediate overflows or loses precision.
  /// - Precondition: the rate is positive and the size not negative.
  public func transmissionTime(for size: ByteCount) -> SimDuration {
    precondition(
      bitsPerSecond > 0, "transmissionTime needs a positive rate, got \(bitsPerSecond) bps")
    precondition(size.bytes >= 0, "transmissionTime needs a non-negative size, got \(size.bytes) B")
    let numerator = Int128(size.bytes) * 8 * 1_000_000_000
    let rate = Int128(bitsPerSecond)
    let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: rate)
    let ns = quotient + (remainder == 0 ? 0 : 1)
    precondition(
      ns <= Int128(Int64.max), "transmission of \(size.bytes) B at \(bitsPerSecond) bps overflows")
    return SimDuration(nanoseconds: Int64(ns))
  }

  /// In bits per second, as networks are rated, with the largest unit that divides the rate
  /// exactly: `1Gbps`, `80Mbps`, `12345bps`. `BitRate(parsing:)` reads it back.
  public var description: String {
    let bitUnits: [(Int64, String)] = [
      (1_000_000_000, "Gbps"), (1_000_000, "Mbps"), (1_000, "kbps"),
    ]
    for (scale, name) in bitUnits where bitsPerSecond % scale == 0 && bitsPerSecond >= scale {
      return "\(bitsPerSecond / scale)\(name)"
    }
    return "\(bitsPerSecond)bps"
  }
}
