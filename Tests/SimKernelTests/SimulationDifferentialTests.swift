import SimCore
import Testing

@testable import SimKernel

/// A seeded random model run on the `Simulation` and on a reference (a list scanned for the
/// earliest `(time, id)`): handler and closure events that schedule children and cancel earlier
/// events as they fire. Each event's decisions depend only on its id and on how many events exist,
/// so both sides make the same decisions as long as they fire in the same order; the test checks
/// that order, every cancellation's result, and the simulation's invariants.
struct SimulationDifferentialTests {
  /// What an event does when it fires.
  struct Plan {
    var children: [(delay: Int64, kind: Int)] = []
    var cancel: Int?
  }

  static let handlerCount = 5
  static let eventLimit = 4_000

  /// The plan of event `id` when `existing` events have been scheduled (ids `0..<existing`).
  static func plan(for id: Int, existing: Int, seed: UInt64) -> Plan {
    var generator = SplitMix64(seed: seed &* 1_000_003 &+ UInt64(id))
    var plan = Plan()
    if existing < eventLimit {
      for _ in 0..<generator.nextInt(below: 3) {
        let delay: Int64
        switch generator.nextInt(below: 4) {
        case 0: delay = 0
        case 1: delay = 1_000
        default: delay = Int64(generator.nextExponential(mean: 50_000))
        }
        // Kinds 0..<handlerCount are handlers; handlerCount is a closure.
        plan.children.append((delay, generator.nextInt(below: handlerCount + 1)))
      }
    }
    if generator.nextInt(below: 5) == 0 { plan.cancel = generator.nextInt(below: existing) }
    return plan
  }

  /// The run on the simulation: closures call `fire` directly, handler events through one of
  /// several forwarding handlers.
  private final class Model {
    let seed: UInt64
    var handles: [EventHandle] = []
    var fired: [Int] = []
    var cancellations: [Bool] = []
    var forwarders: [Forwarder] = []

    init(seed: UInt64) { self.seed = seed }

    func schedule(kind: Int, after delay: Int64, in simulation: Simulation) {
      let id = handles.count
      let duration = SimDuration(nanoseconds: delay)
      if kind < forwarders.count {
        handles.append(simulation.schedule(after: duration, forwarders[kind], event: UInt64(id)))
      } else {
        handles.append(
          simulation.schedule(after: duration) { [unowned self] in self.fire(id, in: $0) })
      }
    }

    func fire(_ id: Int, in simulation: Simulation) {
      fired.append(id)
      let plan = SimulationDifferentialTests.plan(for: id, existing: handles.count, seed: seed)
      for child in plan.children { schedule(kind: child.kind, after: child.delay, in: simulation) }
      if let victim = plan.cancel { cancellations.append(simulation.cancel(handles[victim])) }
    }
  }

  private final class Forwarder: EventHandler {
    unowned let model: Model

    init(_ model: Model) { self.model = model }

    func handle(_ event: UInt64, in simulation: Simulation) {
      model.fire(Int(event), in: simulation)
    }
  }

  /// The run on the reference.
  static func referenceRun(seed: UInt64, initial: [Int64]) -> (fired: [Int], cancellations: [Bool])
  {
    var events: [(time: Int64, id: Int)] = []
    var isPending: [Bool] = []
    var fired: [Int] = []
    var cancellations: [Bool] = []
    var now: Int64 = 0
    func schedule(after delay: Int64) {
      events.append((now + delay, isPending.count))
      isPending.append(true)
    }
    for delay in initial { schedule(after: delay) }
    while true {
      var best: Int?
      for index in events.indices where isPending[events[index].id] {
        if let current = best,
          (events[current].time, events[current].id) < (events[index].time, events[index].id)
        {
          continue
        }
        best = index
      }
      guard let index = best else { break }
      let event = events.remove(at: index)
      isPending[event.id] = false
      now = event.time
      fired.append(event.id)
      let plan = plan(for: event.id, existing: isPending.count, seed: seed)
      for child in plan.children { schedule(after: child.delay) }
      if let victim = plan.cancel {
        cancellations.append(isPending[victim])
        isPending[victim] = false
      }
    }
    return (fired, cancellations)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func simulationFiresInTheReferenceOrder(seed: UInt64) {
    var generator = Xoshiro256StarStar(seed: seed)
    let initial = (0..<200).map { _ in
      generator.nextInt(below: 3) == 0 ? 0 : Int64(generator.nextExponential(mean: 100_000))
    }
    let expected = Self.referenceRun(seed: seed, initial: initial)

    let simulation = Simulation(streams: RandomStreams(seed: seed))
    let model = Model(seed: seed)
    model.forwarders = (0..<Self.handlerCount).map { _ in Forwarder(model) }
    for (index, delay) in initial.enumerated() {
      model.schedule(kind: index % (Self.handlerCount + 1), after: delay, in: simulation)
    }
    // Run in slices, checking the invariants between them.
    var limit: Int64 = 0
    while simulation.pendingEventCount > 0 {
      limit += 200_000
      simulation.run(until: SimInstant(nanosecondsSinceStart: limit))
      simulation.checkInvariants()
    }
    #expect(model.fired.count == expected.fired.count, "seed \(seed)")
    #expect(model.fired == expected.fired, "seed \(seed): firing order")
    #expect(model.cancellations == expected.cancellations, "seed \(seed): cancellations")
    #expect(model.handles.count >= Self.eventLimit, "seed \(seed): the run should be long")
    #expect(simulation.handlers.registeredCount == 0, "seed \(seed): handlers left registered")
  }
}
