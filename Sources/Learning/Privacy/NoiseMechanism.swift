import SimCore

/// A randomised mechanism that perturbs a parameter vector in place: the Laplace or Gaussian
/// mechanism of local differential privacy.
///
/// Noise is drawn coordinate by coordinate in ascending order from the generator passed in (use
/// `streams.make(.privacyNoise, index: client.index)`), so the same stream gives the same bits.
public protocol NoiseMechanism: Sendable {
  /// Adds independent noise to every entry of `parameters` and returns the work done.
  /// - Complexity: O(parameters.count).
  func addNoise(
    to parameters: inout [Float], using generator: inout some RandomNumberGenerator
  ) -> Work
}

/// Flops charged per noise variate, derived from the arithmetic of SimCore's samplers.
///
/// A logarithm is charged 20 flops (a libm `log` takes about 20 cycles on a current x86 core);
/// every other operation 1. Laplace by inverse transform: uniform draw (convert, scale) 2, centre
/// 1, doubling the magnitude 1, complement 1, log 20 = 25. Normal by Marsaglia's polar method: an
/// attempt costs 2 uniforms (4), two affine maps (4), u² + v² (3) and two comparisons (2) = 13,
/// and 4/π ≈ 1.27 attempts are needed on average ≈ 17; then log 20, −2·log/s 2, square root 1,
/// times u 1, affine map 2 = 43. Charging the expectation keeps the work independent of the
/// rejections a particular seed happens to hit.
enum NoiseCost {
  /// Flops per Laplace variate.
  static let laplaceVariate: Int64 = 25
  /// Flops per normal variate.
  static let normalVariate: Int64 = 43
}

extension Array where Element == Float {
  /// Adds `draw()` to each entry in ascending order, forming the sum in `Double` and rounding to
  /// `Float` once.
  @inline(__always) mutating func addEachInOrder(_ draw: () -> Double) {
    withUnsafeMutableBufferPointer { values in
      for j in values.indices { values[j] = Float(Double(values[j]) + draw()) }
    }
  }
}
