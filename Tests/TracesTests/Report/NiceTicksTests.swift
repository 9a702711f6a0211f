import Testing

@testable import Traces

/// Heckbert's loose labelling on ranges worked by hand: the range is rounded up to 1, 2, 5 or 10
/// times a power of ten, the step is range / (count − 1) rounded to the nearest of those (below
/// 1.5 → 1, below 3 → 2, below 7 → 5, else 10), and the ticks run from ⌊lower / step⌋ to
/// ⌈upper / step⌉ steps.
struct NiceTicksTests {
  @Test func runTimeOfEightSecondsGetsStepsOfTwo() {
    // 7.9 rounds up to 10; 10 / 4 = 2.5 rounds to 2; ⌈7.9 / 2⌉ = 4 steps: 0…8.
    let ticks = NiceTicks(covering: 0, 7.9)
    #expect(ticks.values == [0, 2, 4, 6, 8])
    #expect(ticks.labels == ["0", "2", "4", "6", "8"])
  }

  @Test func accuracyFromZeroGetsOneDecimal() {
    // 0.9749 rounds up to 1; 1 / 4 = 0.25 rounds to 0.2; ⌈0.9749 / 0.2⌉ = 5: 0.0…1.0, every
    // label with the step's one decimal.
    let ticks = NiceTicks(covering: 0, 0.9749)
    #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(ticks.values.count == 6 && ticks.values[3] == 0.6 && ticks.upper == 1)
  }

  @Test func accuracyRangeAwayFromZeroStartsBelowIt() {
    // 0.975 − 0.53 = 0.445 rounds up to 0.5; 0.5 / 4 = 0.125 rounds to 0.1; ⌊5.3⌋ = 5 and
    // ⌈9.75⌉ = 10: 0.5…1.0.
    let ticks = NiceTicks(covering: 0.53, 0.975)
    #expect(ticks.labels == ["0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
  }

  @Test func tenTicksOverTwentyOneSeconds() {
    // 21 rounds up to 50; 50 / 9 = 5.6 rounds to 5; ⌈21 / 5⌉ = 5 steps: 0…25.
    #expect(NiceTicks(covering: 0, 21, count: 10).labels == ["0", "5", "10", "15", "20", "25"])
  }

  @Test func negativeLowerEndIsCovered() {
    // 7 − (−3) = 10 stays 10; 10 / 4 = 2.5 rounds to 2; ⌊−1.5⌋ = −2 and ⌈3.5⌉ = 4: −4…8.
    let ticks = NiceTicks(covering: -3, 7)
    #expect(ticks.labels == ["-4", "-2", "0", "2", "4", "6", "8"])
    #expect(ticks.values.first == -4)
  }

  @Test func divisionNoiseAddsNoTick() {
    // 0.4 rounds up to 0.5 and the step is 0.1, but 0.3 / 0.1 is 2.9999999999999996 and 0.7 /
    // 0.1 is 6.999999999999999 in doubles: without the tolerance the ticks would start at 0.2.
    let ticks = NiceTicks(covering: 0.3, 0.7)
    #expect(ticks.labels == ["0.3", "0.4", "0.5", "0.6", "0.7"])
  }

  @Test func emptyRangesAreWidened() {
    // 0…0 becomes 0…1 (the accuracy case: 0.0…1.0 by 0.2); 20…20 becomes 10…30, whose 20
    // rounds up to 20 and 20 / 4 = 5 stays 5.
    #expect(NiceTicks(covering: 0, 0).labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(NiceTicks(covering: 20, 20).labels == ["10", "15", "20", "25", "30"])
  }

  @Test func integralTicksNeverSplitAUnit() {
    // Two rounds: 1 stays 1 and 1 / 9 = 0.11 rounds to 0.1, raised to 1 for whole numbers.
    #expect(NiceTicks(covering: 1, 2, count: 10, integral: true).labels == ["1", "2"])
    #expect(NiceTicks(covering: 1, 2, count: 10).labels.count == 11)
  }

  @Test func largeValuesGetExactLabels() {
    // Gas of 7.39e9: rounds up to 1e10, 2.5e9 rounds to 2e9, ⌈3.7⌉ = 4 steps; labels from the
    // integers, not from `Double` text (which would write 2e+09).
    let ticks = NiceTicks(covering: 0, 7.39e9)
    #expect(ticks.labels == ["0", "2000000000", "4000000000", "6000000000", "8000000000"])
    #expect(ticks.values[4] == 8e9)
  }

  @Test func absurdMagnitudesFallBackToTheEnds() {
    // 1e305 is beyond the 10^±300 the labels are written for: two ticks at the ends.
    let ticks = NiceTicks(covering: 0, 1e305)
    #expect(ticks.values == [0, 1e305])
    #expect(ticks.labels == ["0.0", "1e+305"])
  }

  @Test func niceNumbersRoundUpOrToTheNearest() {
    #expect(NiceTicks.nice(7.9, rounding: false)! == (1, 1))
    #expect(NiceTicks.nice(2.5, rounding: true)! == (2, 0))
    #expect(NiceTicks.nice(0.0449, rounding: false)! == (5, -2))
    #expect(NiceTicks.nice(1000, rounding: true)! == (1, 3))
    #expect(NiceTicks.nice(0, rounding: true) == nil)
  }
}
