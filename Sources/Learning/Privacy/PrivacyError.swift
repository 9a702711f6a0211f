/// Why a differential-privacy mechanism, clipping or accountant could not be built or queried.
public enum PrivacyError: Error, Equatable, Sendable, CustomStringConvertible {
  /// ε is not a finite positive number.
  case nonPositiveEpsilon(Double)
  /// δ is outside the open interval (0, 1).
  case deltaOutOfRange(Double)
  /// The classical Gaussian calibration was asked for ε ≥ 1, where its proof does not hold.
  case classicalGaussianNeedsEpsilonBelowOne(Double)
  /// A sensitivity (Δ₁ or Δ₂) is not a finite positive number.
  case nonPositiveSensitivity(Double)
  /// A noise scale (Laplace b or Gaussian standard deviation) is not a finite positive number.
  case nonPositiveNoiseScale(Double)
  /// A clipping bound C is not a finite positive number.
  case nonPositiveClippingBound(Double)
  /// Clipping met a vector whose norm is NaN or infinite (it holds a NaN or an infinity).
  case nonFiniteNorm(Double)
  /// A sampling rate q is outside [0, 1].
  case samplingRateOutOfRange(Double)
  /// A noise multiplier σ (noise standard deviation over sensitivity) is not finite and positive.
  case nonPositiveNoiseMultiplier(Double)
  /// A number of composed steps is negative.
  case negativeStepCount(Int)
  /// An accountant was given no Rényi order.
  case noOrders
  /// A Rényi order is below 2 (this accountant uses integer orders α ≥ 2).
  case orderBelowTwo(Int)
  /// Rényi orders are not strictly ascending: `order` follows `previous`.
  case ordersNotAscending(previous: Int, order: Int)

  /// What failed, the offending value, and what is accepted, in one line.
  public var description: String {
    switch self {
    case .nonPositiveEpsilon(let epsilon):
      return "differential privacy: ε = \(epsilon) must be finite and > 0"
    case .deltaOutOfRange(let delta):
      return "differential privacy: δ = \(delta) must lie in (0, 1)"
    case .classicalGaussianNeedsEpsilonBelowOne(let epsilon):
      return "Gaussian mechanism: the classical calibration needs ε < 1, got ε = \(epsilon); "
        + "use the analytic calibration"
    case .nonPositiveSensitivity(let sensitivity):
      return "differential privacy: sensitivity \(sensitivity) must be finite and > 0"
    case .nonPositiveNoiseScale(let scale):
      return "differential privacy: noise scale \(scale) must be finite and > 0"
    case .nonPositiveClippingBound(let bound):
      return "clipping: norm bound C = \(bound) must be finite and > 0"
    case .nonFiniteNorm(let norm):
      return "clipping: the update's norm is \(norm); an update holding NaN or ∞ cannot be "
        + "clipped, so it must not be released"
    case .samplingRateOutOfRange(let rate):
      return "privacy accountant: sampling rate q = \(rate) must lie in [0, 1]"
    case .nonPositiveNoiseMultiplier(let multiplier):
      return "privacy accountant: noise multiplier σ = \(multiplier) must be finite and > 0"
    case .negativeStepCount(let steps):
      return "privacy accountant: step count \(steps) must be ≥ 0"
    case .noOrders:
      return "privacy accountant: no Rényi order given; pass integer orders ≥ 2, e.g. 2...256"
    case .orderBelowTwo(let order):
      return "privacy accountant: Rényi order \(order) is below 2; use integer orders ≥ 2"
    case .ordersNotAscending(let previous, let order):
      return "privacy accountant: Rényi order \(order) follows \(previous); list orders strictly "
        + "ascending"
    }
  }
}
