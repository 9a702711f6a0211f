import SimCore

/// One fault event, a row of `faults.csv`: a fault of the plan was injected, or recovered from.
public struct FaultRecord: Sendable, Hashable {
  /// What happened to the fault.
  public enum Event: String, Sendable, Hashable {
    /// The fault started: a node crashed, a link went down, a window opened.
    case injected
    /// The fault ended: the node or link is back, the window closed.
    case recovered
  }

  /// When it happened.
  public var time: SimInstant
  /// The fault's position in the scenario's `faults` list.
  public var index: Int
  /// The fault.
  public var fault: Fault
  public var event: Event
  /// The node or link a random process or an availability trace took down (`injected`) or brought
  /// back (`recovered`); nil for the other kinds, whose `fault` names what they act on.
  public var element: FaultElement?

  public init(
    time: SimInstant, index: Int, fault: Fault, event: Event, element: FaultElement? = nil
  ) {
    self.time = time
    self.index = index
    self.fault = fault
    self.event = event
    self.element = element
  }
}
