import SimCore

/// Where a blockchain scheme's chain runs: the validators' nodes and (for off-chain payloads) the
/// storage node.
public struct ChainDeployment: Sendable, Hashable {
  /// `validators[i]`: the platform node of the engine's validator i.
  public var validators: [NodeID]
  /// Nil: updates and the global model travel and are stored on chain. A node: clients upload
  /// update bytes to it and put only their hash on chain; validators fetch them from it to
  /// execute the aggregation, and the first validator to aggregate publishes the model there.
  public var storage: NodeID?
  /// Blocks on top of a block before the validators confirm it (and clients can know of a round
  /// it opens): the contract's round deadline counts from the confirming block.
  public var confirmationDepth: Int
  /// Round 1 opens with the clients registered by then (from the chain's start); nil waits for
  /// every client.
  public var registrationDeadline: SimDuration?

  /// The deployment.
  /// - Precondition: at least one validator; `confirmationDepth` ≥ 0; a registration deadline,
  ///   if any, is positive.
  public init(
    validators: [NodeID], storage: NodeID?, confirmationDepth: Int = 0,
    registrationDeadline: SimDuration? = nil
  ) {
    precondition(!validators.isEmpty, "ChainDeployment: no validators")
    precondition(confirmationDepth >= 0, "ChainDeployment: depth \(confirmationDepth)")
    precondition(
      registrationDeadline.map { $0 > .zero } ?? true,
      "ChainDeployment: the registration deadline must be positive")
    self.validators = validators
    self.storage = storage
    self.confirmationDepth = confirmationDepth
    self.registrationDeadline = registrationDeadline
  }

  /// True when update and model bytes are on chain.
  public var keepsPayloadsOnChain: Bool { storage == nil }
}
