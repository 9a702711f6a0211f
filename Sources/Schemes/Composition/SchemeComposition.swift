import Learning
import SimCore

/// A scheme as a composition of stages (DESIGN §5): the federation's knobs and one value per
/// stage. A preset (`fedavg`, `bcfl`, `ll-bcfl`) is a named composition; a scenario may override
/// any stage. A paired run gives its twins the same selection and aggregation values, so the two
/// cannot drift apart.
public struct SchemeComposition: Sendable {
  /// Clients, rounds, C, the deadline, and (for a server) the server node.
  public var federation: FedAvgConfiguration
  /// Which clients train each round.
  public var selection: any ClientSelection
  /// How the aggregator combines the updates it accepts: the same rule value for a server and a
  /// contract.
  public var aggregation: any AggregationRule

  /// A composition of `federation` with the given stages.
  public init(
    federation: FedAvgConfiguration, selection: any ClientSelection = UniformSelection(),
    aggregation: any AggregationRule = FederatedAveraging()
  ) {
    self.federation = federation
    self.selection = selection
    self.aggregation = aggregation
  }
}
