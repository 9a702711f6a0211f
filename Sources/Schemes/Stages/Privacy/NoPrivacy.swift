import SimCore

/// The privacy stage that does nothing: updates leave the device as trained, with no formal
/// guarantee. Spelled "none".
public struct NoPrivacy: UpdatePrivacy, Hashable {
  /// The stage that leaves every update alone.
  public init() {}

  /// Leaves `delta` unchanged, draws nothing from `generator`, and does no work.
  public func protect(_ delta: inout [Float], using generator: inout Xoshiro256StarStar) -> Work {
    .zero
  }

  /// Nil: no formal guarantee.
  public var lossPerUpdate: PrivacyLoss? { nil }

  /// "none".
  public var description: String { "none" }
}
