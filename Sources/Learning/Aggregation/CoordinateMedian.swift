import SimCore

/// The coordinate-wise median (Yin et al., ICML 2018, "Byzantine-Robust Distributed Learning:
/// Towards Optimal Statistical Rates"): each coordinate is the median of the n updates' values.
///
/// For odd n it is the middle value; for even n the mean of the two middle values, computed in
/// `Double` and rounded to `Float` once. Values are ordered by IEEE 754's total order, so a NaN
/// from a poisoned update sorts to one end instead of corrupting the comparisons. Sample counts
/// are ignored: weighting by a count the client declares itself would hand control to an attacker.
///
/// Work per coordinate: `n⌈log₂n⌉` comparisons for the sort, plus 2 flops (add, halve) when n is
/// even.
public struct CoordinateMedian: AggregationRule {
  /// The coordinate-median rule.
  public init() {}

  /// `median`.
  public var description: String { "median" }

  /// The coordinate-wise median of `updates`.
  /// - Complexity: O(d · n log n) for n updates of d parameters.
  public func aggregate(_ updates: [ClientUpdate]) throws(AggregationError) -> AggregationResult {
    let dimension = try ClientUpdate.commonDimension(of: updates)
    let n = updates.count
    var median = [Float](repeating: 0, count: dimension)
    OrderStatistics.forEachSortedBlock(of: updates, dimension: dimension) { first, width, keys in
      for c in 0..<width {
        let row = c * n
        if n % 2 == 1 {
          median[first + c] = OrderStatistics.value(ofSortKey: keys[row + n / 2])
        } else {
          let low = Double(OrderStatistics.value(ofSortKey: keys[row + n / 2 - 1]))
          let high = Double(OrderStatistics.value(ofSortKey: keys[row + n / 2]))
          median[first + c] = Float((low + high) * 0.5)
        }
      }
    }
    let perCoordinate = OrderStatistics.sortingComparisons(n) + (n % 2 == 0 ? 2 : 0)
    return AggregationResult(
      parameters: median, contributors: Array(updates.indices),
      work: .flops(perCoordinate * Int64(dimension)))
  }
}
