import SimCore

/// The parameters of a Tendermint-like BFT chain.
public struct ByzantineConfiguration: Hashable, Sendable {
  /// The timeouts of view 0 (propose, prevote, precommit and gossip: see `ByzantineEngine`);
  /// those of view v wait `baseTimeout` + v · `timeoutIncrement`.
  public var baseTimeout: SimDuration
  /// How much longer each later view of a height waits at each of its timeouts.
  public var timeoutIncrement: SimDuration
  /// When set, the engine stops after committing this many heights (genesis excluded); nil
  /// runs until `stop`.
  public var targetHeight: Int?
  /// The limits proposers fill blocks to and every proposal is validated against.
  public var limits: BlockLimits
  /// Tendermint's `timeout_commit`: after committing a height, a validator waits this long
  /// before the next (its proposer proposes, and everyone's propose timeout starts, this much
  /// later), which paces the chain at about one block per delay plus three message delays.
  /// Zero (the default) starts the next height at once.
  public var commitDelay: SimDuration
  /// How validators gossip transactions (`GossipMode`); announce-then-request unless set.
  /// Proposals and votes go straight from their sender to every other validator, one copy
  /// each, so there is nothing to announce: a request would only add two delays to a height.
  public var gossip: GossipMode

  /// A configuration with the given values.
  /// - Precondition: `baseTimeout` > 0, `timeoutIncrement` ≥ 0, `targetHeight` (when set) ≥ 0.
  public init(
    baseTimeout: SimDuration, timeoutIncrement: SimDuration, targetHeight: Int? = nil,
    limits: BlockLimits = .standard, commitDelay: SimDuration = .zero,
    gossip: GossipMode = .announce
  ) {
    precondition(baseTimeout.nanoseconds > 0, "Byzantine: base timeout \(baseTimeout)")
    precondition(timeoutIncrement.nanoseconds >= 0, "Byzantine: increment \(timeoutIncrement)")
    precondition((targetHeight ?? 0) >= 0, "Byzantine: target height \(targetHeight ?? 0)")
    precondition(commitDelay.nanoseconds >= 0, "Byzantine: commit delay \(commitDelay)")
    self.baseTimeout = baseTimeout
    self.timeoutIncrement = timeoutIncrement
    self.targetHeight = targetHeight
    self.limits = limits
    self.commitDelay = commitDelay
    self.gossip = gossip
  }
}
