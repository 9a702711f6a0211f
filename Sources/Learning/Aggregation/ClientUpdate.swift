/// One client's contribution to a round: its model parameters (or parameter delta) flattened into
/// one vector, and the number of samples it trained on.
///
/// Aggregation rules work on flat `[Float]` vectors so that they do not depend on how a model lays
/// out its tensors; every update of a round must have the same length.
public struct ClientUpdate: Sendable, Equatable {
  /// The flattened parameters, in the model's canonical order.
  public var parameters: [Float]
  /// Local training samples behind this update: FedAvg's weight. Robust rules ignore it.
  public var sampleCount: Int

  /// An update of `parameters` trained on `sampleCount` samples.
  /// - Precondition: `sampleCount >= 0`.
  public init(parameters: [Float], sampleCount: Int) {
    precondition(sampleCount >= 0, "ClientUpdate: sampleCount must be ≥ 0, got \(sampleCount)")
    self.parameters = parameters
    self.sampleCount = sampleCount
  }
}

extension ClientUpdate {
  /// The common length of `updates`' parameter vectors.
  ///
  /// Throws when there is no update or when one update's length differs from the first's (a
  /// malformed or malicious upload is an input error, not a programmer error).
  /// - Complexity: O(updates.count).
  static func commonDimension(of updates: [ClientUpdate]) throws(AggregationError) -> Int {
    guard let first = updates.first else { throw .noUpdates }
    let dimension = first.parameters.count
    for (position, update) in updates.enumerated() where update.parameters.count != dimension {
      throw .dimensionMismatch(
        update: position, parameterCount: update.parameters.count, expected: dimension)
    }
    return dimension
  }
}
