import SimCore

/// The parameters of a Clique-like proof-of-authority chain.
public struct ProofOfAuthorityConfiguration: Hashable, Sendable {
  /// The slot length: slot s starts at s · `period` (slot 0 is the genesis block's).
  public var period: SimDuration
  /// The backup delay: the signer k places after the in-turn one seals k · `wiggle` into the
  /// slot if no block of the slot has reached it by then.
  public var wiggle: SimDuration
  /// The limits proposers fill blocks to and every received block is validated against.
  public var limits: BlockLimits
  /// How many blocks a validator's main chain must extend past a block before the block counts
  /// as confirmed there (`onBlockConfirmed`); 0 confirms at acceptance.
  ///
  /// The default is 0: with a latency below `wiggle` the rank-ordered backups make the chain
  /// fork-free, so an accepted block is final (Clique deployments treat blocks as final after
  /// a few slots only to cover signers that misbehave, which this engine does not simulate).
  /// Raise it when latencies can exceed `wiggle` and forks become possible.
  public var confirmationDepth: Int
  /// How signers spread blocks and transactions (`GossipMode`); announce-then-request unless
  /// set. Announcing, a block reaches a peer three latencies after its sealer attached it: keep
  /// that below `wiggle`, or backups seal before the block arrives and fork the chain.
  public var gossip: GossipMode

  /// A configuration with the given values.
  /// - Precondition: `period` > 0, `wiggle` > 0, `confirmationDepth` ≥ 0.
  public init(
    period: SimDuration, wiggle: SimDuration, limits: BlockLimits = .standard,
    confirmationDepth: Int = 0, gossip: GossipMode = .announce
  ) {
    precondition(period.nanoseconds > 0, "ProofOfAuthority: period \(period) must be positive")
    precondition(wiggle.nanoseconds > 0, "ProofOfAuthority: wiggle \(wiggle) must be positive")
    precondition(
      confirmationDepth >= 0,
      "ProofOfAuthority: confirmation depth \(confirmationDepth) must be ≥ 0")
    self.period = period
    self.wiggle = wiggle
    self.limits = limits
    self.confirmationDepth = confirmationDepth
    self.gossip = gossip
  }
}
