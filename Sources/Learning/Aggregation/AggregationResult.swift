import SimCore

/// What an aggregation rule produced: the aggregate vector, which updates it came from, and the
/// work the rule did.
public struct AggregationResult: Sendable, Equatable {
  /// The aggregated parameters, as long as each input update.
  public var parameters: [Float]
  /// Positions (in the input array, ascending) of the updates the result was computed from: every
  /// update for FedAvg, the median and the trimmed mean (each coordinate discards different
  /// updates), only the chosen ones for Krum and Multi-Krum. Schemes use it for reputation.
  public var contributors: [Int]
  /// The computation done, for the node's `DeviceProfile` (see `AggregationRule` for the rules).
  public var work: Work

  /// A result from its parts.
  public init(parameters: [Float], contributors: [Int], work: Work) {
    self.parameters = parameters
    self.contributors = contributors
    self.work = work
  }
}
