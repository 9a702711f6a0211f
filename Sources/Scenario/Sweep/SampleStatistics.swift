import Foundation

/// Mean, sample standard deviation and a two-sided 95% Student-t confidence interval of a sample.
///
/// The interval is mean ± t(0.975, n − 1) · s / √n, the usual interval for the mean of a normal
/// population with unknown variance; across independent runs of one sweep point it says how far
/// the mean of the runs may be from the mean of the model. Sums run left to right in the order
/// given, so the same values in the same order always give the same bits. Non-finite values
/// propagate into every statistic.
///
/// Equality treats two NaN statistics as equal (both are "undefined for this count"), unlike
/// `Double`'s `==`, so the statistics of two one-value samples with the same value compare equal.
public struct SampleStatistics: Sendable, Equatable {
  /// The number of values.
  public let count: Int
  /// The arithmetic mean; NaN when `count == 0`.
  public let mean: Double
  /// The sample standard deviation, √(Σ(xᵢ − mean)² / (n − 1)); NaN when `count < 2`.
  public let standardDeviation: Double
  /// t(0.975, n − 1) · s / √n, half the width of the 95% interval; NaN when `count < 2`.
  public let confidenceHalfWidth: Double

  /// The lower end of the 95% confidence interval for the mean.
  public var confidenceLow: Double { mean - confidenceHalfWidth }
  /// The upper end of the 95% confidence interval for the mean.
  public var confidenceHigh: Double { mean + confidenceHalfWidth }

  /// The statistics of `values`, taken in the order given.
  ///
  /// The variance is two-pass (the mean first, then the squared deviations from it), which avoids
  /// the cancellation of the one-pass Σx² − n·mean² when the spread is small against the mean.
  /// - Complexity: O(n), plus one t quantile (tens of microseconds).
  public init(_ values: [Double]) {
    count = values.count
    guard count > 0 else {
      (mean, standardDeviation, confidenceHalfWidth) = (.nan, .nan, .nan)
      return
    }
    var sum = 0.0
    for value in values { sum += value }
    mean = sum / Double(count)
    guard count > 1 else {
      (standardDeviation, confidenceHalfWidth) = (.nan, .nan)
      return
    }
    var squaredDeviations = 0.0
    for value in values {
      let deviation = value - mean
      squaredDeviations += deviation * deviation
    }
    standardDeviation = (squaredDeviations / Double(count - 1)).squareRoot()
    let t = StudentT.quantile(0.975, degreesOfFreedom: count - 1)
    confidenceHalfWidth = t * standardDeviation / Double(count).squareRoot()
  }

  public static func == (lhs: SampleStatistics, rhs: SampleStatistics) -> Bool {
    func same(_ x: Double, _ y: Double) -> Bool { x == y || (x.isNaN && y.isNaN) }
    return lhs.count == rhs.count && same(lhs.mean, rhs.mean)
      && same(lhs.standardDeviation, rhs.standardDeviation)
      && same(lhs.confidenceHalfWidth, rhs.confidenceHalfWidth)
  }
}
