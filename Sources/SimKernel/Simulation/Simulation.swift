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
///
/// Events are filed in a `CodedEventQueue` as two integers: a target and a 64-bit code. A handler
/// event's target is its handler's entry in a `HandlerRegistry`; a closure event's target is
/// `actionTarget`, and the closure waits in `actions` under the event's slot.
public final class Simulation {
  /// What an event does when it fires.
  public typealias Action = (Simulation) -> Void

  // The properties read or written on every event are `@exclusivity(unchecked)`: each is touched
  // only by this class's own methods in accesses that never overlap (no access spans a call into
  // model code), so the runtime check Swift would otherwise make per access cannot fail.

  /// The current simulated time: the instant of the event being handled, or where the run stopped.
  @inlinable public internal(set) var now: SimInstant {
    get { clock }
    set { clock = newValue }
  }
  /// Storage for `now`. Reading a stored property from another module checks exclusivity at run
  /// time whatever its attributes; through an accessor over an unchecked property it does not.
  @exclusivity(unchecked) @usableFromInline var clock: SimInstant = .zero
  /// The run's random streams (seed and replication index).
  public let streams: RandomStreams
  /// Events fired so far.
  @exclusivity(unchecked) public private(set) var firedEventCount: Int64 = 0

  /// The target of closure events.
  @usableFromInline static var actionTarget: UInt32 { .max - 1 }

  @exclusivity(unchecked) @usableFromInline var queue = CodedEventQueue()
  @exclusivity(unchecked) @usableFromInline var handlers = HandlerRegistry()
  /// A closure in a non-generic box: kept in an array directly, a closure is stored in the array's
  /// generic representation, which costs a reabstraction thunk (an allocation) per event.
  struct BoxedAction {
    let action: Action
  }

  /// The closure of each pending closure event, by slot.
  @exclusivity(unchecked) var actions: ContiguousArray<BoxedAction?> = []
  @exclusivity(unchecked) var stopRequested = false

  /// A simulation at time zero with nothing scheduled.
  public init(streams: RandomStreams) {
    self.streams = streams
  }

  deinit {
    queue.deallocate()
    handlers.deallocate()
  }

  /// Events scheduled and neither fired nor cancelled.
  public var pendingEventCount: Int { queue.pendingCount }

  /// Entries the event queue holds, its memory: the pending events plus cancelled ones not yet
  /// discarded (at most about the pending count again, once past a few thousand).
  package var filedEventCount: Int { queue.filedCount }

  // MARK: - Scheduling

  /// Schedules `action` at `instant`.
  /// - Precondition: `instant` is not before `now`.
  @discardableResult
  public func schedule(at instant: SimInstant, _ action: @escaping Action) -> EventHandle {
    precondition(instant >= now, "Simulation: cannot schedule at \(instant), before now (\(now))")
    return enqueue(action, at: instant.nanosecondsSinceStart)
  }

  /// Schedules `action` after `delay`.
  /// - Precondition: `delay` is not negative.
  @discardableResult
  public func schedule(after delay: SimDuration, _ action: @escaping Action) -> EventHandle {
    precondition(delay.nanoseconds >= 0, "Simulation: negative delay \(delay.nanoseconds) ns")
    return enqueue(action, at: now.nanosecondsSinceStart + delay.nanoseconds)
  }

  /// Schedules `event` for `handler` after `delay`, without allocating.
  /// - Precondition: `delay` is not negative.
  @discardableResult @inlinable
  public func schedule(after delay: SimDuration, _ handler: some EventHandler, event: UInt64)
    -> EventHandle
  {
    precondition(delay.nanoseconds >= 0, "Simulation: negative delay \(delay.nanoseconds) ns")
    return queue.schedule(
      at: now.nanosecondsSinceStart + delay.nanoseconds,
      target: handlers.retainTarget(for: handler), code: event)
  }

  /// Schedules `event` for `handler` at `instant`, without allocating.
  /// - Precondition: `instant` is not before `now`.
  @discardableResult @inlinable
  public func schedule(at instant: SimInstant, _ handler: some EventHandler, event: UInt64)
    -> EventHandle
  {
    precondition(instant >= now, "Simulation: cannot schedule at \(instant), before now (\(now))")
    return queue.schedule(
      at: instant.nanosecondsSinceStart, target: handlers.retainTarget(for: handler), code: event)
  }

