import SimCore

/// The parameters of a proof-of-work chain.
public struct ProofOfWorkConfiguration: Hashable, Sendable {
  /// T: the mean time between blocks of the whole network (all hash power together).
  public var meanBlockInterval: SimDuration
  /// Each miner's share of the hash power; miner i finds blocks at rate `hashShares[i]` / T.
  public var hashShares: [Double]
  /// When set, the engine stops mining once this many blocks (genesis excluded) have been
  /// found, and the run ends when the last gossip is delivered; nil mines until `stop`.
  public var targetBlockCount: Int?
  /// The limits miners fill blocks to and every block is validated against.
  public var limits: BlockLimits
  /// How many blocks a miner's main chain must extend past a block before the block counts as
  /// confirmed there (`onBlockConfirmed`); 0 confirms at acceptance. The default, 6, is
  /// Bitcoin's customary depth (Nakamoto 2008, §11: an attacker with 10% of the hash power
  /// catches up from 6 blocks behind with probability below 0.1%).
  public var confirmationDepth: Int
  /// How miners spread blocks and transactions (`GossipMode`); announce-then-request unless
  /// set.
  public var gossip: GossipMode

  /// A configuration with the given values.
  /// - Precondition: T > 0; every share is positive and finite and the shares sum to 1 within
  ///   1e-9; `targetBlockCount` (when set) and `confirmationDepth` are ≥ 0.
  public init(
    meanBlockInterval: SimDuration, hashShares: [Double], targetBlockCount: Int? = nil,
    limits: BlockLimits = .standard, confirmationDepth: Int = 6, gossip: GossipMode = .announce
  ) {
    precondition(
      meanBlockInterval.nanoseconds > 0,
      "ProofOfWork: mean block interval \(meanBlockInterval) must be positive")
    precondition(!hashShares.isEmpty, "ProofOfWork: no miners")
    for (index, share) in hashShares.enumerated() {
      precondition(
        share > 0 && share.isFinite, "ProofOfWork: miner \(index) has hash share \(share)")
    }
    let total = hashShares.reduce(0, +)
    precondition(abs(total - 1) <= 1e-9, "ProofOfWork: hash shares sum to \(total), not 1")
    precondition(
      (targetBlockCount ?? 0) >= 0,
      "ProofOfWork: target block count \(targetBlockCount ?? 0) must be ≥ 0")
    precondition(
      confirmationDepth >= 0, "ProofOfWork: confirmation depth \(confirmationDepth) must be ≥ 0")
    self.meanBlockInterval = meanBlockInterval
    self.hashShares = hashShares
    self.targetBlockCount = targetBlockCount
    self.limits = limits
    self.confirmationDepth = confirmationDepth
    self.gossip = gossip
  }

  /// `minerCount` miners with equal shares.
  public static func equalMiners(
    _ minerCount: Int, meanBlockInterval: SimDuration, targetBlockCount: Int? = nil,
    limits: BlockLimits = .standard, confirmationDepth: Int = 6, gossip: GossipMode = .announce
  ) -> ProofOfWorkConfiguration {
    ProofOfWorkConfiguration(
      meanBlockInterval: meanBlockInterval,
      hashShares: Array(repeating: 1 / Double(minerCount), count: minerCount),
      targetBlockCount: targetBlockCount, limits: limits, confirmationDepth: confirmationDepth,
      gossip: gossip)
  }
}
