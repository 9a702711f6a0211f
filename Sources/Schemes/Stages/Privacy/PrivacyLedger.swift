import Learning
import SimCore

/// Each client's cumulative privacy loss over the updates it released under a privacy stage.
///
/// Every released update costs its client `loss` (the stage's `lossPerUpdate`); the ledger
/// counts releases per client and composes them when asked:
/// - `.pure(epsilon: ε)`: basic composition, k releases are (k·ε)-DP (Dwork and Roth 2014,
///   Theorem 3.16).
/// - `.gaussian(noiseMultiplier: z, delta:)`: each release is the Gaussian mechanism with noise
///   multiplier z, whose Rényi DP is ε(α) = α/(2z²) at every order α (Mironov 2017,
///   Proposition 7); k releases compose to k·α/(2z²) (Proposition 1), converted to (ε, δ) at the
///   ledger's `delta` by `RDPAccountant` (its default orders 2…256 and improved conversion).
///   The accountant is used as is: `composeSampledGaussian` with sampling rate 1 *is* this
///   mechanism (only its k = α term survives, giving α/(2z²) to rounding). The per-release δ the
///   stage was calibrated at plays no part here: RDP depends on z alone.
/// - nil (no privacy): no guarantee is claimed and every ε reads 0.
///
/// The composed ε never decreases with the number of releases, so the worst client is the one
/// with the most releases and `worstEpsilon` needs no scan.
///
/// **Cost.** `charge` is O(1) except when a client reaches a release count no client had
/// before; for the Gaussian case that count's ε is then computed once by a fresh accountant, in
/// O(Σα) = 32,640 terms (about 5 ms in a debug build), and cached. Counts are bounded by the
/// number of rounds, so a run pays at most one such evaluation per round. `epsilon(of:)` and
/// `worstEpsilon` are O(1).
public struct PrivacyLedger: Sendable {
  /// What one released update costs its client, or nil for no formal guarantee.
  public let loss: PrivacyLoss?
  /// δ: the failure probability at which composed Gaussian losses are reported.
  public let delta: Double

  /// Updates each client released, by client index.
  private var releaseCounts: [Int]
  /// The most releases of any client.
  private var mostReleases = 0
  /// For Gaussian losses, the composed ε after k releases at index k, for k ≤ `mostReleases`.
  private var gaussianEpsilonByCount: [Double] = [0]

  /// An empty ledger for clients 0..<`clientCount`, charging `loss` per release and reporting
  /// composed Gaussian losses at δ = `reportingDelta`.
  /// - Throws: for a Gaussian loss, `PrivacyError.deltaOutOfRange` unless 0 < δ < 1 and
  ///   `.nonPositiveNoiseMultiplier` unless z is finite and > 0; for a pure loss,
  ///   `.nonPositiveEpsilon` unless ε is finite and > 0. δ is not used, nor checked, otherwise.
  /// - Precondition: `clientCount ≥ 0`.
  public init(clientCount: Int, loss: PrivacyLoss?, delta reportingDelta: Double)
    throws(PrivacyError)
  {
    precondition(clientCount >= 0, "a privacy ledger needs clientCount ≥ 0, got \(clientCount)")
    self.loss = loss
    self.delta = reportingDelta
    self.releaseCounts = [Int](repeating: 0, count: clientCount)
    switch loss {
    case nil:
      break
    case .pure(let epsilon):
      guard epsilon.isFinite && epsilon > 0 else { throw .nonPositiveEpsilon(epsilon) }
    case .gaussian(let multiplier, _):
      // Evaluating one release checks z and δ as input errors, so later evaluations cannot fail.
      gaussianEpsilonByCount.append(
        try Self.composedGaussianEpsilon(
          releases: 1, noiseMultiplier: multiplier, delta: reportingDelta))
    }
  }

  /// Records one update released by `client`.
  /// - Precondition: `client` is one of the ledger's clients.
  /// - Complexity: O(1), or O(Σα) the first time any client reaches a new release count under a
  ///   Gaussian loss.
  public mutating func charge(_ client: ClientID) {
    precondition(
      releaseCounts.indices.contains(client.index),
      "\(client) is not one of the ledger's \(releaseCounts.count) clients")
    releaseCounts[client.index] += 1
    let count = releaseCounts[client.index]
    guard count > mostReleases else { return }
    mostReleases = count
    if case .gaussian(let multiplier, _) = loss, count >= gaussianEpsilonByCount.count {
      do {
        gaussianEpsilonByCount.append(
          try Self.composedGaussianEpsilon(
            releases: count, noiseMultiplier: multiplier, delta: delta))
      } catch {
        preconditionFailure("the ledger's z and δ were checked at init, yet: \(error)")
      }
    }
  }

  /// How many updates `client` has released.
  public func releases(of client: ClientID) -> Int { releaseCounts[client.index] }

  /// `client`'s cumulative ε: k·ε for a pure loss, the RDP-composed ε at `delta` for a Gaussian
  /// one, 0 when it released nothing or the loss is nil.
  public func epsilon(of client: ClientID) -> Double {
    epsilon(afterReleases: releaseCounts[client.index])
  }

  /// The largest cumulative ε over all clients (0 when nothing was released or the loss is nil).
  public var worstEpsilon: Double { epsilon(afterReleases: mostReleases) }

  /// The composed ε of `count` releases, for `count ≤ mostReleases`.
  private func epsilon(afterReleases count: Int) -> Double {
    switch loss {
    case nil: 0
    case .pure(let epsilon): Double(count) * epsilon
    case .gaussian: gaussianEpsilonByCount[count]
    }
  }

  /// ε at `delta` after `releases` runs of the Gaussian mechanism with noise multiplier
  /// `noiseMultiplier`, by a fresh `RDPAccountant` at sampling rate 1.
  private static func composedGaussianEpsilon(
    releases: Int, noiseMultiplier: Double, delta: Double
  ) throws(PrivacyError) -> Double {
    var accountant = try RDPAccountant()
    try accountant.composeSampledGaussian(
      samplingRate: 1, noiseMultiplier: noiseMultiplier, steps: releases)
    return try accountant.epsilon(delta: delta).epsilon
  }
}
