import SimCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension PartitionScheme {
  /// The unbalanced partition: client weights w_k = exp(N(0, σ²)); every client gets one sample,
  /// the other `sampleCount − clientCount` are shared in proportion to the weights by the
  /// largest-remainder method (ties to the lower client index); then shuffled samples are dealt
  /// in chunks of those sizes. Log-normal client sizes follow LEAF (Caldas et al.,
  /// arXiv:1812.01097, 2018).
  /// - Throws: `invalidSpread` unless σ is finite and ≥ 0, or when σ is so large that a draw
  ///   overflows to +∞.
  /// - Complexity: O(sampleCount + clientCount log clientCount).
  static func makeUnbalancedPartition(
    sampleCount: Int, clientCount: Int, sigma: Double,
    using generator: inout some RandomNumberGenerator
  ) throws(PartitionError) -> [[Int]] {
    guard sigma.isFinite, sigma >= 0 else { throw .invalidSpread(sigma) }
    // Log-weights, shifted so the largest weight is 1: exp never overflows, whatever σ.
    let logWeights = (0..<clientCount).map { _ in generator.nextNormal(standardDeviation: sigma) }
    let largest = logWeights.max() ?? 0
    // A σ near `Double.greatestFiniteMagnitude` can overflow a draw to +∞, and ∞ − ∞ would make
    // every weight NaN.
    guard largest.isFinite else { throw .invalidSpread(sigma) }
    let weights = logWeights.map { exp($0 - largest) }
    let sizes = largestRemainderSizes(weights: weights, total: sampleCount - clientCount)
    var order = Array(0..<sampleCount)
    generator.shuffle(&order)
    return deal(order, sizes: sizes.map { $0 + 1 })
  }

  /// `total` shared among `weights.count` parts in proportion to `weights` (Hamilton's method):
  /// each part gets the floor of its quota, and the leftover units go to the largest
  /// fractional remainders, ties to the lower index.
  /// - Precondition: weights are finite and non-negative with a positive sum; `total >= 0`.
  static func largestRemainderSizes(weights: [Double], total: Int) -> [Int] {
    var sum = 0.0
    for weight in weights { sum += weight }
    precondition(sum > 0 && sum.isFinite, "weights \(weights) have no positive finite sum")
    precondition(total >= 0, "cannot share \(total) units")
    let quotas = weights.map { $0 / sum * Double(total) }
    var sizes = quotas.map { min(Int($0.rounded(.down)), total) }
    let byRemainder = quotas.indices.sorted { a, b in
      let remainderA = quotas[a] - Double(sizes[a])
      let remainderB = quotas[b] - Double(sizes[b])
      return remainderA != remainderB ? remainderA > remainderB : a < b
    }
    // The floors sum to at most `total`; rounding can only leave units over, never short.
    var leftover = total - sizes.reduce(0, +)
    precondition(leftover >= 0, "quotas \(quotas) floor to more than \(total)")
    var next = 0
    while leftover > 0 {
      sizes[byRemainder[next % byRemainder.count]] += 1
      leftover -= 1
      next += 1
    }
    return sizes
  }
}
