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

  /// The deployment.
  /// - Precondition: at least one validator.
  public init(validators: [NodeID], storage: NodeID?) {
    precondition(!validators.isEmpty, "ChainDeployment: no validators")
    self.validators = validators
    self.storage = storage
  }

  /// True when update and model bytes are on chain.
  public var keepsPayloadsOnChain: Bool { storage == nil }
}
