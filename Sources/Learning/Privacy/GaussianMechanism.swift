import SimCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The Gaussian mechanism: adding independent N(0, s²) noise to every coordinate of a function of
/// L2 sensitivity Δ₂ makes it (ε, δ)-differentially private for a standard deviation s calibrated
/// in one of two ways.
///
/// - `classical` (Dwork and Roth 2014, "The Algorithmic Foundations of Differential Privacy",
///   Theorem A.1): `s = Δ₂·√(2 ln(1.25/δ))/ε`, proved only for ε < 1.
/// - `analytic` (Balle and Wang, ICML 2018, "Improving the Gaussian Mechanism for Differential
///   Privacy: Analytical Calibration and Optimal Denoising", Theorem 8): the smallest s for which
///   `Φ(Δ₂/2s − εs/Δ₂) − e^ε·Φ(−Δ₂/2s − εs/Δ₂) ≤ δ`, a condition that is both necessary and
///   sufficient, valid for every ε > 0, and never larger than the classical s. It is found by
///   bisection (see `GaussianMechanism+Analytic.swift`).
///
/// For local DP on a whole update, Δ₂ is the largest L2 distance between two updates a client
/// could send: after L2 clipping to C (`NormClipping(bound: C)`) that is 2C. For DP-SGD-style
/// accounting (`RDPAccountant`) use `init(standardDeviation:)` with noise multiplier × C.
///
/// Work: `NoiseCost.normalVariate` + 1 (the addition) flops per coordinate.
public struct GaussianMechanism: NoiseMechanism, Equatable {
  /// How the noise is calibrated from (ε, δ, Δ₂).
  public enum Calibration: Sendable, Equatable {
    /// `s = Δ₂·√(2 ln(1.25/δ))/ε`, for ε < 1 only.
    case classical
    /// The exact smallest s (Balle and Wang 2018), for any ε > 0.
    case analytic
  }

  /// s: the standard deviation of the noise added to each coordinate.
  public let standardDeviation: Double

  /// The mechanism with noise standard deviation `standardDeviation`.
  /// - Throws: `PrivacyError.nonPositiveNoiseScale` unless it is finite and > 0.
  public init(standardDeviation: Double) throws(PrivacyError) {
    guard standardDeviation.isFinite && standardDeviation > 0 else {
      throw .nonPositiveNoiseScale(standardDeviation)
    }
    self.standardDeviation = standardDeviation
  }

  /// The (ε, δ)-DP mechanism for L2 sensitivity `sensitivity`, calibrated by `calibration`.
  /// - Throws: `PrivacyError.nonPositiveEpsilon`, `.deltaOutOfRange` (δ ∉ (0, 1)),
  ///   `.nonPositiveSensitivity`, or `.classicalGaussianNeedsEpsilonBelowOne` for the classical
  ///   calibration with ε ≥ 1.
  public init(
    epsilon: Double, delta: Double, sensitivity: Double, calibration: Calibration = .classical
  ) throws(PrivacyError) {
    guard epsilon.isFinite && epsilon > 0 else { throw .nonPositiveEpsilon(epsilon) }
    guard delta > 0 && delta < 1 else { throw .deltaOutOfRange(delta) }
    guard sensitivity.isFinite && sensitivity > 0 else {
      throw .nonPositiveSensitivity(sensitivity)
    }
    switch calibration {
    case .classical:
      guard epsilon < 1 else { throw .classicalGaussianNeedsEpsilonBelowOne(epsilon) }
      try self.init(
        standardDeviation: GaussianMechanism.classicalStandardDeviation(
          epsilon: epsilon, delta: delta, sensitivity: sensitivity))
    case .analytic:
      try self.init(
        standardDeviation: GaussianMechanism.analyticStandardDeviation(
          epsilon: epsilon, delta: delta, sensitivity: sensitivity))
    }
  }

  /// The classical calibration `Δ₂·√(2 ln(1.25/δ))/ε` (valid for ε < 1, not checked here).
  public static func classicalStandardDeviation(
    epsilon: Double, delta: Double, sensitivity: Double
  ) -> Double {
    sensitivity * (2 * log(1.25 / delta)).squareRoot() / epsilon
  }

  /// Adds N(0, `standardDeviation`²) noise to every entry of `parameters`, drawn in ascending
  /// order.
  /// - Complexity: O(parameters.count).
  public func addNoise(
    to parameters: inout [Float], using generator: inout some RandomNumberGenerator
  ) -> Work {
    let s = standardDeviation
    parameters.addEachInOrder { generator.nextNormal(mean: 0, standardDeviation: s) }
    return .flops(Int64(parameters.count) * (NoiseCost.normalVariate + 1))
  }
}
