import SimCore

/// A restartable one-shot timer: a deadline that can be armed, re-armed and disarmed, such as a
/// round deadline or a consensus timeout. Arming a timer cancels its previous arming.
public struct SimulationTimer: Sendable {
  /// The pending firing, if any.
  public private(set) var handle = EventHandle()
  /// When the timer fires, if armed.
  public private(set) var deadline: SimInstant?

  /// A disarmed timer.
  public init() {}

  /// Arms the timer to run `action` after `delay`, replacing any earlier arming.
  public mutating func arm(
    after delay: SimDuration, in simulation: Simulation, _ action: @escaping Simulation.Action
  ) {
    disarm(in: simulation)
    deadline = simulation.now + delay
    handle = simulation.schedule(after: delay, action)
  }

  /// Cancels the pending firing, if any.
  public mutating func disarm(in simulation: Simulation) {
    simulation.cancel(handle)
    handle = EventHandle()
    deadline = nil
  }

  /// True when armed and not yet fired.
  public func isArmed(in simulation: Simulation) -> Bool { simulation.isPending(handle) }
}
