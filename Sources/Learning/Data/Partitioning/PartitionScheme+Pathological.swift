import SimCore

extension PartitionScheme {
  /// McMahan et al.'s pathological non-IID partition ("Communication-Efficient Learning of Deep
  /// Networks from Decentralized Data", AISTATS 2017, §3: MNIST sorted by digit, 200 shards of
  /// 300, two shards per client). Indices are sorted by (label, index), cut into
  /// `shardsPerClient × clientCount` consecutive shards of near-equal size (differing by at most
  /// one), and a random permutation of the shards is dealt `shardsPerClient` at a time.
  ///
  /// A shard lies within one class unless it straddles a class boundary, so a client sees at
  /// most `2 × shardsPerClient` classes, and at most `shardsPerClient` when every class size is
  /// a multiple of the shard size.
  /// - Throws: `invalidShardsPerClient` below 1, `moreShardsThanSamples`.
  /// - Complexity: O(samples + classes + shards).
  static func makePathologicalPartition(
    labels: [Int32], classCount: Int, clientCount: Int, shardsPerClient: Int,
    using generator: inout some RandomNumberGenerator
  ) throws(PartitionError) -> [[Int]] {
    guard shardsPerClient >= 1 else { throw .invalidShardsPerClient(shardsPerClient) }
    let (shardCount, overflow) = clientCount.multipliedReportingOverflow(by: shardsPerClient)
    guard !overflow, shardCount <= labels.count else {
      throw .moreShardsThanSamples(
        shards: overflow ? Int.max : shardCount, samples: labels.count)
    }
    let sorted = indicesSortedByLabel(labels, classCount: classCount)
    // Shard j is sorted[j·n/S ..< (j+1)·n/S], so sizes differ by at most one.
    let n = labels.count
    var shardOrder = Array(0..<shardCount)
    generator.shuffle(&shardOrder)
    return (0..<clientCount).map { client in
      var indices: [Int] = []
      for slot in 0..<shardsPerClient {
        let shard = shardOrder[client * shardsPerClient + slot]
        indices += sorted[(shard * n / shardCount)..<((shard + 1) * n / shardCount)]
      }
      return indices.sorted()
    }
  }

  /// The sample indices ordered by (label, index): a stable counting sort.
  static func indicesSortedByLabel(_ labels: [Int32], classCount: Int) -> [Int] {
    var starts = [Int](repeating: 0, count: classCount + 1)
    for label in labels { starts[Int(label) + 1] += 1 }
    for label in 0..<classCount { starts[label + 1] += starts[label] }
    var sorted = [Int](repeating: 0, count: labels.count)
    for (index, label) in labels.enumerated() {
      sorted[starts[Int(label)]] = index
      starts[Int(label)] += 1
    }
    return sorted
  }
}
