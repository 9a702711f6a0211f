import SimCore

/// The knobs of the first blockchain FL scheme: FedAvg's, plus where the chain's validators and
/// (for off-chain payloads) the storage node are.
public struct BlockchainFedAvgConfiguration: Sendable, Hashable {
  /// The FedAvg knobs shared with the vanilla twin: clients, rounds, C, deadline. The twin's
  /// `server` is not used here: the contract replaces it.
  public var federation: FedAvgConfiguration
  /// `validators[i]`: the platform node of the engine's validator i.
  public var validators: [NodeID]
  /// Nil: updates and the global model travel and are stored on chain. A node: clients upload
  /// update bytes to it and put only their hash on chain; validators fetch them from it to
  /// execute the aggregation, and the first validator to aggregate publishes the model there.
  public var storage: NodeID?
  /// The run stops (with `stalled` set) when nothing the scheme sent or started has been in
  /// flight for this long plus the round deadline: without a round deadline, a lost message
  /// would otherwise leave the chain producing empty blocks until the end of simulated time.
  /// It must exceed the time the chain takes to include and confirm a transaction.
  public var stallLimit: SimDuration

  /// The scheme's configuration.
  /// - Precondition: at least one validator; a positive stall limit.
  public init(
    federation: FedAvgConfiguration, validators: [NodeID], storage: NodeID?,
    stallLimit: SimDuration = .seconds(3_600)
  ) {
    precondition(!validators.isEmpty, "BlockchainFedAvg: no validators")
    precondition(stallLimit > .zero, "BlockchainFedAvg: stall limit \(stallLimit)")
    self.federation = federation
    self.validators = validators
    self.storage = storage
    self.stallLimit = stallLimit
  }

  /// True when update and model bytes are on chain.
  public var keepsPayloadsOnChain: Bool { storage == nil }
}
