import SimCore
import Testing

@testable import Learning

struct GaussianMechanismTests {
  @Test func classicalCalibrationMatchesTheFormula() throws {
    // s = √(2 ln(1.25/10⁻⁵))/0.5 = √(2 ln 125000)/0.5 = 9.689610525210779 (mpmath, 50 digits).
    let mechanism = try GaussianMechanism(epsilon: 0.5, delta: 1e-5, sensitivity: 1)
    #expect(abs(mechanism.standardDeviation - 9.689610525210779) < 1e-12)
    let scaled = try GaussianMechanism(epsilon: 0.5, delta: 1e-5, sensitivity: 2)
    #expect(abs(scaled.standardDeviation - 2 * 9.689610525210779) < 1e-12)
  }

  @Test(arguments: [
    // (ε, δ, s) with s the smallest admissible σ for Δ = 1, found independently by 200-step
    // bisection on Balle and Wang's Theorem 8 condition in mpmath at 50 digits. ε = 1, δ = 10⁻⁵
    // gives 3.7306…, the value usually quoted for the analytic Gaussian mechanism.
    (1.0, 1e-5, 3.7306316348159418), (0.5, 1e-5, 7.0318266755824914),
    (4.0, 1e-6, 1.1935185871579852),
  ])
  func analyticCalibrationFindsTheSmallestAdmissibleDeviation(
    epsilon: Double, delta: Double, expected: Double
  ) throws {
    let s = try GaussianMechanism(
      epsilon: epsilon, delta: delta, sensitivity: 1, calibration: .analytic
    ).standardDeviation
    #expect(abs(s - expected) < 1e-9 * expected)
    #expect(
      GaussianMechanism.exactDelta(standardDeviation: s, epsilon: epsilon, sensitivity: 1) <= delta)
    #expect(
      GaussianMechanism.exactDelta(
        standardDeviation: s * (1 - 1e-9), epsilon: epsilon, sensitivity: 1)
        > delta)
  }

  @Test func analyticNoiseIsBelowClassicalWhichIsItselfAdmissible() throws {
    // Balle and Wang: the classical σ satisfies the exact condition with room to spare
    // (δ(9.6896…) = 1.61·10⁻⁸ at ε = 0.5, mpmath), so the analytic σ is smaller.
    let classical = try GaussianMechanism(epsilon: 0.5, delta: 1e-5, sensitivity: 1)
    let analytic = try GaussianMechanism(
      epsilon: 0.5, delta: 1e-5, sensitivity: 1, calibration: .analytic)
    let slack = GaussianMechanism.exactDelta(
      standardDeviation: classical.standardDeviation, epsilon: 0.5, sensitivity: 1)
    #expect(abs(slack - 1.6078539930874292e-8) < 1e-14)
    #expect(analytic.standardDeviation < classical.standardDeviation)
  }

  @Test func rejectsBadParameters() {
    #expect(throws: PrivacyError.classicalGaussianNeedsEpsilonBelowOne(1)) {
      try GaussianMechanism(epsilon: 1, delta: 1e-5, sensitivity: 1)
    }
    for delta in [0, 1, 1.5, -1e-5] {
      #expect(throws: PrivacyError.deltaOutOfRange(delta)) {
        try GaussianMechanism(epsilon: 0.5, delta: delta, sensitivity: 1, calibration: .analytic)
      }
    }
    #expect(throws: PrivacyError.nonPositiveEpsilon(0)) {
      try GaussianMechanism(epsilon: 0, delta: 1e-5, sensitivity: 1)
    }
    #expect(throws: PrivacyError.nonPositiveSensitivity(-1)) {
      try GaussianMechanism(epsilon: 0.5, delta: 1e-5, sensitivity: -1)
    }
    #expect(throws: PrivacyError.nonPositiveNoiseScale(0)) {
      try GaussianMechanism(standardDeviation: 0)
    }
  }

  @Test func noiseHasTheCalibratedStandardDeviation() throws {
    // The sample standard deviation of 20 000 normal draws has relative standard error
    // 1/√40000 = 0.5 %; 2.5 % is 5 standard errors.
    let mechanism = try GaussianMechanism(standardDeviation: 3)
    var generator = RandomStreams(seed: 2).make(.privacyNoise)
    var parameters = [Float](repeating: 1, count: 20_000)
    let work = mechanism.addNoise(to: &parameters, using: &generator)
    let mean = parameters.reduce(0.0) { $0 + Double($1) } / 20_000
    let variance =
      parameters.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / 19_999
    #expect(abs(variance.squareRoot() - 3) < 0.025 * 3)
    #expect(abs(mean - 1) < 5 * 3 / 20_000.0.squareRoot())
    #expect(work == .flops(20_000 * 44))  // 43 per variate + 1 addition
  }
}
