import SimCore

/// What a selection stage may look at when it picks a round's clients.
public struct SelectionContext: Sendable {
  /// The round being opened (1-based).
  public var round: Int
  /// Clients 0..<`clientCount` take part in the federation.
  public var clientCount: Int
  /// How many clients the round wants: FedAvg's max(1, ⌊C·K⌋).
  public var clientsPerRound: Int
  /// Each client's reputation, by client index (see `ReputationBook`).
  public var reputation: ReputationBook
  /// Each client's stake, by client index: what `stake` selection weights by.
  public var stakes: [Double]

  public init(
    round: Int, clientCount: Int, clientsPerRound: Int, reputation: ReputationBook,
    stakes: [Double]
  ) {
    self.round = round
    self.clientCount = clientCount
    self.clientsPerRound = clientsPerRound
    self.reputation = reputation
    self.stakes = stakes
  }
}

/// The selection stage: which clients train in a round.
///
/// A selection is a value, the same one for a scheme and its vanilla twin; whoever coordinates
/// the round (a server, or the federation contract on chain) calls it with the `clientSampling`
/// stream's generator, so paired runs that select at random draw the same clients.
public protocol ClientSelection: Sendable, CustomStringConvertible {
  /// The round's clients, in the order they were picked, each once.
  func select(_ context: SelectionContext, using generator: inout Xoshiro256StarStar) -> [ClientID]
}
