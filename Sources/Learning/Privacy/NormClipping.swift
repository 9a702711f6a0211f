import SimCore

/// Clipping of an update to a norm bound C: if ‖x‖ > C, x is scaled by C/‖x‖; otherwise it is left
/// alone (Abadi et al., CCS 2016, "Deep Learning with Differential Privacy", algorithm 1).
///
/// Clipping bounds the sensitivity a DP mechanism needs: after L2 clipping any two updates are at
/// most 2C apart in L2 (the Gaussian mechanism's Δ₂), after L1 clipping at most 2C in L1 (the
/// Laplace mechanism's Δ₁).
///
/// The norm is accumulated in `Double` in ascending order; scaled entries are rounded toward zero
/// when converted back to `Float`, so every clipped entry is no larger in magnitude than its exact
/// scaled value and the clipped norm does not exceed C by a `Float` rounding (the guarantee is then
/// limited only by the `Double` norm's own rounding, below 10⁻¹² relative for any model size).
///
/// Work: for L2, 2 flops per entry (multiply-add) and a square root; for L1, 1 per entry (the
/// absolute value is a free sign-bit clear); when scaling happens, 1 division and 1 multiplication
/// per entry more.
public struct NormClipping: Sendable, Equatable {
  /// The norm bounded.
  public enum Norm: Sendable, Equatable {
    /// The sum of absolute values.
    case l1
    /// The Euclidean norm.
    case l2
  }

  /// Which norm is bounded.
  public let norm: Norm
  /// C: the largest norm an update keeps after clipping.
  public let bound: Double

  /// Clipping to `bound` in `norm`.
  /// - Throws: `PrivacyError.nonPositiveClippingBound` unless `bound` is finite and > 0.
  public init(norm: Norm = .l2, bound: Double) throws(PrivacyError) {
    guard bound.isFinite && bound > 0 else { throw .nonPositiveClippingBound(bound) }
    self.norm = norm
    self.bound = bound
  }

  /// The norm of `parameters` in `norm`, summed in ascending order in `Double`, and its work.
  /// - Complexity: O(parameters.count).
  public func measure(_ parameters: [Float]) -> (norm: Double, work: Work) {
    var sum = 0.0
    let count = Int64(parameters.count)
    switch norm {
    case .l1:
      for value in parameters { sum += Double(value.magnitude) }
      return (sum, .flops(count))
    case .l2:
      for value in parameters { sum += Double(value) * Double(value) }
      return (sum.squareRoot(), .flops(2 * count + 1))
    }
  }

  /// Scales `parameters` down to norm `bound` if its norm exceeds it; returns the norm before
  /// clipping and the work done.
  /// - Throws: `PrivacyError.nonFiniteNorm` if an entry is NaN or infinite (no scale bounds such
  ///   a vector, so passing it on would void the privacy guarantee); `parameters` is unchanged.
  /// - Complexity: O(parameters.count).
  @discardableResult
  public func clip(_ parameters: inout [Float]) throws(PrivacyError) -> (
    originalNorm: Double, work: Work
  ) {
    var (original, work) = measure(parameters)
    guard original.isFinite else { throw .nonFiniteNorm(original) }
    guard original > bound else { return (original, work) }
    let factor = bound / original
    parameters.withUnsafeMutableBufferPointer { values in
      for j in values.indices {
        let exact = Double(values[j]) * factor
        var rounded = Float(exact)
        // Round toward zero: step back one ulp when round-to-nearest went outward.
        if Double(rounded.magnitude) > exact.magnitude {
          rounded = rounded > 0 ? rounded.nextDown : rounded.nextUp
        }
        values[j] = rounded
      }
    }
    work += .flops(1 + Int64(parameters.count))
    return (original, work)
  }
}
