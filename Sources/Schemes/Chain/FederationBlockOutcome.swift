import Ledger
import SimCore

/// What the federation contract's end-of-block step did (its `Contract.BlockOutcome`): the round
/// it opened, the round it aggregated, whether the federation finished.
public struct FederationBlockOutcome: Sendable, Hashable {
  /// A round's aggregation.
  public struct Aggregation: Sendable, Hashable {
    /// The round aggregated.
    public var round: Int
    /// The clients whose updates were averaged, ascending.
    public var contributors: [ClientID]
    /// True when the round's deadline, not the last sampled client, closed it.
    public var closedByDeadline: Bool
    /// SHA-256 of the global model after the round.
    public var modelHash: Digest256
    /// Why the aggregation rule refused the updates (the model was kept), or nil.
    public var refusal: String?
  }

  /// One update's validation: the validators' majority verdict and their mean score.
  public struct Judgement: Sendable, Hashable {
    public var client: ClientID
    public var round: Int
    public var accepted: Bool
    public var score: Double
  }

  /// The updates judged in the block, in transaction order.
  public var judgements: [Judgement] = []
  /// A round opened by the step, or nil.
  public var openedRound: Int?
  /// The opened round's selected clients that had not registered (dropouts: they cannot submit).
  public var unregisteredSelected: [ClientID] = []
  /// The aggregation done by the step, or nil.
  public var aggregation: Aggregation?
  /// True when the federation finished in this block.
  public var finished = false
}
