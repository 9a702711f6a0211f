/// A way of combining the clients' updates of one round into one vector: FedAvg, the coordinate
/// median, the trimmed mean, Krum, Multi-Krum.
///
/// Rules are values picked by name in a scenario (`AggregationSpec(parsing: "krum:2")`); their
/// `description` is that name. Every rule is a pure function of its input: same updates in the
/// same order ⇒ same bits, because each floating-point reduction runs in a fixed order (ascending
/// update position, or ascending value for order statistics).
///
/// ## Work accounting
/// Each rule returns the `Work` it did as floating-point operations, counted by these rules so that
/// the figure is exact, documented and independent of the standard library's algorithms:
/// - an addition, subtraction, multiplication, division or square root is one flop; a
///   multiply-add is two;
/// - a comparison of two floating-point values is one flop (it occupies the same units);
/// - sorting `k` values is charged `k⌈log₂k⌉` comparisons, the cost model of a comparison sort,
///   whatever the implementation actually did;
/// - integer bookkeeping (indices, copies, bit manipulation, sorting positions) is free.
public protocol AggregationRule: Sendable, CustomStringConvertible {
  /// Combines `updates` (all of one length) into one vector.
  ///
  /// Throws `AggregationError` when there is no update, lengths differ, or the rule's parameters
  /// are impossible for this many updates (e.g. Krum with n ≤ 2f + 2).
  func aggregate(_ updates: [ClientUpdate]) throws(AggregationError) -> AggregationResult

  /// The same aggregate, of `count` updates handed out one at a time by `update(i)`, so that an
  /// aggregator holding its updates encoded (a contract) need not decode them all at once. The
  /// default materialises them and calls `aggregate(_:)`; a rule that needs only a running sum
  /// (FedAvg) keeps one update in memory at a time. Either way the bits are `aggregate(_:)`'s.
  func aggregate(count: Int, update: (Int) -> ClientUpdate) throws(AggregationError)
    -> AggregationResult
}

extension AggregationRule {
  public func aggregate(count: Int, update: (Int) -> ClientUpdate) throws(AggregationError)
    -> AggregationResult
  {
    try aggregate((0..<count).map(update))
  }
}
