import SimCore

/// The privacy stage: what a client does to its update before it leaves the device.
///
/// It transforms the update's *delta* (the trained parameters minus the global model the client
/// started from), so that clipping bounds what one client can contribute.
public protocol UpdatePrivacy: Sendable, CustomStringConvertible {
  /// Transforms `delta` in place with noise from `generator`, and returns the work it did.
  func protect(_ delta: inout [Float], using generator: inout Xoshiro256StarStar) -> Work

  /// The privacy loss one protected update costs its client, or nil when the stage gives no
  /// formal guarantee (no privacy).
  var lossPerUpdate: PrivacyLoss? { get }
}

/// One release's privacy loss, in the form its accountant composes.
public enum PrivacyLoss: Sendable, Hashable {
  /// Pure ε-DP (Laplace): releases compose by adding their ε.
  case pure(epsilon: Double)
  /// The Gaussian mechanism with noise σ = `noiseMultiplier` × the sensitivity: composed in
  /// Rényi DP and converted to (ε, δ) at `delta`.
  case gaussian(noiseMultiplier: Double, delta: Double)
}
