import SimCore

/// The coordinate-wise trimmed mean (Yin et al., ICML 2018, "Byzantine-Robust Distributed
/// Learning: Towards Optimal Statistical Rates"): for each coordinate, sort the n values, drop the
/// `k = ⌊β·n⌋` smallest and the k largest, and average the rest.
///
/// β is the fraction trimmed from *each* side, in [0, 0.5), so at least one value always remains.
/// `⌊β·n⌋` forgives the binary rounding of the product (relative 10⁻¹²), so β = 0.29 with n = 100
/// trims 29 values, not 28. Values are ordered by IEEE 754's total order (a NaN sorts to an end);
/// the kept values are summed in ascending order in `Double` and divided once. Sample counts are
/// ignored, as for the median.
///
/// Work per coordinate: `n⌈log₂n⌉` comparisons for the sort, plus `n − 2k` flops (the additions
/// and one division).
public struct TrimmedMean: AggregationRule {
  /// β: the fraction of updates trimmed from each side of every coordinate.
  public let trimFraction: Double

  /// A trimmed mean that drops the fraction `trimFraction` of the values from each side.
  /// - Throws: `AggregationError.trimFractionOutOfRange` unless 0 ≤ `trimFraction` < 0.5.
  public init(trimFraction: Double) throws(AggregationError) {
    guard trimFraction >= 0 && trimFraction < 0.5 else {
      throw .trimFractionOutOfRange(trimFraction)
    }
    self.trimFraction = trimFraction
  }

  /// `trimmed-mean:β`, e.g. `trimmed-mean:0.1`.
  public var description: String { "trimmed-mean:\(trimFraction)" }

  /// The number of values trimmed from each side for `updateCount` updates: `⌊β·n⌋`.
  public func trimCount(updateCount: Int) -> Int {
    let count = Int((trimFraction * Double(updateCount) * (1 + 1e-12)).rounded(.down))
    // β < 0.5 makes the exact ⌊β·n⌋ at most ⌊(n − 1)/2⌋; only the rounding allowance (β just
    // below 0.5) could cross it, and must not empty the kept range.
    return min(count, (updateCount - 1) / 2)
  }

  /// The coordinate-wise trimmed mean of `updates`.
  /// - Complexity: O(d · n log n) for n updates of d parameters.
  public func aggregate(_ updates: [ClientUpdate]) throws(AggregationError) -> AggregationResult {
    let dimension = try ClientUpdate.commonDimension(of: updates)
    let n = updates.count
    let trimmed = trimCount(updateCount: n)
    let kept = n - 2 * trimmed
    var mean = [Float](repeating: 0, count: dimension)
    OrderStatistics.forEachSortedBlock(of: updates, dimension: dimension) { first, width, keys in
      for c in 0..<width {
        let row = c * n
        var sum = 0.0
        for r in (row + trimmed)..<(row + n - trimmed) {
          sum += Double(OrderStatistics.value(ofSortKey: keys[r]))
        }
        mean[first + c] = Float(sum / Double(kept))
      }
    }
    let perCoordinate = OrderStatistics.sortingComparisons(n) + Int64(kept)
    return AggregationResult(
      parameters: mean, contributors: Array(updates.indices),
      work: .flops(perCoordinate * Int64(dimension)))
  }
}
