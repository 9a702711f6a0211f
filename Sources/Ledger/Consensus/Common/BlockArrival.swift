import SimCore

/// When a node attached a block of some height to its chain.
public struct BlockArrival: Hashable, Sendable {
  /// The block's height.
  public var height: Int
  /// The simulated instant it was attached.
  public var instant: SimInstant

  /// An arrival with the given values.
  public init(height: Int, instant: SimInstant) {
    self.height = height
    self.instant = instant
  }
}