  /// Cancels a pending event in O(1); a no-op for fired, cancelled or default handles.
  /// Returns whether an event was cancelled.
  @discardableResult
  public func cancel(_ handle: EventHandle) -> Bool {
    guard let target = queue.cancel(handle) else { return false }
    // What is let go here (a closure's captures, a handler) is released only after the access
    // that removed it ends: a `deinit` may call back into the simulation.
    if target == Self.actionTarget {
      let dropped = actions[Int(handle.slot)].take()
      _ = dropped
    } else {
      let dropped = handlers.releaseTarget(target)
      _ = dropped
    }
    return true
  }

  /// True when the event behind `handle` has not fired and was not cancelled.
  public func isPending(_ handle: EventHandle) -> Bool { queue.isPending(handle) }

  func enqueue(_ action: @escaping Action, at time: Int64) -> EventHandle {
    let handle = queue.schedule(at: time, target: Self.actionTarget, code: 0)
    let slot = Int(handle.slot)
    if slot >= actions.count {
      actions.append(contentsOf: repeatElement(nil, count: slot + 1 - actions.count))
    }
    actions[slot] = BoxedAction(action: action)
    return handle
  }

  // MARK: - Running

  /// Runs until no event is pending or `stop()` is called.
  public func run() {
    stopRequested = false
    while !stopRequested, let event = queue.popNext() {
      fire(event)
    }
  }

  /// Runs every event at or before `limit`, then leaves the clock at `limit` (unless `stop()` was
  /// called, which leaves it at the last event). Events after `limit` stay pending.
  public func run(until limit: SimInstant) {
    precondition(limit >= now, "Simulation: run(until: \(limit)) is before now (\(now))")
    stopRequested = false
    while !stopRequested, let next = queue.nextTime(), next <= limit.nanosecondsSinceStart {
      fire(queue.popNext().unsafelyUnwrapped)
    }
    if !stopRequested { now = limit }
  }

  /// Runs while `condition` holds, checking it before each event; stops when it fails, when no
  /// event is pending, or when `stop()` is called.
  public func run(while condition: (Simulation) -> Bool) {
    stopRequested = false
    while !stopRequested, condition(self), let event = queue.popNext() {
      fire(event)
    }
  }

  /// Asks the running loop to return after the current event.
  public func stop() { stopRequested = true }

  /// Checks the queue, the handler registry and the closure table against each other, between
  /// events; for tests.
  /// - Complexity: O(pending events + slots + handlers).
  func checkInvariants() {
    let pending = queue.checkInvariants()
    handlers.checkInvariants(
      pendingTargets: pending.filter { $0.target != Self.actionTarget }.map(\.target))
    var hasEvent = [Bool](repeating: false, count: actions.count)
    for event in pending where event.target == Self.actionTarget {
      let slot = Int(event.slot)
      precondition(
        slot < actions.count && actions[slot] != nil,
        "Simulation: closure event in slot \(slot) has no closure")
      hasEvent[slot] = true
    }
    for slot in actions.indices where actions[slot] != nil {
      precondition(hasEvent[slot], "Simulation: closure kept for slot \(slot), which has no event")
    }
  }

  @inline(__always) func fire(_ event: CodedEventQueue.Fired) {
    now = SimInstant(nanosecondsSinceStart: event.time)
    firedEventCount += 1
    if event.target == Self.actionTarget {
      // Taken out first: the action may schedule into the same (now free) slot.
      let action = actions[Int(event.slot)].take().unsafelyUnwrapped.action
      action(self)
    } else {
      // Each registry access ends before the handler runs (see `HandlerRegistry.lend`).
      if let handler = handlers.lend(event.target) {
        handler.handle(event.code, in: self)
        handlers.giveBack(handler, to: event.target)
      } else {
        handlers.unretainedHandler(event.target).handle(event.code, in: self)
      }
      let dropped = handlers.releaseTarget(event.target)
      _ = dropped
    }
  }
}
