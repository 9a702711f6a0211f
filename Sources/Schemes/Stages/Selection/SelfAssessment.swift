#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How clients assess their own data before the first round: LL-BCFL's algorithm 1, step 4
/// (client_eval = s1·w1 + s2·w2 + s3·w3 for the data's size, quality and category).
///
/// For client i with nᵢ labels over C classes, the three parts, each in [0, 1], are
///
///     size      nᵢ / max_j n_j                      (0 when every client is empty)
///     balance   H(label histogram) / ln C          (0 when C = 1 or nᵢ = 0)
///     coverage  (distinct labels) / C
///
/// with H the Shannon entropy in nats. The score is w_size·size + w_balance·balance +
/// w_coverage·coverage. Example: labels [0, 1] of 2 classes, the largest client holding 4 labels:
/// size 2/4 = 0.5, balance ln 2 / ln 2 = 1, coverage 2/2 = 1, score (0.5 + 1 + 1)/3 = 5/6 with
/// equal weights.
public enum SelfAssessment {
  /// How far the weights' sum may stray from 1 through decimal-to-binary rounding.
  private static let weightSumTolerance = 1e-9

  /// Each client's self-assessment in [0, 1], by client index, from its training labels.
  /// - Parameters:
  ///   - labels: client i's labels at index i, each in 0..<`classCount`.
  ///   - classCount: how many classes the task has.
  ///   - weights: the weights of size, balance and coverage; non-negative, summing to 1.
  /// - Complexity: O(Σ nᵢ + M·C) for M clients and C classes; sums run in ascending class order.
  public static func scores(
    labels: [[Int32]], classCount: Int,
    weights: (size: Double, balance: Double, coverage: Double) = (1 / 3, 1 / 3, 1 / 3)
  ) -> [Double] {
    precondition(classCount >= 1, "self-assessment needs at least one class, got \(classCount)")
    precondition(
      weights.size >= 0 && weights.balance >= 0 && weights.coverage >= 0
        && abs(weights.size + weights.balance + weights.coverage - 1) <= weightSumTolerance,
      "self-assessment weights must be non-negative and sum to 1, got \(weights)")
    let largest = labels.map(\.count).max() ?? 0
    let entropyScale = classCount > 1 ? log(Double(classCount)) : 0
    var histogram = Array(repeating: 0, count: classCount)
    return labels.enumerated().map { client, clientLabels in
      for c in histogram.indices { histogram[c] = 0 }
      for label in clientLabels {
        precondition(
          (0..<Int32(clamping: classCount)).contains(label),
          "client#\(client) has label \(label), not in 0..<\(classCount)")
        histogram[Int(label)] += 1
      }
      let count = clientLabels.count
      let size = largest > 0 ? Double(count) / Double(largest) : 0
      var entropy = 0.0
      var distinct = 0
      for binCount in histogram where binCount > 0 {
        let p = Double(binCount) / Double(count)
        entropy -= p * log(p)
        distinct += 1
      }
      let balance = entropyScale > 0 ? entropy / entropyScale : 0
      let coverage = Double(distinct) / Double(classCount)
      let score = weights.size * size + weights.balance * balance + weights.coverage * coverage
      // Each part is in [0, 1] and the weights sum to 1 in exact arithmetic, so only rounding can
      // take the score past 1: an even histogram's entropy sums to a few ulps above ln C (5
      // classes give a balance of 1.0000000000000002), and the weights may sum to 1 + 1e-9.
      // `ReputationBook` needs it in [0, 1].
      return min(1, score)
    }
  }

  /// `count` self-assessments of 1: every client alike, as in placeholder training where all
  /// clients hold the same number of samples.
  public static func uniform(count: Int) -> [Double] {
    precondition(count >= 0, "client count must be ≥ 0, got \(count)")
    return Array(repeating: 1, count: count)
  }
}
