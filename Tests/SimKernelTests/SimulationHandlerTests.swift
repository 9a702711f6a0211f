import SimCore
import Testing

@testable import SimKernel

/// Handler events through the `Simulation`: their order with closures, the handler registry's
/// lifetimes, and re-entrant model code (nested runs, registrations and `deinit`s during a
/// delivery).
struct SimulationHandlerTests {
  /// A handler that logs `name:event@milliseconds` and runs an optional hook.
  private final class Recorder: EventHandler {
    let name: String
    var log: (String) -> Void
    var hook: ((UInt64, Simulation) -> Void)?

    init(_ name: String, log: @escaping (String) -> Void) {
      self.name = name
      self.log = log
    }

    func handle(_ event: UInt64, in simulation: Simulation) {
      log("\(name):\(event)@\(simulation.now.nanosecondsSinceStart / 1_000_000)")
      hook?(event, simulation)
    }
  }

  /// A handler whose `deinit` schedules a closure on the simulation.
  private final class Farewell: EventHandler {
    unowned let simulation: Simulation
    let onFarewell: () -> Void

    init(_ simulation: Simulation, onFarewell: @escaping () -> Void) {
      self.simulation = simulation
      self.onFarewell = onFarewell
    }

    func handle(_ event: UInt64, in simulation: Simulation) {}

    deinit {
      let onFarewell = onFarewell
      simulation.schedule(after: .milliseconds(1)) { _ in onFarewell() }
    }
  }

