import SimCore

/// The parameters of a proof-of-work chain.
public struct ProofOfWorkConfiguration: Hashable, Sendable {
  /// T: the mean time between blocks of the whole network (all hash power together).
  public var meanBlockInterval: SimDuration
  /// Each miner's share of the hash power; miner i finds blocks at rate `hashShares[i]` / T.
  public var hashShares: [Double]
  /// The engine stops mining once this many blocks (genesis excluded) have been found; the run
  /// then ends when the last gossip is delivered.
  public var targetBlockCount: Int
  /// The limits every block is validated against.
  public var limits: BlockLimits

  /// A configuration with the given values.
  /// - Precondition: T > 0; every share is positive and finite and the shares sum to 1 within
  ///   1e-9; `targetBlockCount` ≥ 0.
  public init(
    meanBlockInterval: SimDuration, hashShares: [Double], targetBlockCount: Int,
    limits: BlockLimits = .standard
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
    precondition(targetBlockCount >= 0, "ProofOfWork: target block count \(targetBlockCount)")
    self.meanBlockInterval = meanBlockInterval
    self.hashShares = hashShares
    self.targetBlockCount = targetBlockCount
    self.limits = limits
  }

  /// `minerCount` miners with equal shares.
  public static func equalMiners(
    _ minerCount: Int, meanBlockInterval: SimDuration, targetBlockCount: Int
  ) -> ProofOfWorkConfiguration {
    ProofOfWorkConfiguration(
      meanBlockInterval: meanBlockInterval,
      hashShares: Array(repeating: 1 / Double(minerCount), count: minerCount),
      targetBlockCount: targetBlockCount)
  }
}
