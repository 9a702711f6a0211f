import SimCore

/// The Laplace mechanism (Dwork, McSherry, Nissim, Smith, TCC 2006; Dwork and Roth 2014,
/// "The Algorithmic Foundations of Differential Privacy", Theorem 3.6): adding independent
/// Laplace(b) noise to every coordinate, with `b = Δ₁/ε`, makes a function of L1 sensitivity Δ₁
/// ε-differentially private.
///
/// For local DP on a whole update, Δ₁ is the largest L1 distance between two updates a client
/// could send: after L1 clipping to C (`NormClipping(norm: .l1, bound: C)`) that is 2C.
///
/// Work: `NoiseCost.laplaceVariate` + 1 (the addition) flops per coordinate.
public struct LaplaceMechanism: NoiseMechanism, Equatable {
  /// b: the scale of the Laplace noise (its standard deviation is b·√2).
  public let scale: Double

  /// The mechanism with noise scale `scale`.
  /// - Throws: `PrivacyError.nonPositiveNoiseScale` unless `scale` is finite and > 0.
  public init(scale: Double) throws(PrivacyError) {
    guard scale.isFinite && scale > 0 else { throw .nonPositiveNoiseScale(scale) }
    self.scale = scale
  }

  /// The ε-DP mechanism for L1 sensitivity `sensitivity`: scale Δ₁/ε.
  /// - Throws: `PrivacyError.nonPositiveEpsilon` or `.nonPositiveSensitivity`.
  public init(epsilon: Double, sensitivity: Double) throws(PrivacyError) {
    guard epsilon.isFinite && epsilon > 0 else { throw .nonPositiveEpsilon(epsilon) }
    guard sensitivity.isFinite && sensitivity > 0 else {
      throw .nonPositiveSensitivity(sensitivity)
    }
    try self.init(scale: sensitivity / epsilon)
  }

  /// Adds Laplace(`scale`) noise to every entry of `parameters`, drawn in ascending order.
  /// - Complexity: O(parameters.count).
  public func addNoise(
    to parameters: inout [Float], using generator: inout some RandomNumberGenerator
  ) -> Work {
    let b = scale
    parameters.addEachInOrder { generator.nextLaplace(scale: b) }
    return .flops(Int64(parameters.count) * (NoiseCost.laplaceVariate + 1))
  }
}
