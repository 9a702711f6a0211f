import SimCore

/// Weighted federated averaging (McMahan et al., AISTATS 2017, "Communication-Efficient Learning
/// of Deep Networks from Decentralized Data", algorithm 1): each coordinate is
/// `Σₖ nₖ·xₖ / Σₖ nₖ`, with `nₖ` the update's `sampleCount`.
///
/// The sum runs over updates in the order given (schemes pass them by ascending client ID) and is
/// accumulated in `Double`, then divided and rounded to `Float` once. Why `Double`: each product
/// `nₖ·xₖ` is exact in `Double` (a 24-bit float significand times a count below 2²⁹ fits in 53
/// bits), so the only rounding is in the additions, at 2⁻⁵³ relative each; the result is within
/// about one `Float` ulp of the exact weighted mean whatever the number of clients, and an explicit
/// or compiler-chosen fused multiply-add would give the same bits. Summing in `Float` would lose
/// about log₂(K) bits over K clients and depend on the order even more.
///
/// FedAvg is not robust: one poisoned update moves the mean arbitrarily, and a NaN propagates.
/// Updates with `sampleCount == 0` are skipped (they weigh nothing). Counts of 2²⁹ or more are
/// accepted but lose the exact-product property above.
///
/// Work: 2 flops (multiply-add) per coordinate of each update with a positive sample count, plus
/// one division per coordinate.
public struct FederatedAveraging: AggregationRule {
  /// The FedAvg rule.
  public init() {}

  /// `fedavg`.
  public var description: String { "fedavg" }

  /// The sample-count-weighted mean of `updates`.
  /// - Complexity: O(n·d) for n updates of d parameters.
  public func aggregate(_ updates: [ClientUpdate]) throws(AggregationError) -> AggregationResult {
    try aggregate(count: updates.count) { updates[$0] }
  }

  /// The mean of `count` updates summed as they are handed out: one update in memory at a time.
  /// `aggregate(_:)` is this, so the two give the same bits.
  public func aggregate(count: Int, update: (Int) -> ClientUpdate) throws(AggregationError)
    -> AggregationResult
  {
    guard count > 0 else { throw .noUpdates }
    let first = update(0)
    let dimension = first.parameters.count
    var sum = Accumulator(dimension: dimension)
    for position in 0..<count {
      let next = position == 0 ? first : update(position)
      guard next.parameters.count == dimension else {
        throw .dimensionMismatch(
          update: position, parameterCount: next.parameters.count, expected: dimension)
      }
      sum.add(next.parameters, sampleCount: next.sampleCount)
    }
    return try sum.result()
  }

  /// The running weighted sum behind both `aggregate` methods.
  public struct Accumulator: Sendable {
    private var sums: [Double]
    private var totalSamples = 0
    private var count = 0
    private var weighted: Int64 = 0
    /// The first update whose sample count overflowed the total.
    private var overflowAt: Int?

    /// An empty sum of updates of `dimension` parameters.
    public init(dimension: Int) {
      sums = [Double](repeating: 0, count: dimension)
    }

    /// Adds an update of `dimension` parameters.
    public mutating func add(_ parameters: [Float], sampleCount: Int) {
      precondition(
        parameters.count == sums.count,
        "FederatedAveraging.Accumulator: \(parameters.count) parameters, not \(sums.count)")
      defer { count += 1 }
      // Sample counts are declared by clients; a Byzantine one must not crash the server.
      let (total, overflow) = totalSamples.addingReportingOverflow(sampleCount)
      if overflow { overflowAt = overflowAt ?? count }
      totalSamples = overflow ? totalSamples : total
      guard sampleCount > 0, overflowAt == nil else { return }
      let weight = Double(sampleCount)
      sums.withUnsafeMutableBufferPointer { sums in
        parameters.withUnsafeBufferPointer { values in
          for j in 0..<sums.count { sums[j] += weight * Double(values[j]) }
        }
      }
      weighted += 1
    }

    /// The weighted mean of the updates added.
    public func result() throws(AggregationError) -> AggregationResult {
      if let overflowAt { throw .sampleCountOverflow(update: overflowAt) }
      guard totalSamples > 0 else { throw .zeroTotalWeight(updateCount: count) }
      let total = Double(totalSamples)
      let mean = sums.map { Float($0 / total) }
      let d = Int64(sums.count)
      return AggregationResult(
        parameters: mean, contributors: Array(0..<count), work: .flops(2 * d * weighted + d))
    }
  }
}
