import SimCore

/// The knobs of vanilla FedAvg (McMahan et al., AISTATS 2017) as the simulator runs it.
public struct FedAvgConfiguration: Sendable, Hashable {
  /// The node that samples clients, aggregates and broadcasts.
  public var server: NodeID
  /// The client nodes, in `ClientID` order: `clients[c.index]` hosts client `c`.
  public var clients: [NodeID]
  /// Aggregation rounds to run.
  public var rounds: Int
  /// The fraction C of clients sampled each round; at least one client is always sampled.
  public var clientFraction: Double
  /// When set, the server aggregates whatever has arrived this long after the round started
  /// (stragglers' late updates are discarded); otherwise it waits for every sampled client.
  public var roundDeadline: SimDuration?

  public init(
    server: NodeID, clients: [NodeID], rounds: Int, clientFraction: Double,
    roundDeadline: SimDuration? = nil
  ) {
    precondition(!clients.isEmpty, "FedAvg needs at least one client")
    precondition(rounds >= 1, "FedAvg needs at least one round, got \(rounds)")
    precondition(
      clientFraction > 0 && clientFraction <= 1, "FedAvg: C = \(clientFraction) outside (0, 1]")
    self.server = server
    self.clients = clients
    self.rounds = rounds
    self.clientFraction = clientFraction
    self.roundDeadline = roundDeadline
  }

  /// Clients sampled per round: max(1, ⌊C·K⌋) as in McMahan et al.'s algorithm 1
  /// (`m ← max(C·K, 1)`), rounding C·K down; a tiny relative slack absorbs decimal fractions such
  /// as 0.1 × 30 that are a hair below the integer in binary.
  public var clientsPerRound: Int {
    let exact = clientFraction * Double(clients.count)
    return max(1, min(clients.count, Int((exact * (1 + 1e-12)).rounded(.down))))
  }
}
