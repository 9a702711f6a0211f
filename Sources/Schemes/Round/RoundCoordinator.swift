import SimCore
import SimKernel

/// Where a scheme's updates go, who aggregates them and how the model is published: a server
/// (`ServerCoordinator`), or a federation contract on a chain (`ChainCoordinator`). The transport,
/// aggregation and publication stages of a scheme, which go together.
///
/// A coordinator opens rounds (`RoundDriver.openRound`), delivers the model to each selected
/// client (`RoundDriver.modelArrived`), carries each trained update to the aggregator, and closes
/// the round (`RoundDriver.finishRound`); every message and task goes through the driver's door.
protocol RoundCoordinator: AnyObject {
  /// Starts the federation at the current instant.
  func start(in simulation: Simulation)
  /// `client` has trained its update of `round` (the round is still collecting): carry it to the
  /// aggregator.
  func send(updateOf client: ClientID, round: Int, in simulation: Simulation)
  /// The clients' reputation as the aggregator keeps it (on a chain: the contract's book).
  var reputation: ReputationBook { get }
}
