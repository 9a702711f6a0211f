/// A number of bytes: a payload, a message, a counter of traffic.
public struct ByteCount: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// The count in bytes.
  public var bytes: Int64

  @inlinable public init(bytes: Int64) { self.bytes = bytes }
  @inlinable public init(integerLiteral value: Int64) { self.bytes = value }

  public static let zero = ByteCount(bytes: 0)

  @inlinable public static func bytes(_ n: Int64) -> ByteCount { ByteCount(bytes: n) }
  @inlinable public static func kilobytes(_ n: Int64) -> ByteCount { ByteCount(bytes: n * 1_000) }
  @inlinable public static func megabytes(_ n: Int64) -> ByteCount {
    ByteCount(bytes: n * 1_000_000)
  }

  @inlinable public static func < (a: ByteCount, b: ByteCount) -> Bool { a.bytes < b.bytes }
  @inlinable public static func + (a: ByteCount, b: ByteCount) -> ByteCount {
    ByteCount(bytes: a.bytes + b.bytes)
  }
  @inlinable public static func - (a: ByteCount, b: ByteCount) -> ByteCount {
    ByteCount(bytes: a.bytes - b.bytes)
  }
  @inlinable public static func += (a: inout ByteCount, b: ByteCount) { a.bytes += b.bytes }
  @inlinable public static func * (a: ByteCount, k: Int64) -> ByteCount {
    ByteCount(bytes: a.bytes * k)
  }

  /// Decimal SI form for tables: `1.5 MB`, `812 B`.
  public var description: String {
    let units: [(Int64, String)] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB")]
    for (scale, name) in units where bytes.magnitude >= scale {
      let scaled = Double(bytes) / Double(scale)
      return "\((scaled * 100).rounded() / 100) \(name)"
    }
    return "\(bytes) B"
  }
}
