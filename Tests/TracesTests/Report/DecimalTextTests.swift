import Testing

@testable import Traces

struct DecimalTextTests {
  @Test func fixedRoundsHalfAwayFromZeroWithoutNegativeZero() {
    // 2.25 and 0.125 are exact in binary, so these are true halves.
    #expect(DecimalText.fixed(2.25, decimals: 1) == "2.3")
    #expect(DecimalText.fixed(-2.25, decimals: 1) == "-2.3")
    #expect(DecimalText.fixed(0.125, decimals: 2) == "0.13")
    #expect(DecimalText.fixed(-0.001, decimals: 2) == "0.00")
    #expect(DecimalText.fixed(105, decimals: 1) == "105.0")
    #expect(DecimalText.fixed(3, decimals: 0) == "3")
  }

  @Test func scaledIntegersPlaceThePointExactly() {
    #expect(DecimalText.scaledInteger(-25, decimals: 1) == "-2.5")
    #expect(DecimalText.scaledInteger(7, decimals: 3) == "0.007")
    #expect(DecimalText.scaledInteger(0, decimals: 2) == "0.00")
  }

  @Test func groupsOfThreeDigits() {
    #expect(DecimalText.grouped(21_270_720) == "21,270,720")
    #expect(DecimalText.grouped(-1_000) == "-1,000")
    #expect(DecimalText.grouped(999) == "999")
    #expect(DecimalText.grouped(0) == "0")
  }

  @Test func durationsInTheirLargestUnit() {
    // The default run's fedavg round: 395,326,297 ns; its aggregation 4,801 ns.
    #expect(DecimalText.seconds(nanoseconds: 7_906_525_940) == "7.907 s")
    #expect(DecimalText.seconds(nanoseconds: 500_000) == "0.001 s")
    #expect(DecimalText.duration(nanoseconds: 395_326_297) == "395.3 ms")
    #expect(DecimalText.duration(nanoseconds: 4_801) == "4.8 µs")
    #expect(DecimalText.duration(nanoseconds: 999) == "999 ns")
    #expect(DecimalText.duration(nanoseconds: 21_000_162_799) == "21.000 s")
  }

  @Test func readableValuesForTables() {
    #expect(DecimalText.readable(1_629) == "1,629")
    #expect(DecimalText.readable(2.6560543731043524) == "2.6561")
    #expect(DecimalText.readable(1.5e-7) == "1.5e-07")
  }
}
