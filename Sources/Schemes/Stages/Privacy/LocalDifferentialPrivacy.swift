import Learning
import SimCore

/// Local differential privacy on each update: every client clips its delta to a norm bound C and
/// adds noise before the update leaves the device, so each released update is differentially
/// private with respect to everything the client holds, whoever receives it.
///
/// **Sensitivity.** After clipping, every delta a client could send lies in the ball of radius C,
/// so any two of them differ by at most its diameter, Δ = 2C, in the clipping norm. The norm is
/// the one each mechanism's sensitivity is measured in: L1 for Laplace, L2 for Gaussian.
///
/// **Calibration**, for a per-update ε (and δ):
/// - Laplace (Dwork, McSherry, Nissim, Smith 2006; `LaplaceMechanism`): Laplace(b) noise on every
///   coordinate with `b = Δ₁/ε = 2C/ε` gives ε-DP; the noise's standard deviation is b·√2.
/// - Gaussian (`GaussianMechanism`, analytic calibration; Balle and Wang, ICML 2018, Theorem 8):
///   N(0, σ²) on every coordinate with σ the smallest value for which
///   `Φ(Δ₂/2σ − εσ/Δ₂) − e^ε·Φ(−Δ₂/2σ − εσ/Δ₂) ≤ δ` at `Δ₂ = 2C`, which is exact for every
///   ε > 0 (the classical `Δ₂·√(2 ln(1.25/δ))/ε` holds only for ε < 1 and is never smaller).
///
/// `noiseScale` is b or σ. `lossPerUpdate` is `.pure(epsilon: ε)` for Laplace and
/// `.gaussian(noiseMultiplier: σ/Δ₂, delta: δ)` for Gaussian, which `PrivacyLedger` composes
/// across a client's releases.
///
/// **Non-finite deltas.** A delta holding NaN or ∞ has no norm to scale by (`NormClipping` refuses
/// it). Since the stage cannot fail, it releases the zero vector plus noise instead: zero lies in
/// the clipping ball, so the guarantee is kept, and nothing of the broken delta leaks.
///
/// Spelled "ldp:laplace:epsilon=E:clip=C" or "ldp:gaussian:epsilon=E:delta=D:clip=C"
/// (`PrivacySpec`).
public struct LocalDifferentialPrivacy: UpdatePrivacy, Equatable {
  /// The noise added after clipping.
  public enum Noise: Sendable, Hashable {
    /// Laplace noise, after L1 clipping: pure ε-DP.
    case laplace
    /// Gaussian noise, after L2 clipping: (ε, δ)-DP with the given δ.
    case gaussian(delta: Double)
  }

  /// The mechanism that draws the noise, calibrated once.
  private enum Mechanism: Equatable {
    case laplace(LaplaceMechanism)
    case gaussian(GaussianMechanism)
  }

  /// Which noise is added (and with it the clipping norm).
  public let noise: Noise
  /// ε: the privacy loss of one released update.
  public let epsilon: Double
  /// C: the norm bound deltas are clipped to (L1 for Laplace, L2 for Gaussian).
  public let clip: Double
  /// The noise's scale per coordinate: the Laplace b = 2C/ε, or the Gaussian σ.
  public let noiseScale: Double

  private let clipping: NormClipping
  private let mechanism: Mechanism

  /// Local DP with `noise`, per-update `epsilon` and clipping bound `clip`.
  /// - Throws: `PrivacyError.nonPositiveClippingBound` (C not finite and > 0),
  ///   `.nonPositiveEpsilon` (ε not finite and > 0), `.deltaOutOfRange` (δ ∉ (0, 1)), or
  ///   `.nonPositiveSensitivity` / `.nonPositiveNoiseScale` when 2C or the noise scale is not
  ///   representable as a finite positive `Double`.
  public init(noise: Noise, epsilon: Double, clip: Double) throws(PrivacyError) {
    switch noise {
    case .laplace:
      clipping = try NormClipping(norm: .l1, bound: clip)
      let laplace = try LaplaceMechanism(epsilon: epsilon, sensitivity: 2 * clip)
      mechanism = .laplace(laplace)
      noiseScale = laplace.scale
    case .gaussian(let delta):
      clipping = try NormClipping(norm: .l2, bound: clip)
      let gaussian = try GaussianMechanism(
        epsilon: epsilon, delta: delta, sensitivity: 2 * clip, calibration: .analytic)
      mechanism = .gaussian(gaussian)
      noiseScale = gaussian.standardDeviation
    }
    self.noise = noise
    self.epsilon = epsilon
    self.clip = clip
  }

  /// Δ = 2C: the largest distance, in the clipping norm, between two updates a client could send.
  public var sensitivity: Double { 2 * clip }

  /// Clips `delta` to norm `clip` in place, then adds noise to every coordinate in ascending
  /// order from `generator`; returns the work of both (see `NormClipping`, `LaplaceMechanism`,
  /// `GaussianMechanism`). A delta holding NaN or ∞ is replaced by zeros before the noise.
  /// - Complexity: O(delta.count).
  public func protect(_ delta: inout [Float], using generator: inout Xoshiro256StarStar) -> Work {
    var work: Work
    do {
      work = try clipping.clip(&delta).work
    } catch {
      // Only `nonFiniteNorm` is possible; the norm was measured before the refusal.
      work = clipping.measure(delta).work
      delta = [Float](repeating: 0, count: delta.count)
    }
    switch mechanism {
    case .laplace(let laplace):
      work += laplace.addNoise(to: &delta, using: &generator)
    case .gaussian(let gaussian):
      work += gaussian.addNoise(to: &delta, using: &generator)
    }
    return work
  }

  /// `.pure(epsilon: ε)` for Laplace; `.gaussian(noiseMultiplier: σ/(2C), delta: δ)` for
  /// Gaussian.
  public var lossPerUpdate: PrivacyLoss? {
    switch noise {
    case .laplace: .pure(epsilon: epsilon)
    case .gaussian(let delta): .gaussian(noiseMultiplier: noiseScale / sensitivity, delta: delta)
    }
  }

  /// The scenario spelling: "ldp:laplace:epsilon=E:clip=C" or
  /// "ldp:gaussian:epsilon=E:delta=D:clip=C", numbers in Swift's shortest round-trip form.
  public var description: String {
    switch noise {
    case .laplace: "ldp:laplace:epsilon=\(epsilon):clip=\(clip)"
    case .gaussian(let delta): "ldp:gaussian:epsilon=\(epsilon):delta=\(delta):clip=\(clip)"
    }
  }
}
