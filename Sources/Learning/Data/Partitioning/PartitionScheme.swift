/// How a data set's samples are dealt out to federated-learning clients.
///
/// Every scheme gives each sample to exactly one client (the result covers `0..<labels.count`
/// exactly once; `PartitionStatistics.coverageDefects` checks it), lists each client's indices in
/// ascending order, and is deterministic: the same labels, client count and generator state give
/// the same partition.
/// ```
/// var rng = streams.make(.dataPartitioning)
/// let shards = try PartitionScheme.dirichlet(alpha: 0.5)
///   .partition(labels: train.labels, classCount: 10, clientCount: 100, using: &rng)
/// let client7 = train.subset(shards[7])
/// ```
public enum PartitionScheme: Sendable, Equatable {
  /// Shuffle, then deal near-equal contiguous chunks: sizes differ by at most one, labels follow
  /// the global mix.
  case iid
  /// McMahan et al.'s pathological non-IID split (AISTATS 2017, §3): sort by label, cut into
  /// `shardsPerClient × clients` near-equal shards, give each client `shardsPerClient` random
  /// shards. With 2 shards each client sees about two classes.
  case pathological(shardsPerClient: Int = 2)
  /// Label skew of Hsu, Qi and Brown (arXiv:1909.06335, 2019): for each class, client shares
  /// drawn from Dirichlet(α, …, α). Small α (0.1) gives each client few classes; large α (100)
  /// approaches IID. Draws are repeated until every client has `minimumClientSize` samples
  /// (as NIID-Bench does), for at most 1000 attempts.
  case dirichlet(alpha: Double, minimumClientSize: Int = 0)
  /// IID labels with unbalanced sizes: client weights drawn from LogNormal(0, σ), sizes
  /// proportional to them (each client at least one sample); σ = 0 gives equal sizes.
  case unbalanced(sigma: Double)

  /// The sample indices of each of `clientCount` clients, for samples labelled `labels` (classes
  /// `0..<classCount`).
  /// - Throws: `PartitionError` for impossible requests: no clients, more clients (or shards)
  ///   than samples, α ≤ 0, σ < 0, a label out of range, an unreachable minimum size.
  /// - Complexity: O(samples + clients × classes) plus the sort of each client's indices.
  public func partition(
    labels: [Int32], classCount: Int, clientCount: Int,
    using generator: inout some RandomNumberGenerator
  ) throws(PartitionError) -> [[Int]] {
    try PartitionScheme.validate(labels: labels, classCount: classCount, clientCount: clientCount)
    switch self {
    case .iid:
      return PartitionScheme.makeIIDPartition(
        sampleCount: labels.count, clientCount: clientCount, using: &generator)
    case .pathological(let shardsPerClient):
      return try PartitionScheme.makePathologicalPartition(
        labels: labels, classCount: classCount, clientCount: clientCount,
        shardsPerClient: shardsPerClient, using: &generator)
    case .dirichlet(let alpha, let minimumClientSize):
      return try PartitionScheme.makeDirichletPartition(
        labels: labels, classCount: classCount, clientCount: clientCount, alpha: alpha,
        minimumClientSize: minimumClientSize, using: &generator)
    case .unbalanced(let sigma):
      return try PartitionScheme.makeUnbalancedPartition(
        sampleCount: labels.count, clientCount: clientCount, sigma: sigma, using: &generator)
    }
  }

  /// Checks what every scheme needs: at least one client, no more clients than samples, labels
  /// in range.
  static func validate(labels: [Int32], classCount: Int, clientCount: Int)
    throws(PartitionError)
  {
    guard clientCount >= 1 else { throw .invalidClientCount(clientCount) }
    guard clientCount <= labels.count else {
      throw .moreClientsThanSamples(clients: clientCount, samples: labels.count)
    }
    if let index = labels.firstIndex(where: { $0 < 0 || Int($0) >= classCount }) {
      throw .labelOutOfRange(index: index, label: labels[index], classCount: classCount)
    }
  }

  /// Cuts `order` into consecutive chunks of `sizes` and sorts each chunk.
  /// - Precondition: the sizes add up to `order.count`.
  static func deal(_ order: [Int], sizes: [Int]) -> [[Int]] {
    precondition(
      sizes.reduce(0, +) == order.count, "chunk sizes \(sizes) do not add to \(order.count)")
    var start = 0
    return sizes.map { size in
      defer { start += size }
      return order[start..<(start + size)].sorted()
    }
  }
}
