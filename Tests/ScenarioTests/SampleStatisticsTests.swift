import Foundation
import Testing

@testable import Scenario

struct SampleStatisticsTests {
  /// Relative tolerance against reference values printed to 13 significant digits or more.
  private static let referenceTolerance = 1e-9
  /// Relative tolerance against closed forms evaluated in double precision.
  private static let closedFormTolerance = 1e-13
  /// Relative tolerance of F(F⁻¹(p)) against p: F's own error (below 10⁻¹⁴ at these points)
  /// plus the rounding of the root to a double, with room to spare.
  private static let roundTripTolerance = 1e-12

  private static func isClose(_ actual: Double, _ expected: Double, relative: Double) -> Bool {
    abs(actual - expected) <= relative * abs(expected)
  }

  // MARK: - Student's t

  /// t(0.975, ν), the two-sided 95% critical values. Rounded to three decimals they are the
  /// NIST/SEMATECH e-Handbook §1.3.6.7.2 table (12.706, 4.303, 2.571, 2.365, 2.228, 2.042,
  /// 1.984); the digits here are mpmath 1.3 at 40 significant digits (findroot on
  /// ½ I_{ν/(ν+t²)}(ν/2, ½) = 0.025) and agree with scipy.stats.t.ppf to every digit shown.
  @Test(arguments: [
    (1, 12.706204736174693), (2, 4.302652729749462), (5, 2.570581835636315),
    (7, 2.364624251592785), (10, 2.228138851986274), (30, 2.042272456301238),
    (100, 1.983971518523552),
  ])
  func quantileAt975MatchesReferenceValues(degreesOfFreedom: Int, expected: Double) {
    let t = StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom)
    #expect(Self.isClose(t, expected, relative: Self.referenceTolerance), "ν \(degreesOfFreedom)")
  }

  @Test(arguments: [1, 2, 5, 7, 10, 30, 100, 1_000_000])
  func quantileIsAntisymmetric(degreesOfFreedom: Int) {
    // 1 − 0.75 = 0.25 is exact, so the two calls solve the same problem: bit-equal.
    #expect(
      StudentT.quantile(0.25, degreesOfFreedom: degreesOfFreedom)
        == -StudentT.quantile(0.75, degreesOfFreedom: degreesOfFreedom))
    // 1 − 0.975 differs from the double 0.025 by 2·10⁻¹⁷, about 10⁻¹⁵ of it.
    let upper = StudentT.quantile(0.975, degreesOfFreedom: degreesOfFreedom)
    let lower = StudentT.quantile(0.025, degreesOfFreedom: degreesOfFreedom)
    #expect(Self.isClose(lower, -upper, relative: Self.closedFormTolerance))
  }

  @Test(arguments: [1, 2, 5, 30, 1_000_000, Int.max])
  func cumulativeIsOneHalfAtZero(degreesOfFreedom: Int) {
    // The density is symmetric about 0.
    #expect(StudentT.cumulative(0, degreesOfFreedom: degreesOfFreedom) == 0.5)
    #expect(StudentT.cumulative(-0.0, degreesOfFreedom: degreesOfFreedom) == 0.5)
  }

  @Test func oneDegreeOfFreedomIsTheCauchyDistribution() {
    // ν = 1: F(t) = ½ + atan(t)/π, so F(1) = ¾ and F⁻¹(p) = tan(π(p − ½)) = −1/tan(πp).
    #expect(
      Self.isClose(
        StudentT.cumulative(1, degreesOfFreedom: 1), 0.75, relative: Self.closedFormTolerance))
    #expect(
      Self.isClose(
        StudentT.quantile(0.75, degreesOfFreedom: 1), 1, relative: Self.closedFormTolerance))
    for t in [-1e6, -3.5, 0.1, 12.0] {
      // For t < 0, ½ + atan(t)/π = atan(1/|t|)/π, which avoids the cancellation.
      let expected = t < 0 ? atan(-1 / t) / .pi : 0.5 + atan(t) / .pi
      #expect(
        Self.isClose(
          StudentT.cumulative(t, degreesOfFreedom: 1), expected,
          relative: Self.closedFormTolerance), "t \(t)")
    }
    // Far tail: tan(π·10⁻³⁰⁰) = π·10⁻³⁰⁰ to double precision.
    let far = StudentT.quantile(1e-300, degreesOfFreedom: 1)
    #expect(Self.isClose(far, -1 / (.pi * 1e-300), relative: Self.closedFormTolerance))
  }

  @Test func twoDegreesOfFreedomMatchClosedForm() {
    // ν = 2: F(t) = ½ + t / (2√(t² + 2)), so F⁻¹(p) = (2p − 1) / √(2p(1 − p)).
    for p in [1e-10, 0.025, 0.3, 0.9, 0.975] {
      let expected = (2 * p - 1) / (2 * p * (1 - p)).squareRoot()
      #expect(
        Self.isClose(
          StudentT.quantile(p, degreesOfFreedom: 2), expected, relative: Self.closedFormTolerance),
        "p \(p)")
    }
    for t in [-40.0, -1, 0.5, 3] {
      // For t < 0, with r = √(t² + 2): ½ − |t|/(2r) = (r − |t|)/(2r) = 1/(r (r + |t|)).
      let r = (t * t + 2).squareRoot()
      let expected = t < 0 ? 1 / (r * (r - t)) : 0.5 + t / (2 * r)
      #expect(
        Self.isClose(
          StudentT.cumulative(t, degreesOfFreedom: 2), expected, relative: Self.closedFormTolerance
        ), "t \(t)")
    }
  }

  @Test(arguments: [1, 3, 8, 50, 10_000])
  func cumulativeInvertsQuantile(degreesOfFreedom: Int) {
    // The quantile is the root of F(t) = p, so F brings p back to within F's own error.
    for p in [1e-12, 0.001, 0.2, 0.5000001, 0.8, 0.999] {
      let t = StudentT.quantile(p, degreesOfFreedom: degreesOfFreedom)
      let back = StudentT.cumulative(t, degreesOfFreedom: degreesOfFreedom)
      #expect(
        Self.isClose(back, p, relative: Self.roundTripTolerance), "ν \(degreesOfFreedom), p \(p)")
    }
  }

  @Test func hugeDegreesOfFreedomApproachTheNormal() {
    // As ν → ∞ the quantile tends to the normal one, Φ⁻¹(0.975) = 1.959963984540054 (mpmath);
    // at ν = Int.max ≈ 9.2·10¹⁸ the difference, about (z³ + z)/(4ν) ≈ 3·10⁻¹⁹, is below one ulp.
    let t = StudentT.quantile(0.975, degreesOfFreedom: Int.max)
    #expect(Self.isClose(t, 1.959963984540054, relative: Self.closedFormTolerance))
  }

  // MARK: - Sample statistics

  @Test func statisticsOfAHandComputedSample() {
    // Sum 40 over 8 values: mean 5. Deviations −3, −1, −1, −1, 0, 0, 2, 4 square to
    // 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32, so s² = 32/7 and s = √(32/7) ≈ 2.138089935299395.
    // Half width t(0.975, 7) · s / √8 = t · √(32/56) = t · 2/√7, with t(0.975, 7) =
    // 2.364624251592785 (mpmath, as above; NIST's table: 2.365): 1.787487918236210.
    let statistics = SampleStatistics([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(statistics.count == 8)
    #expect(statistics.mean == 5)
    #expect(
      Self.isClose(
        statistics.standardDeviation, (32.0 / 7).squareRoot(), relative: Self.closedFormTolerance))
    let halfWidth = 2.364624251592785 * 2 / 7.0.squareRoot()
    #expect(Self.isClose(halfWidth, 1.787487918236210, relative: Self.closedFormTolerance))
    #expect(
      Self.isClose(statistics.confidenceHalfWidth, halfWidth, relative: Self.referenceTolerance))
    #expect(
      Self.isClose(statistics.confidenceLow, 5 - halfWidth, relative: Self.referenceTolerance))
    #expect(
      Self.isClose(statistics.confidenceHigh, 5 + halfWidth, relative: Self.referenceTolerance))
  }

  @Test func twoPassVarianceSurvivesALargeOffset() {
    // 10⁹ + {4, 7, 13, 16}: the sum 4·10⁹ + 40 and the mean 10⁹ + 10 are exact, deviations
    // −6, −3, 3, 6 square to 90, so s² = 90/3 = 30 exactly. The one-pass Σx² − n·mean² would
    // subtract two numbers near 4·10¹⁸, whose spacing is 512.
    let statistics = SampleStatistics([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
    #expect(statistics.mean == 1e9 + 10)
    #expect(statistics.standardDeviation == 30.0.squareRoot())
  }

  @Test func singleValueHasAMeanButNoSpread() {
    let statistics = SampleStatistics([3.25])
    #expect(statistics.count == 1)
    #expect(statistics.mean == 3.25)
    #expect(statistics.standardDeviation.isNaN)
    #expect(statistics.confidenceHalfWidth.isNaN)
    #expect(statistics.confidenceLow.isNaN && statistics.confidenceHigh.isNaN)
  }

  @Test func emptySampleIsAllNaN() {
    let statistics = SampleStatistics([])
    #expect(statistics.count == 0)
    #expect(statistics.mean.isNaN)
    #expect(statistics.standardDeviation.isNaN)
    #expect(statistics.confidenceHalfWidth.isNaN)
    // NaN statistics compare equal, so an empty sample equals itself.
    #expect(statistics == SampleStatistics([]))
    #expect(SampleStatistics([1]) == SampleStatistics([1]))
    #expect(SampleStatistics([1]) != SampleStatistics([2]))
  }
}
