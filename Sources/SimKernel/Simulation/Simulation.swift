import SimCore

/// The run loop of one simulation: a clock, a queue of timed actions, and the run's random streams.
///
/// A run is single-threaded and this object owns all of its time-ordered state. Actions are
/// closures that receive the simulation; they should capture only IDs and small values (or one
/// model object) and look state up when they fire. Events at the same instant run in the order
/// they were scheduled.
///
/// ```swift
/// let sim = Simulation(streams: RandomStreams(seed: 1))
/// sim.schedule(after: .milliseconds(10)) { sim in print(sim.now) }   // t=0.01s
/// sim.run()
/// ```
public final class Simulation {
  /// What an event does when it fires.
  public typealias Action = (Simulation) -> Void

  /// The current simulated time: the instant of the event being handled, or where the run stopped.
  public internal(set) var now: SimInstant = .zero
  /// The run's random streams (seed and replication index).
  public let streams: RandomStreams
  /// Events fired so far.
  public private(set) var firedEventCount: Int64 = 0

  /// What the queue stores per event: a closure, or a handler and its event code.
  @usableFromInline enum Payload {
    case action(Action)
    case handler(any EventHandler, UInt64)
  }

  // Exclusivity is statically clear: the queue is touched only by this class's own methods, never
  // across an action call; unchecked spares a runtime access check on every schedule and pop.
  @exclusivity(unchecked) @usableFromInline var queue = EventQueue<Payload>()
  var stopRequested = false

  /// A simulation at time zero with nothing scheduled.
  public init(streams: RandomStreams) {
    self.streams = streams
  }

  /// Events scheduled and neither fired nor cancelled.
  public var pendingEventCount: Int { queue.pendingCount }

  // MARK: - Scheduling

  /// Schedules `action` at `instant`.
  /// - Precondition: `instant` is not before `now`.
  @discardableResult
  public func schedule(at instant: SimInstant, _ action: @escaping Action) -> EventHandle {
    precondition(instant >= now, "Simulation: cannot schedule at \(instant), before now (\(now))")
    return queue.schedule(at: instant.nanosecondsSinceStart, .action(action))
  }

  /// Schedules `action` after `delay`.
  /// - Precondition: `delay` is not negative.
  @discardableResult
  public func schedule(after delay: SimDuration, _ action: @escaping Action) -> EventHandle {
    precondition(delay.nanoseconds >= 0, "Simulation: negative delay \(delay.nanoseconds) ns")
    return queue.schedule(at: now.nanosecondsSinceStart + delay.nanoseconds, .action(action))
  }

  /// Schedules `event` for `handler` after `delay`, without allocating.
  /// - Precondition: `delay` is not negative.
  @discardableResult @inlinable
  public func schedule(after delay: SimDuration, _ handler: some EventHandler, event: UInt64)
    -> EventHandle
  {
    precondition(delay.nanoseconds >= 0, "Simulation: negative delay \(delay.nanoseconds) ns")
    return queue.schedule(
      at: now.nanosecondsSinceStart + delay.nanoseconds, .handler(handler, event))
  }

  /// Schedules `event` for `handler` at `instant`, without allocating.
  /// - Precondition: `instant` is not before `now`.
  @discardableResult @inlinable
  public func schedule(at instant: SimInstant, _ handler: some EventHandler, event: UInt64)
    -> EventHandle
  {
    precondition(instant >= now, "Simulation: cannot schedule at \(instant), before now (\(now))")
    return queue.schedule(at: instant.nanosecondsSinceStart, .handler(handler, event))
  }

  /// Cancels a pending event in O(1); a no-op for fired, cancelled or default handles.
  /// Returns whether an event was cancelled.
  @discardableResult
  public func cancel(_ handle: EventHandle) -> Bool { queue.cancel(handle) }

  /// True when the event behind `handle` has not fired and was not cancelled.
  public func isPending(_ handle: EventHandle) -> Bool { queue.isPending(handle) }

  // MARK: - Running

  /// Runs until no event is pending or `stop()` is called.
  public func run() {
    stopRequested = false
    while !stopRequested, let (time, action) = queue.popNext() {
      fire(time, action)
    }
  }

  /// Runs every event at or before `limit`, then leaves the clock at `limit` (unless `stop()` was
  /// called, which leaves it at the last event). Events after `limit` stay pending.
  public func run(until limit: SimInstant) {
    precondition(limit >= now, "Simulation: run(until: \(limit)) is before now (\(now))")
    stopRequested = false
    while !stopRequested, let next = queue.nextTime(), next <= limit.nanosecondsSinceStart {
      let (time, action) = queue.popNext()!
      fire(time, action)
    }
    if !stopRequested { now = limit }
  }

  /// Runs while `condition` holds, checking it before each event; stops when it fails, when no
  /// event is pending, or when `stop()` is called.
  public func run(while condition: (Simulation) -> Bool) {
    stopRequested = false
    while !stopRequested, condition(self), let (time, action) = queue.popNext() {
      fire(time, action)
    }
  }

  /// Asks the running loop to return after the current event.
  public func stop() { stopRequested = true }

  @inline(__always) func fire(_ time: Int64, _ payload: Payload) {
    now = SimInstant(nanosecondsSinceStart: time)
    firedEventCount += 1
    switch payload {
    case .action(let action): action(self)
    case .handler(let handler, let event): handler.handle(event, in: self)
    }
  }
}
