import Testing

@testable import SimCore

struct QuantityParsingTests {
  @Test(
    arguments: [
      ("250us", 250_000), ("10ms", 10_000_000), ("1.5s", 1_500_000_000), ("0s", 0), ("7ns", 7),
      ("0.000000001s", 1), ("2.02s", 2_020_000_000),
    ] as [(String, Int64)])
  func durationsParseExactly(text: String, nanoseconds: Int64) {
    #expect(SimDuration(parsing: text)?.nanoseconds == nanoseconds)
  }

  @Test(arguments: [
    "10 ms", "10", "ms", "-1s", "1e3ms", "1.ms", ".5s", "10mss", "0.0000000001s", "10MS",
  ])
  func malformedDurationsAreRejected(text: String) {
    #expect(SimDuration(parsing: text) == nil)
  }

  @Test(
    arguments: [
      // Lower-case b is bits, upper-case B bytes: 10 MBps = 80,000,000 bit/s.
      ("10MBps", 80_000_000), ("10Mbps", 10_000_000), ("1Gbps", 1_000_000_000), ("1.5kbps", 1_500),
      ("100bps", 100), ("2GBps", 16_000_000_000),
    ] as [(String, Int64)])
  func ratesParseWithBitsAndBytes(text: String, bitsPerSecond: Int64) {
    #expect(BitRate(parsing: text)?.bitsPerSecond == bitsPerSecond)
  }

  @Test(arguments: ["10mb", "10 Mbps", "10", "Mbps", "0.1bps", "10MBPS"])
  func malformedRatesAreRejected(text: String) {
    #expect(BitRate(parsing: text) == nil)
  }

  @Test func sizesAcceptDecimalAndBinaryUnits() {
    #expect(ByteCount(parsing: "1.5MB")?.bytes == 1_500_000)
    #expect(ByteCount(parsing: "64KiB")?.bytes == 65_536)
    #expect(ByteCount(parsing: "1.5B") == nil)  // not a whole byte
  }

  @Test func transmissionTimeRoundsUpToTheNanosecond() {
    // 1 byte at 3 bit/s: 8/3 s = 2.666…s → 2,666,666,667 ns.
    #expect(BitRate(bitsPerSecond: 3).transmissionTime(for: 1).nanoseconds == 2_666_666_667)
    // 10 MB at 10 MBps is exactly one second.
    #expect(BitRate.megabytesPerSecond(10).transmissionTime(for: .megabytes(10)) == .seconds(1))
  }

  @Test func durationDescriptionIsExactDecimalSeconds() {
    #expect(SimDuration.milliseconds(2020).description == "2.02s")
    #expect(SimDuration.nanoseconds(1).description == "0.000000001s")
    #expect(SimDuration.seconds(3).description == "3s")
  }
}
