import SimCore

/// Krum and Multi-Krum (Blanchard, El Mhamdi, Guerraoui, Stainer, NeurIPS 2017, "Machine Learning
/// with Adversaries: Byzantine Tolerant Gradient Descent").
///
/// With n updates of which at most f are Byzantine, each update's score is the sum of its squared
/// Euclidean distances to its n − f − 2 nearest other updates. Krum returns the update with the
/// lowest score; Multi-Krum returns the plain (unweighted, as in the paper) mean of the m updates
/// with the lowest scores, so m = 1 is Krum and m = n is the ordinary mean. The paper's guarantee
/// needs n > 2f + 2, which `aggregate` enforces.
///
/// Determinism: distances are summed over coordinates in ascending order in `Double`; a
/// distance that is NaN (an update holding NaN or opposite infinities) counts as +∞, so a
/// non-finite update is infinitely far from every other; neighbour distances are added in
/// ascending order; equal scores are broken by the lower input position; the Multi-Krum mean sums
/// the selected updates by ascending position in `Double`.
///
/// Work: 3 flops (subtract, multiply-add) per coordinate for each of the n(n−1)/2 pairs; per
/// update, `(n−1)⌈log₂(n−1)⌉` comparisons to order its distances and n − f − 2 additions for its
/// score; n − 1 comparisons to find Krum's minimum (`n⌈log₂n⌉` to rank the scores for Multi-Krum);
/// and for m > 1, (m + 1)·d flops for the mean.
public struct Krum: AggregationRule {
  /// f: the number of Byzantine updates the rule is sized for.
  public let byzantineCount: Int
  /// m: how many lowest-score updates are averaged (1 for Krum).
  public let selectionCount: Int

  /// Krum (`selectionCount == 1`) or Multi-Krum tolerating `byzantineCount` Byzantine updates.
  /// - Throws: `AggregationError.negativeByzantineCount` if f < 0,
  ///   `AggregationError.nonPositiveSelectionCount` if m < 1.
  public init(byzantineCount: Int, selectionCount: Int = 1) throws(AggregationError) {
    guard byzantineCount >= 0 else { throw .negativeByzantineCount(byzantineCount) }
    guard selectionCount >= 1 else { throw .nonPositiveSelectionCount(selectionCount) }
    self.byzantineCount = byzantineCount
    self.selectionCount = selectionCount
  }

  /// `krum:f` for Krum, `multi-krum:f:m` for Multi-Krum.
  public var description: String {
    selectionCount == 1
      ? "krum:\(byzantineCount)" : "multi-krum:\(byzantineCount):\(selectionCount)"
  }

  /// The Krum choice, or the Multi-Krum mean, of `updates`; `contributors` lists the chosen
  /// updates.
  /// - Complexity: O(n²·d + n² log n) for n updates of d parameters.
  public func aggregate(_ updates: [ClientUpdate]) throws(AggregationError) -> AggregationResult {
    let dimension = try ClientUpdate.commonDimension(of: updates)
    let n = updates.count
    // n > 2f + 2, written so that an absurd f from a scenario file cannot overflow.
    guard n >= 3 && byzantineCount <= (n - 3) / 2 else {
      throw .tooFewUpdatesForKrum(updateCount: n, byzantineCount: byzantineCount)
    }
    guard selectionCount <= n else {
      throw .selectionCountExceedsUpdates(selectionCount: selectionCount, updateCount: n)
    }
    let scores = Krum.scores(updates, dimension: dimension, neighbourCount: n - byzantineCount - 2)
    // Lowest score first, lower position on ties: a unique order whatever the sort algorithm.
    let ranked = Array(0..<n).sorted { a, b in
      scores[a] != scores[b] ? scores[a] < scores[b] : a < b
    }
    let chosen = ranked[0..<selectionCount].sorted()

    let d = Int64(dimension)
    var work = Work.flops(
      Int64(n) * Int64(n - 1) / 2 * 3 * d
        + Int64(n) * (OrderStatistics.sortingComparisons(n - 1) + Int64(n - byzantineCount - 2))
        + (selectionCount == 1 ? Int64(n - 1) : OrderStatistics.sortingComparisons(n)))
    if selectionCount == 1 {
      return AggregationResult(
        parameters: updates[chosen[0]].parameters, contributors: chosen, work: work)
    }
    var sums = [Double](repeating: 0, count: dimension)
    sums.withUnsafeMutableBufferPointer { sums in
      for position in chosen {
        updates[position].parameters.withUnsafeBufferPointer { values in
          for j in 0..<dimension { sums[j] += Double(values[j]) }
        }
      }
    }
    let count = Double(selectionCount)
    work += .flops(Int64(selectionCount + 1) * d)
    return AggregationResult(
      parameters: sums.map { Float($0 / count) }, contributors: chosen, work: work)
  }

  /// Each update's Krum score: the ascending-order sum of its `neighbourCount` smallest squared
  /// distances to the other updates (NaN distances count as +∞).
  static func scores(_ updates: [ClientUpdate], dimension: Int, neighbourCount: Int) -> [Double] {
    let n = updates.count
    var distances = [Double](repeating: 0, count: n * n)
    for a in 0..<n {
      for b in (a + 1)..<n {
        var sum = 0.0
        updates[a].parameters.withUnsafeBufferPointer { x in
          updates[b].parameters.withUnsafeBufferPointer { y in
            for j in 0..<dimension {
              let difference = Double(x[j]) - Double(y[j])
              sum += difference * difference
            }
          }
        }
        let distance = sum.isNaN ? Double.infinity : sum
        distances[a * n + b] = distance
        distances[b * n + a] = distance
      }
    }
    var scores = [Double](repeating: 0, count: n)
    var row = [Double]()
    row.reserveCapacity(n - 1)
    for a in 0..<n {
      row.removeAll(keepingCapacity: true)
      for b in 0..<n where b != a { row.append(distances[a * n + b]) }
      row.sort()
      var score = 0.0
      for r in 0..<neighbourCount { score += row[r] }
      scores[a] = score
    }
    return scores
  }
}
