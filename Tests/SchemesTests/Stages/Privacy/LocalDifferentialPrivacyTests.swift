import Learning
import SimCore
import Testing

@testable import Schemes

/// The sample standard deviation (n − 1 denominator) and mean of `values`, in `Double`.
private func moments(_ values: [Float]) -> (mean: Double, deviation: Double) {
  let n = Double(values.count)
  let mean = values.reduce(0.0) { $0 + Double($1) } / n
  let squares = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
  return (mean, (squares / (n - 1)).squareRoot())
}

/// Five standard errors: a false alarm for about one seed in two million, while a noise scale
/// off by 2 % is caught.
private let standardErrors = 5.0

struct LocalDifferentialPrivacyTests {
  // MARK: - Clipping

  @Test func laplaceClipsInL1() throws {
    // [3, −4, 12] has L1 norm 19; clipping to C = 9.5 halves it: [1.5, −2, 6] (L2 clipping to
    // 9.5 would give 9.5/13 of it instead). ε = 10⁹ makes b = 2·9.5/10⁹ = 1.9·10⁻⁸, and
    // P(|Laplace(b)| > 40b) = e⁻⁴⁰ ≈ 4·10⁻¹⁸, so the noise stays below 10⁻⁶: the tolerance
    // 10⁻⁵ is that plus a few ulps of 6 in Float (4.8·10⁻⁷ each).
    let stage = try LocalDifferentialPrivacy(noise: .laplace, epsilon: 1e9, clip: 9.5)
    var delta: [Float] = [3, -4, 12]
    var generator = Xoshiro256StarStar(seed: 11)
    _ = stage.protect(&delta, using: &generator)
    for (value, expected) in zip(delta, [1.5, -2, 6] as [Double]) {
      #expect(abs(Double(value) - expected) <= 1e-5, "\(delta)")
    }
  }

  @Test func gaussianClipsInL2() throws {
    // [3, −4, 12] has L2 norm 13; clipping to C = 6.5 halves it: [1.5, −2, 6] (L1 clipping to
    // 6.5 would give 6.5/19 of it instead). At ε = 10⁹ the analytic σ for Δ₂ = 13 is about
    // 13/√(2·10⁹) ≈ 3·10⁻⁴ (from Φ(Δ/2σ − εσ/Δ) ≤ δ); P(|N(0, σ²)| > 8σ) ≈ 10⁻¹⁵.
    let stage = try LocalDifferentialPrivacy(
      noise: .gaussian(delta: 1e-5), epsilon: 1e9, clip: 6.5)
    #expect(stage.noiseScale < 1e-3)
    var delta: [Float] = [3, -4, 12]
    var generator = Xoshiro256StarStar(seed: 11)
    _ = stage.protect(&delta, using: &generator)
    for (value, expected) in zip(delta, [1.5, -2, 6] as [Double]) {
      #expect(abs(Double(value) - expected) <= 8 * stage.noiseScale + 1e-5, "\(delta)")
    }
  }

  @Test func workIsClippingPlusNoise() throws {
    // The stage charges exactly what Learning's clipping and mechanism report.
    let stage = try LocalDifferentialPrivacy(noise: .laplace, epsilon: 2, clip: 9.5)
    var delta: [Float] = [3, -4, 12]
    var generator = Xoshiro256StarStar(seed: 3)
    let work = stage.protect(&delta, using: &generator)
    var copy: [Float] = [3, -4, 12]
    var copyGenerator = Xoshiro256StarStar(seed: 3)
    let clipWork = try NormClipping(norm: .l1, bound: 9.5).clip(&copy).work
    let noiseWork = try LaplaceMechanism(scale: 9.5).addNoise(to: &copy, using: &copyGenerator)
    #expect(work == clipWork + noiseWork)
    #expect(delta == copy)
  }

  @Test func aNonFiniteDeltaIsReleasedAsNoiseAlone() throws {
    let stage = try LocalDifferentialPrivacy(noise: .laplace, epsilon: 1e9, clip: 1)
    var delta: [Float] = [.nan, 1, -.infinity]
    var generator = Xoshiro256StarStar(seed: 2)
    _ = stage.protect(&delta, using: &generator)
    // b = 2·10⁻⁹: what is left is noise well below 10⁻⁶ (see laplaceClipsInL1).
    #expect(delta.allSatisfy { $0.isFinite && abs($0) < 1e-6 }, "\(delta)")
  }

  // MARK: - Calibration

  @Test func laplaceScaleIsTwiceTheClipOverEpsilon() throws {
    // b = 2C/ε = 2·0.75/0.5 = 3, exactly representable.
    let stage = try LocalDifferentialPrivacy(noise: .laplace, epsilon: 0.5, clip: 0.75)
    #expect(stage.noiseScale == 3)
    #expect(stage.sensitivity == 1.5)
    #expect(stage.lossPerUpdate == .pure(epsilon: 0.5))
  }

