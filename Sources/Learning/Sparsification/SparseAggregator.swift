import SimCore

/// Combines sparse updates into one dense vector, summing entries in a fixed order (ascending
/// update position, then ascending index) in `Double` and rounding once per coordinate.
///
/// Three normalisations cover the ways sparse uploads are used:
/// - `sum`: every uploaded entry is added, as a DSSGD parameter server adds each client's selected
///   gradients into the global parameters (Shokri and Shmatikov 2015, §5);
/// - `meanOverUpdates`: the sum divided by the number of updates, i.e. FedAvg with equal weights
///   over the zero-filled dense updates;
/// - `meanOverContributors`: each coordinate divided by the number of updates that carried it
///   (coordinates nobody sent stay 0), so a rarely selected coordinate is not shrunk towards 0.
///
/// Work: one flop per uploaded entry, plus one division per coordinate for `meanOverUpdates` and
/// per carried coordinate for `meanOverContributors`.
public struct SparseAggregator: Sendable, Equatable {
  /// How the summed entries are scaled.
  public enum Normalization: Sendable, Equatable {
    /// No scaling: the plain sum of all entries.
    case sum
    /// Divide every coordinate by the number of updates.
    case meanOverUpdates
    /// Divide each coordinate by the number of updates that carried it.
    case meanOverContributors
  }

  /// The scaling applied to the sum.
  public let normalization: Normalization

  /// An aggregator with the given normalisation.
  public init(normalization: Normalization) {
    self.normalization = normalization
  }

  /// The dense aggregate of `updates`, all of one dimension, and the work done.
  /// - Throws: `SparsificationError.noUpdates` for an empty list, `.dimensionMismatch` when an
  ///   update's dimension differs from the first's.
  /// - Complexity: O(d + total entries).
  public func aggregate(_ updates: [SparseUpdate]) throws(SparsificationError) -> (
    parameters: [Float], work: Work
  ) {
    guard let first = updates.first else { throw .noUpdates }
    let dimension = first.dimension
    for (position, update) in updates.enumerated() where update.dimension != dimension {
      throw .dimensionMismatch(update: position, dimension: update.dimension, expected: dimension)
    }
    var sums = [Double](repeating: 0, count: dimension)
    var carriers = [Int32](
      repeating: 0, count: normalization == .meanOverContributors ? dimension : 0)
    var entries: Int64 = 0
    for update in updates {
      for (index, value) in zip(update.indices, update.values) {
        sums[Int(index)] += Double(value)
        if normalization == .meanOverContributors { carriers[Int(index)] += 1 }
      }
      entries += Int64(update.count)
    }
    switch normalization {
    case .sum:
      return (sums.map { Float($0) }, .flops(entries))
    case .meanOverUpdates:
      let count = Double(updates.count)
      return (sums.map { Float($0 / count) }, .flops(entries + Int64(dimension)))
    case .meanOverContributors:
      var divisions: Int64 = 0
      var mean = [Float](repeating: 0, count: dimension)
      for j in 0..<dimension where carriers[j] > 0 {
        mean[j] = Float(sums[j] / Double(carriers[j]))
        divisions += 1
      }
      return (mean, .flops(entries + divisions))
    }
  }
}
