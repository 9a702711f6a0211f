import SimCore

/// The parameters of a Clique-like proof-of-authority chain.
public struct ProofOfAuthorityConfiguration: Hashable, Sendable {
  /// The slot length: slot s starts at s · `period` (slot 0 is the genesis block's).
  public var period: SimDuration
  /// The backup delay: the signer k places after the in-turn one seals k · `wiggle` into the
  /// slot if no block of the slot has reached it by then.
  public var wiggle: SimDuration
  /// The limits every received block is validated against.
  public var limits: BlockLimits

  /// A configuration with the given values.
  /// - Precondition: `period` > 0 and `wiggle` > 0.
  public init(period: SimDuration, wiggle: SimDuration, limits: BlockLimits = .standard) {
    precondition(period.nanoseconds > 0, "ProofOfAuthority: period \(period) must be positive")
    precondition(wiggle.nanoseconds > 0, "ProofOfAuthority: wiggle \(wiggle) must be positive")
    self.period = period
    self.wiggle = wiggle
    self.limits = limits
  }
}