  @Test func gaussianScaleIsTheAnalyticDeviationForTwiceTheClip() throws {
    // C = 0.5 gives Δ₂ = 1; at ε = 1, δ = 10⁻⁵ the analytic σ is 3.7306316348159418 (mpmath
    // bisection on Balle and Wang's Theorem 8, as in Learning's GaussianMechanismTests).
    let stage = try LocalDifferentialPrivacy(
      noise: .gaussian(delta: 1e-5), epsilon: 1, clip: 0.5)
    #expect(abs(stage.noiseScale - 3.7306316348159418) <= 1e-9 * 3.7306316348159418)
    let reference = try GaussianMechanism(
      epsilon: 1, delta: 1e-5, sensitivity: 1, calibration: .analytic)
    #expect(stage.noiseScale == reference.standardDeviation)
    #expect(
      stage.lossPerUpdate == .gaussian(noiseMultiplier: stage.noiseScale / 1, delta: 1e-5))
  }

  @Test func gaussianScaleFallsAsEpsilonGrows() throws {
    let epsilons = [0.1, 0.5, 1, 2, 4, 8, 64, 1e9]
    let scales = try epsilons.map { epsilon throws(PrivacyError) in
      try LocalDifferentialPrivacy(noise: .gaussian(delta: 1e-6), epsilon: epsilon, clip: 2)
        .noiseScale
    }
    for i in scales.indices.dropFirst() {
      #expect(scales[i] < scales[i - 1], "σ(ε = \(epsilons[i])) = \(scales[i])")
    }
    // Twice the clip, twice the σ: the calibration scales with Δ₂ = 2C.
    let doubled = try LocalDifferentialPrivacy(
      noise: .gaussian(delta: 1e-6), epsilon: 1, clip: 4)
    #expect(abs(doubled.noiseScale - 2 * scales[2]) <= 1e-12 * doubled.noiseScale)
  }

  // MARK: - Empirical noise

  @Test func laplaceNoiseHasDeviationScaleTimesRootTwo() throws {
    // b = 2·1/2 = 1, so the standard deviation is √2. The zero delta is inside the ball, so
    // everything released is noise. The sample deviation's relative standard error is
    // ½·√((κ + 2)/n) with excess kurtosis κ = 3 for Laplace: 0.00354 at n = 10⁵.
    let n = 100_000
    let stage = try LocalDifferentialPrivacy(noise: .laplace, epsilon: 2, clip: 1)
    var delta = [Float](repeating: 0, count: n)
    var generator = Xoshiro256StarStar(seed: 99)
    _ = stage.protect(&delta, using: &generator)
    let expected = stage.noiseScale * 2.0.squareRoot()
    let (mean, deviation) = moments(delta)
    #expect(abs(deviation / expected - 1) <= standardErrors * 0.5 * (5 / Double(n)).squareRoot())
    #expect(abs(mean) <= standardErrors * expected / Double(n).squareRoot())
  }

  @Test func gaussianNoiseHasDeviationSigma() throws {
    // Normal excess kurtosis is 0, so the relative standard error is ½·√(2/n) = 0.00224.
    let n = 100_000
    let stage = try LocalDifferentialPrivacy(noise: .gaussian(delta: 1e-5), epsilon: 1, clip: 0.5)
    var delta = [Float](repeating: 0, count: n)
    var generator = Xoshiro256StarStar(seed: 99)
    _ = stage.protect(&delta, using: &generator)
    let (mean, deviation) = moments(delta)
    let sigma = stage.noiseScale
    #expect(abs(deviation / sigma - 1) <= standardErrors * 0.5 * (2 / Double(n)).squareRoot())
    #expect(abs(mean) <= standardErrors * sigma / Double(n).squareRoot())
  }

  // MARK: - Determinism

  @Test(arguments: [
    LocalDifferentialPrivacy.Noise.laplace, .gaussian(delta: 1e-5),
  ])
  func theSameSeedGivesTheSameBits(noise: LocalDifferentialPrivacy.Noise) throws {
    let stage = try LocalDifferentialPrivacy(noise: noise, epsilon: 1, clip: 1)
    func release(seed: UInt64) -> [UInt32] {
      var delta: [Float] = (0..<1_000).map { Float($0 % 7) - 3 }
      var generator = Xoshiro256StarStar(seed: seed)
      _ = stage.protect(&delta, using: &generator)
      return delta.map(\.bitPattern)
    }
    #expect(release(seed: 42) == release(seed: 42))
    #expect(release(seed: 42) != release(seed: 43))
  }

  // MARK: - Errors and spelling

  @Test func rejectsOutOfRangeParameters() {
    #expect(throws: PrivacyError.nonPositiveEpsilon(0)) {
      try LocalDifferentialPrivacy(noise: .laplace, epsilon: 0, clip: 1)
    }
    #expect(throws: PrivacyError.nonPositiveEpsilon(-1)) {
      try LocalDifferentialPrivacy(noise: .gaussian(delta: 1e-5), epsilon: -1, clip: 1)
    }
    #expect(throws: PrivacyError.nonPositiveClippingBound(0)) {
      try LocalDifferentialPrivacy(noise: .laplace, epsilon: 1, clip: 0)
    }
    for delta in [0.0, 1, -0.5, 2] {
      #expect(throws: PrivacyError.deltaOutOfRange(delta)) {
        try LocalDifferentialPrivacy(noise: .gaussian(delta: delta), epsilon: 1, clip: 1)
      }
    }
  }

  @Test func descriptionIsTheScenarioSpelling() throws {
    #expect(
      try LocalDifferentialPrivacy(noise: .laplace, epsilon: 0.5, clip: 2).description
        == "ldp:laplace:epsilon=0.5:clip=2.0")
    #expect(
      try LocalDifferentialPrivacy(noise: .gaussian(delta: 1e-5), epsilon: 1, clip: 0.5)
        .description == "ldp:gaussian:epsilon=1.0:delta=1e-05:clip=0.5")
  }
}
