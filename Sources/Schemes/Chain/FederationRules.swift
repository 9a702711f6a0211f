import SimCore

/// The parameters a federation contract is deployed with: who may take part, how many rounds,
/// how many clients each round samples, when a round stops waiting, and where the global model
/// lives.
public struct FederationRules: Hashable, Sendable {
  /// Clients 0..<`clientCount` may register.
  public var clientCount: Int
  /// Rounds to run; the federation finishes after the last aggregation.
  public var rounds: Int
  /// Clients sampled per round (FedAvg's ⌊C·K⌋, at least 1).
  public var clientsPerRound: Int
  /// A round aggregates what it has once a block's timestamp is this far past the round's
  /// opening; nil waits for every sampled client.
  public var roundDeadline: SimDuration?
  /// True: the global model's bytes are kept in contract storage (on chain). False: only its
  /// SHA-256 is, and the bytes live in an off-chain store.
  public var keepsModelOnChain: Bool
  /// Blocks on top of a round's opening block before its clients can know of the round (the
  /// chain's confirmation depth): the round deadline counts from the block that confirms the
  /// opening, so that a chain with deep confirmations does not spend the deadline before any
  /// client has heard of the round.
  public var noticeDepth: Int
  /// Round 1 opens with the clients registered so far at the first block this far past the
  /// chain's start (time zero), even if some never registered; nil waits for every client.
  public var registrationDeadline: SimDuration?

  /// Rules for `clientCount` clients over `rounds` rounds of `clientsPerRound`.
  /// - Precondition: every count is positive and `clientsPerRound ≤ clientCount`; the deadlines,
  ///   if any, are positive; `noticeDepth` ≥ 0.
  public init(
    clientCount: Int, rounds: Int, clientsPerRound: Int, roundDeadline: SimDuration?,
    keepsModelOnChain: Bool, noticeDepth: Int = 0, registrationDeadline: SimDuration? = nil
  ) {
    precondition(
      clientCount > 0 && rounds > 0 && clientsPerRound > 0 && clientsPerRound <= clientCount,
      "FederationRules: \(clientsPerRound) of \(clientCount) clients over \(rounds) rounds")
    precondition(
      roundDeadline.map { $0 > .zero } ?? true,
      "FederationRules: the round deadline must be positive")
    self.clientCount = clientCount
    self.rounds = rounds
    self.clientsPerRound = clientsPerRound
    self.roundDeadline = roundDeadline
    precondition(noticeDepth >= 0, "FederationRules: notice depth \(noticeDepth)")
    precondition(
      registrationDeadline.map { $0 > .zero } ?? true,
      "FederationRules: the registration deadline must be positive")
    self.keepsModelOnChain = keepsModelOnChain
    self.noticeDepth = noticeDepth
    self.registrationDeadline = registrationDeadline
  }
}
