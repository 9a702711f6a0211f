import SimCore

extension PartitionScheme {
  /// How many Dirichlet draws to try before giving up on `minimumClientSize`.
  static let dirichletAttempts = 1000

  /// The Dirichlet label-skew partition (Hsu, Qi and Brown, "Measuring the Effects of
  /// Non-Identical Data Distribution for Federated Visual Classification", arXiv:1909.06335).
  ///
  /// For each class in ascending order: shuffle its samples, draw client shares
  /// p ~ Dir(α, …, α) as normalised Gamma(α) variates, and cut the shuffled samples at the
  /// cumulative shares (client k gets ⌊n·P_{k−1}⌋ ..< ⌊n·P_k⌋). If some client ends with fewer
  /// than `minimumClientSize` samples the whole draw is repeated (NIID-Bench, Li et al.,
  /// ICDE 2022), up to `dirichletAttempts` times.
  ///
  /// For tiny α every Gamma draw can underflow to zero; the α → 0 limit of the Dirichlet is a
  /// uniformly chosen vertex, so the class then goes whole to one uniformly drawn client.
  /// - Throws: `invalidConcentration` unless α is positive and finite; `unreachableMinimumSize`
  ///   when `minimumClientSize × clientCount` exceeds the samples; `minimumSizeNotMet`.
  /// - Complexity: O(attempts × (samples + classes × clients)).
  static func makeDirichletPartition(
    labels: [Int32], classCount: Int, clientCount: Int, alpha: Double, minimumClientSize: Int,
    using generator: inout some RandomNumberGenerator
  ) throws(PartitionError) -> [[Int]] {
    guard alpha.isFinite, alpha > 0 else { throw .invalidConcentration(alpha) }
    let (needed, overflow) = minimumClientSize.multipliedReportingOverflow(by: clientCount)
    guard minimumClientSize >= 0, !overflow, needed <= labels.count else {
      throw .unreachableMinimumSize(
        minimum: minimumClientSize, clients: clientCount, samples: labels.count)
    }
    let sorted = indicesSortedByLabel(labels, classCount: classCount)
    var classStarts = [Int](repeating: 0, count: classCount + 1)
    for label in labels { classStarts[Int(label) + 1] += 1 }
    for label in 0..<classCount { classStarts[label + 1] += classStarts[label] }

    for _ in 0..<dirichletAttempts {
      var clients = [[Int]](repeating: [], count: clientCount)
      for label in 0..<classCount {
        var members = Array(sorted[classStarts[label]..<classStarts[label + 1]])
        generator.shuffle(&members)
        let cuts = dirichletCuts(
          count: members.count, clientCount: clientCount, alpha: alpha, using: &generator)
        for client in 0..<clientCount {
          clients[client] += members[cuts[client]..<cuts[client + 1]]
        }
      }
      if clients.allSatisfy({ $0.count >= minimumClientSize }) {
        return clients.map { $0.sorted() }
      }
    }
    throw .minimumSizeNotMet(minimum: minimumClientSize, attempts: dirichletAttempts)
  }

  /// `clientCount + 1` non-decreasing cut points from 0 to `count`, at the cumulative shares of
  /// one Dirichlet(α) draw.
  private static func dirichletCuts(
    count: Int, clientCount: Int, alpha: Double, using generator: inout some RandomNumberGenerator
  ) -> [Int] {
    let draws = (0..<clientCount).map { _ in generator.nextGamma(shape: alpha) }
    var total = 0.0
    for draw in draws { total += draw }
    var cuts = [Int](repeating: 0, count: clientCount + 1)
    guard total > 0, total.isFinite else {
      // Every draw underflowed: the limit distribution puts the class on one random client.
      let winner = generator.nextInt(below: clientCount)
      for client in (winner + 1)...clientCount { cuts[client] = count }
      return cuts
    }
    var cumulative = 0.0
    for client in 0..<clientCount {
      cumulative += draws[client]
      let cut = Int((cumulative / total * Double(count)).rounded(.down))
      cuts[client + 1] = max(cuts[client], min(cut, count))
    }
    cuts[clientCount] = count
    return cuts
  }
}
