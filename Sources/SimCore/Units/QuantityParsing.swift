/// Parsing of quantities written with their unit glued to the number, as scenario files do:
/// `250us`, `10ms`, `1.5s`, `10Mbps` (bits per second), `10MBps` (bytes per second), `1.5MB`.
///
/// Parsing is exact decimal arithmetic, never through `Double`: `0.1s` is exactly 100,000,000 ns.
/// A value that does not land on a whole nanosecond, bit per second or byte is rejected rather
/// than rounded. Spaces, signs, exponents and unknown units are rejected.
public enum QuantityParsing {
  /// Duration units accepted by `SimDuration(parsing:)`, with their length in nanoseconds.
  public static let durationUnits: [(suffix: String, nanoseconds: Int64)] = [
    ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
  ]
  /// Rate units accepted by `BitRate(parsing:)`, with their size in bits per second.
  /// Lower-case `b` is bits, upper-case `B` is bytes.
  public static let rateUnits: [(suffix: String, bitsPerSecond: Int64)] = [
    ("bps", 1), ("kbps", 1_000), ("Mbps", 1_000_000), ("Gbps", 1_000_000_000),
    ("Bps", 8), ("kBps", 8_000), ("MBps", 8_000_000), ("GBps", 8_000_000_000),
  ]
  /// Size units accepted by `ByteCount(parsing:)`, with their size in bytes.
  public static let sizeUnits: [(suffix: String, bytes: Int64)] = [
    ("B", 1), ("kB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000),
    ("KiB", 1_024), ("MiB", 1_048_576), ("GiB", 1_073_741_824),
  ]

  /// A human-readable list of the accepted suffixes, for error messages.
  public static func describe(_ suffixes: [String]) -> String { suffixes.joined(separator: ", ") }

  /// `text` as `number × scale` of the unit whose suffix ends it, or nil when the number is not
  /// a plain non-negative decimal, the unit is unknown, or the result is not a whole multiple of
  /// the base unit or overflows.
  static func parse(_ text: String, units: [(String, Int64)]) -> Int64? {
    // Longest suffix first, so that "ms" is not read as "m" + "s" and "MBps" not as "Bps".
    let sorted = units.sorted { $0.0.count > $1.0.count }
    guard let unit = sorted.first(where: { text.hasSuffix($0.0) }) else { return nil }
    let number = text.dropLast(unit.0.count)
    guard !number.isEmpty else { return nil }
    let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let wholeText = parts[0]
    let fractionText = parts.count > 1 ? parts[1] : ""
    guard !wholeText.isEmpty, wholeText.allSatisfy({ $0.isASCII && $0.isNumber }),
      fractionText.allSatisfy({ $0.isASCII && $0.isNumber }),
      parts.count == 1 || !fractionText.isEmpty
    else { return nil }
    guard let whole = Int64(wholeText) else { return nil }
    var (value, overflow) = whole.multipliedReportingOverflow(by: unit.1)
    if overflow { return nil }
    // Each fraction digit adds digit × scale / 10^k; the result must stay whole.
    var denominator: Int64 = 1
    var fractionNumerator: Int64 = 0
    for digit in fractionText {
      guard denominator < 1_000_000_000_000_000 else { return nil }
      denominator *= 10
      fractionNumerator = fractionNumerator * 10 + Int64(digit.wholeNumberValue!)
    }
    if denominator > 1 {
      let (scaled, scaledOverflow) = fractionNumerator.multipliedReportingOverflow(by: unit.1)
      if scaledOverflow || scaled % denominator != 0 { return nil }
      (value, overflow) = value.addingReportingOverflow(scaled / denominator)
      if overflow { return nil }
    }
    return value
  }
}

extension SimDuration {
  /// Parses `10ms`, `250us`, `1.5s`, `0s`; nil for anything else (see `QuantityParsing`).
  public init?(parsing text: String) {
    guard
      let ns = QuantityParsing.parse(
        text, units: QuantityParsing.durationUnits.map { ($0.suffix, $0.nanoseconds) })
    else { return nil }
    self.init(nanoseconds: ns)
  }
}

extension BitRate {
  /// Parses `10Mbps` (bits) or `10MBps` (bytes per second); nil for anything else.
  public init?(parsing text: String) {
    guard
      let bps = QuantityParsing.parse(
        text, units: QuantityParsing.rateUnits.map { ($0.suffix, $0.bitsPerSecond) })
    else { return nil }
    self.init(bitsPerSecond: bps)
  }
}

extension ByteCount {
  /// Parses `1500B`, `1.5MB`, `64KiB`; nil for anything else.
  public init?(parsing text: String) {
    guard
      let bytes = QuantityParsing.parse(
        text, units: QuantityParsing.sizeUnits.map { ($0.suffix, $0.bytes) })
    else { return nil }
    self.init(bytes: bytes)
  }
}
