import SimCore

/// One platform element a fault takes down: a node (it crashes) or a link (it goes down). A
/// random fault process or an availability trace changes one element at a time, and its
/// `FaultRecord`s say which.
public enum FaultElement: Sendable, Hashable {
  case node(NodeID)
  case link(LinkID)

  /// The element's dense index among the nodes or among the links.
  public var index: Int {
    switch self {
    case .node(let node): node.index
    case .link(let link): link.index
    }
  }

  /// One change of an element's state: at `time` from the start of the run, it goes down
  /// (`isUp` false) or comes back up.
  public struct Change: Sendable, Hashable {
    public var time: SimDuration
    public var isUp: Bool

    public init(time: SimDuration, isUp: Bool) {
      self.time = time
      self.isUp = isUp
    }
  }

  /// The latest instant, from the start of the run, that a lazily generated change may take:
  /// 9·10¹⁸ ns, about 285 years, past any run (`Int64` nanoseconds end at about 292 years, and
  /// the scenario layer stops runs at 150). A random process or a periodic trace whose next change
  /// would lie beyond it ends there instead of overflowing the clock.
  public static let horizon = SimDuration(nanoseconds: 9_000_000_000_000_000_000)
}