  @Test func handlerAndClosureEventsAtOneInstantFireInSchedulingOrder() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    let a = Recorder("a") { log.append($0) }
    let b = Recorder("b") { log.append($0) }
    simulation.schedule(after: .milliseconds(5), a, event: 1)
    simulation.schedule(after: .milliseconds(5)) { _ in log.append("closure@5") }
    simulation.schedule(after: .milliseconds(5), b, event: 2)
    simulation.schedule(after: .milliseconds(3), a, event: 3)
    simulation.schedule(at: SimInstant(nanosecondsSinceStart: 5_000_000), a, event: 4)
    simulation.run()
    // Time first (3 ms), then the four 5 ms events in the order they were scheduled.
    #expect(log == ["a:3@3", "a:1@5", "closure@5", "b:2@5", "a:4@5"])
    #expect(simulation.firedEventCount == 5)
    simulation.checkInvariants()
  }

  @Test func handlerIsHeldWhileItsEventsArePendingAndReleasedAfter() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    weak var weakHandler: Recorder?
    var second = EventHandle()
    do {
      let handler = Recorder("h") { log.append($0) }
      weakHandler = handler
      simulation.schedule(after: .milliseconds(1), handler, event: 1)
      second = simulation.schedule(after: .milliseconds(2), handler, event: 2)
    }
    #expect(weakHandler != nil)  // held by its two pending events
    simulation.run(until: SimInstant(nanosecondsSinceStart: 1_500_000))
    #expect(weakHandler != nil)  // one event still pending
    #expect(simulation.isPending(second) && simulation.pendingEventCount == 1)
    simulation.checkInvariants()
    #expect(simulation.cancel(second))
    #expect(weakHandler == nil)  // its last event was cancelled
    #expect(!simulation.cancel(second))
    simulation.checkInvariants()
    #expect(log == ["h:1@1"])

    do {
      let handler = Recorder("k") { log.append($0) }
      weakHandler = handler
      simulation.schedule(after: .milliseconds(1), handler, event: 3)
    }
    simulation.run()
    #expect(weakHandler == nil)  // released once its only event fired
    #expect(log == ["h:1@1", "k:3@2"])
    simulation.checkInvariants()
  }

  @Test func registeringManyHandlersDuringADeliveryKeepsTheRegistryConsistent() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    weak var weakFirst: Recorder?
    do {
      let first = Recorder("first") { log.append($0) }
      weakFirst = first
      // While handling event 1, register 100 new handlers (the registry's storage moves), then
      // schedule this handler's own next event.
      first.hook = { [unowned first] event, simulation in
        guard event == 1 else { return }
        for index in 0..<100 {
          simulation.schedule(
            after: .milliseconds(10), Recorder("n\(index)") { log.append($0) },
            event: UInt64(index))
        }
        simulation.schedule(after: .milliseconds(1), first, event: 2)
      }
      simulation.schedule(after: .milliseconds(1), first, event: 1)
    }
    simulation.run(until: SimInstant(nanosecondsSinceStart: 5_000_000))
    simulation.checkInvariants()
    #expect(log == ["first:1@1", "first:2@2"])
    #expect(weakFirst == nil)  // released by the registry after its last event, despite the move
    simulation.run()
    #expect(log.count == 102 && log.last == "n99:99@11")
    simulation.checkInvariants()
    #expect(simulation.handlers.registeredCount == 0)
  }

  @Test func nestedRunLoopCanDeliverToTheHandlerThatStartedIt() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    let handler = Recorder("h") { log.append($0) }
    handler.hook = { event, simulation in
      if event == 1 { simulation.run(until: SimInstant(nanosecondsSinceStart: 3_000_000)) }
    }
    simulation.schedule(after: .milliseconds(1), handler, event: 1)
    simulation.schedule(after: .milliseconds(2), handler, event: 2)
    simulation.schedule(after: .milliseconds(4), handler, event: 3)
    simulation.run()
    #expect(log == ["h:1@1", "h:2@2", "h:3@4"])
    simulation.checkInvariants()
    #expect(simulation.handlers.registeredCount == 0)
  }

  @Test func handlerDeinitMayScheduleIntoTheSimulation() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var farewells = 0
    simulation.schedule(after: .milliseconds(1), Farewell(simulation) { farewells += 1 }, event: 0)
    let cancelled = simulation.schedule(
      after: .milliseconds(1), Farewell(simulation) { farewells += 1 }, event: 0)
    simulation.cancel(cancelled)  // releases the second handler: its deinit schedules
    simulation.run()  // the first fires, is released, and schedules too
    #expect(farewells == 2)
    simulation.checkInvariants()
  }

  @Test func staleHandlesNeverCancelLaterEvents() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    let handler = Recorder("h") { log.append($0) }
    let old = simulation.schedule(after: .milliseconds(1), handler, event: 1)
    simulation.run()
    let fresh = simulation.schedule(after: .milliseconds(1), handler, event: 2)  // reuses the slot
    let closure = simulation.schedule(after: .milliseconds(1)) { _ in log.append("closure") }
    #expect(old.slot == fresh.slot)
    #expect(!simulation.cancel(old) && !simulation.cancel(EventHandle()))
    #expect(simulation.isPending(fresh) && !simulation.isPending(old))
    #expect(simulation.cancel(closure) && !simulation.isPending(closure))
    simulation.run()
    #expect(log == ["h:1@1", "h:2@2"])
  }

  @Test func runUntilWithHandlerEventsRunsThoseAtTheLimitAndStopsTheClockThere() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    let handler = Recorder("h") { log.append($0) }
    for ms: Int64 in [1, 10, 20] {
      simulation.schedule(after: .milliseconds(ms), handler, event: UInt64(ms))
    }
    simulation.run(until: SimInstant(nanosecondsSinceStart: 10_000_000))
    #expect(log == ["h:1@1", "h:10@10"])
    #expect(simulation.now == SimInstant(nanosecondsSinceStart: 10_000_000))
    handler.hook = { _, simulation in simulation.stop() }
    simulation.schedule(after: .milliseconds(1), handler, event: 11)
    simulation.run()  // stops after the 11 ms event, leaving the 20 ms one pending
    #expect(log.last == "h:11@11" && simulation.pendingEventCount == 1)
    #expect(simulation.now == SimInstant(nanosecondsSinceStart: 11_000_000))
  }

  @Test func schedulingBeforeNowIsAProgrammerError() async {
    await #expect(processExitsWith: .failure) {
      let simulation = Simulation(streams: RandomStreams(seed: 1))
      simulation.run(until: SimInstant(nanosecondsSinceStart: 10))
      simulation.schedule(at: SimInstant(nanosecondsSinceStart: 9)) { _ in }
    }
  }
}
