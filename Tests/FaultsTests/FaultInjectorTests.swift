import Ledger
import Platform
import SimCore
import SimKernel
import Testing

@testable import Faults

/// The injector on a small star: byzantine conduct set and reset through an attached engine,
/// random processes and traces applied lazily in the documented order, and a plan that stops.
struct FaultInjectorTests {
  // MARK: - Fixtures

  /// A star of `leaves` + 1 nodes: hub `n0`, leaves `n1` … `nk`, link `l(i−1)` joining `n0` and
  /// `ni` (so link i reaches node i + 1), with a plan injected from time 0.
  private final class Bench {
    let topology: Topology
    let simulation: Simulation
    let network: FlowNetwork
    let injector: FaultInjector

    init(leaves: Int, plan: FaultPlan, seed: UInt64 = 1) {
      var topology = Topology()
      let hub = topology.addNode(name: "n0", roles: [.server], profile: .edgeServer)
      for i in 1...leaves {
        let leaf = topology.addNode(name: "n\(i)", roles: [.client], profile: .smartphone)
        topology.addLink(
          name: "l\(i - 1)", between: hub, and: leaf, latency: .milliseconds(1),
          bandwidth: BitRate(bitsPerSecond: 100_000_000))
      }
      let streams = RandomStreams(seed: seed)
      self.topology = topology
      simulation = Simulation(streams: streams)
      network = FlowNetwork(topology: topology, streams: streams)
      injector = FaultInjector(
        plan: plan, topology: topology, network: network,
        compute: ComputeCluster(topology: topology))
    }

    /// Starts the plan at 0 s, stops it at `stop`, and runs until nothing is pending.
    func run(stoppingAt stop: SimDuration) -> [FaultRecord] {
      injector.start(in: simulation)
      simulation.schedule(at: .zero + stop) { [injector] simulation in
        injector.stop(in: simulation)
      }
      simulation.run()
      return injector.records
    }
  }

  /// A consensus engine that only logs what the injector asks of it, as "time validator what".
  private final class EngineLog: ConsensusEngine {
    let validatorCount: Int
    let limits = BlockLimits.standard
    var onBlockAccepted: ((NodeID, Block, Simulation) -> Void)?
    var onBlockConfirmed: ((NodeID, Block, Simulation) -> Void)?
    let blockRecords: [BlockRecord] = []
    private(set) var calls: [String] = []

    init(validatorCount: Int) { self.validatorCount = validatorCount }

    func start(in simulation: Simulation) {}
    func stop(in simulation: Simulation) {}
    func submit(_ transaction: Transaction, at validator: NodeID, in simulation: Simulation) {}
    func isCanonical(_ hash: BlockHash) -> Bool { true }
    func crash(node: NodeID, in simulation: Simulation) {
      calls.append("\(simulation.now) v\(node.index) crash")
    }
    func recover(node: NodeID, in simulation: Simulation) {
      calls.append("\(simulation.now) v\(node.index) recover")
    }
    func setConduct(_ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation) {
      calls.append("\(simulation.now) v\(validator.index) \(conduct.rawValue)")
    }
  }

  /// "time index event element" per record, the element as `n3` or `l2`.
  private func rows(_ records: [FaultRecord]) -> [String] {
    records.map { record in
      let element: String
      switch record.element {
      case .node(let node)?: element = " n\(node.index)"
      case .link(let link)?: element = " l\(link.index)"
      case nil: element = ""
      }
      return "\(record.time) \(record.index) \(record.event.rawValue)\(element)"
    }
  }

  private func trace(
    _ element: FaultElement, _ states: [(Int64, Bool)], period: SimDuration? = nil
  ) -> Fault {
    .availability(
      AvailabilityTrace(
        element: element,
        states: states.map { FaultElement.Change(time: .seconds($0.0), isUp: $0.1) },
        period: period))
  }

  // MARK: - Byzantine validators

  @Test func aByzantineValidatorGetsItsConductAtTheStartAndHonestyAtTheEnd() {
    // Validators 0 and 1 run on n2 and n4. n4 equivocates from 30 s for 20 s (to 50 s); n2
    // withholds from 40 s to the end.
    let plan = FaultPlan(faults: [
      .byzantineValidator(
        node: NodeID(4), conduct: .equivocate, at: .seconds(30), duration: .seconds(20)),
      .byzantineValidator(node: NodeID(2), conduct: .withhold, at: .seconds(40), duration: nil),
    ])
    let bench = Bench(leaves: 4, plan: plan)
    let engine = EngineLog(validatorCount: 2)
    bench.injector.attach(engine: engine, validatorNodes: [NodeID(2), NodeID(4)])
    let records = bench.run(stoppingAt: .seconds(100))
    #expect(engine.calls == ["t=30s v1 equivocate", "t=40s v0 withhold", "t=50s v1 honest"])
    #expect(rows(records) == ["t=30s 0 injected", "t=40s 1 injected", "t=50s 0 recovered"])
    // Misbehaving is not being down.
    #expect(bench.network.isUp(NodeID(2)) && bench.network.isUp(NodeID(4)))
  }

  @Test func withoutAnEngineAByzantineFaultOnlyHasItsRecords() {
    // A paired run's vanilla twin has no chain: the same plan, the same rows, nothing to set.
    let plan = FaultPlan(faults: [
      .byzantineValidator(node: NodeID(1), conduct: .censor, at: .seconds(1), duration: .seconds(1))
    ])
    let records = Bench(leaves: 2, plan: plan).run(stoppingAt: .seconds(10))
    #expect(rows(records) == ["t=1s 0 injected", "t=2s 0 recovered"])
  }

  @Test func crashesFromATraceCrashAndRecoverTheEnginesValidator() {
    // n1 is validator 0; its trace takes it down at 1 s and up at 2 s, a crash at 5 s for 1 s.
    let plan = FaultPlan(faults: [
      trace(.node(NodeID(1)), [(1, false), (2, true)]),
      .crash(node: NodeID(1), at: .seconds(5), duration: .seconds(1)),
    ])
    let bench = Bench(leaves: 2, plan: plan)
    let engine = EngineLog(validatorCount: 1)
    bench.injector.attach(engine: engine, validatorNodes: [NodeID(1)])
    let records = bench.run(stoppingAt: .seconds(10))
    #expect(
      engine.calls == [
        "t=1s v0 crash", "t=2s v0 recover", "t=5s v0 crash", "t=6s v0 recover",
      ])
    #expect(
      rows(records) == [
        "t=1s 0 injected n1", "t=2s 0 recovered n1", "t=5s 1 injected", "t=6s 1 recovered",
      ])
  }

  // MARK: - Traces

  @Test func aPeriodicTraceAndAScheduledCrashComposeOnOneNode() {
    // The trace takes n3 down at 2 s, up at 3.5 s, down at 8 s, and repeats every 10 s: the
    // repetition from 10 s starts down, so its 12 s line restates that, and it brings n3 up at
    // 13.5 s and down at 18 s. A crash holds n3 down from 3 s to 9 s. Down-holders: 2 s: 1
    // (down) · 3 s: 2 · 3.5 s: 1 (still down) · 8 s: 2 · 9 s: 1 · 13.5 s: 0 (up) · 18 s: 1.
    let states: [FaultElement.Change] = [
      .init(time: .seconds(2), isUp: false), .init(time: .milliseconds(3_500), isUp: true),
      .init(time: .seconds(8), isUp: false),
    ]
    let plan = FaultPlan(faults: [
      .availability(
        AvailabilityTrace(element: .node(NodeID(3)), states: states, period: .seconds(10))),
      .crash(node: NodeID(3), at: .seconds(3), duration: .seconds(6)),
    ])
    let bench = Bench(leaves: 3, plan: plan)
    // The workload: something pending until 100 s, so that the trace goes on.
    bench.simulation.schedule(at: .zero + .seconds(100)) { _ in }
    bench.injector.start(in: bench.simulation)
    var upAt: [Bool] = []
    for ms: Int64 in [1_000, 2_500, 3_700, 8_500, 9_500, 12_500, 14_000, 18_500] {
      bench.simulation.run(until: .zero + .milliseconds(ms))
      upAt.append(bench.network.isUp(NodeID(3)))
    }
    #expect(upAt == [true, false, false, false, false, false, true, false])
    bench.injector.stop(in: bench.simulation)
    #expect(
      rows(bench.injector.records) == [
        "t=2s 0 injected n3", "t=3s 1 injected", "t=3.5s 0 recovered n3", "t=8s 0 injected n3",
        "t=9s 1 recovered", "t=13.5s 0 recovered n3", "t=18s 0 injected n3",
      ])
  }

  @Test func eventsAtOneInstantApplyRecoveriesFirstThenInPlanOrder() {
    // At 10 s: trace 0 brings n1 up, crash 1 starts, trace 2 takes l0 down, crash 3 starts.
    let plan = FaultPlan(faults: [
      trace(.node(NodeID(1)), [(0, false), (10, true)]),
      .crash(node: NodeID(2), at: .seconds(10), duration: nil),
      trace(.link(LinkID(0)), [(10, false)]),
      .crash(node: NodeID(3), at: .seconds(10), duration: nil),
    ])
    let records = Bench(leaves: 3, plan: plan).run(stoppingAt: .seconds(20))
    #expect(
      rows(records) == [
        "t=0s 0 injected n1", "t=10s 0 recovered n1", "t=10s 1 injected",
        "t=10s 2 injected l0", "t=10s 3 injected",
      ])
  }

  @Test func theTimelineOrdersByInstantRecoveryFaultAndElement() {
    typealias Event = FaultInjector.Event
    let t = SimInstant.zero + .seconds(5)
    let sorted = [
      Event(time: t, isStart: false, index: 3, element: 9),
      Event(time: t, isStart: true, index: 1, element: 7),
      Event(time: t, isStart: true, index: 1, element: 8),
      Event(time: t, isStart: true, index: 2, element: 0),
      Event(time: t + .nanoseconds(1), isStart: false, index: 0, element: 0),
    ]
    #expect([sorted[2], sorted[4], sorted[0], sorted[3], sorted[1]].sorted() == sorted)
    var heap = MinHeap<Event>()
    for event in sorted.reversed() { heap.push(event) }
    var drained: [Event] = []
    while !heap.isEmpty { drained.append(heap.pop()!) }
    #expect(drained == sorted)
  }

  // MARK: - Random processes

  /// The records of crash process `mtbf`/`mttr` over leaves 1…29 of a 30-leaf star for an hour.
  private func randomRecords(seed: UInt64) -> [FaultRecord] {
    let process = FaultProcess(
      targets: .nodes((1...29).map(NodeID.init)), meanTimeBetweenFailures: .seconds(600),
      meanTimeToRepair: .seconds(60))
    return Bench(leaves: 30, plan: FaultPlan(faults: [.random(process)]), seed: seed)
      .run(stoppingAt: .seconds(3_600))
  }

  @Test func aRandomProcessGivesTheSameRecordsForTheSameSeedAndOthersForAnother() {
    let first = randomRecords(seed: 11)
    // 29 elements × 3,600 s / 660 s per cycle ≈ 158 failures expected.
    #expect(first.count > 100)
    #expect(first == randomRecords(seed: 11))
    #expect(first != randomRecords(seed: 12))
    // Each row names its node, each node alternates injected and recovered, and the rows are in
    // time order.
    for node in 1...29 {
      let events = first.filter { $0.element == .node(NodeID(node)) }.map(\.event)
      #expect(
        events.enumerated().allSatisfy { $1 == ($0 % 2 == 0 ? .injected : .recovered) },
        "n\(node): \(events)")
    }
    #expect(first.allSatisfy { $0.element != nil && $0.fault.kind == "random-crash" })
    #expect(zip(first, first.dropFirst()).allSatisfy { $0.time <= $1.time })
    #expect(first.last.map { $0.time <= .zero + .seconds(3_600) } == true)
  }

  @Test func stoppingThePlanEndsEveryProcessAndTraceSoTheRunDrains() {
    // Without the stop, the periodic trace and the process would go on for centuries.
    let plan = FaultPlan(faults: [
      trace(.link(LinkID(1)), [(1, false), (2, true)], period: .seconds(3)),
      .random(
        FaultProcess(
          targets: .links([LinkID(0)]), meanTimeBetweenFailures: .seconds(5),
          meanTimeToRepair: .seconds(1))),
    ])
    let bench = Bench(leaves: 2, plan: plan)
    let records = bench.run(stoppingAt: .seconds(100))
    #expect(bench.simulation.pendingEventCount == 0)
    #expect(bench.simulation.now <= .zero + .seconds(100))
    // The trace: down at 1 + 3k s and up at 2 + 3k s for k = 0 … 32 (98 s, 99 s): 66 rows.
    #expect(records.filter { $0.index == 0 }.count == 66)
  }
  @Test func processesAndTracesEndWhenNothingElseIsPending() {
    // A transfers workload has no last round to stop the plan at. Here the only other event is
    // a no-op at 5 s, scheduled before the plan starts, so it runs before the trace's 5 s change:
    // the timer then finds nothing else pending, and the trace (down 1 + 3k s, up 2 + 3k s) ends
    // with l1 down since 4 s; the scheduled crash at 10 s still applies, and the run drains.
    let plan = FaultPlan(faults: [
      trace(.link(LinkID(1)), [(1, false), (2, true)], period: .seconds(3)),
      .crash(node: NodeID(1), at: .seconds(10), duration: nil),
    ])
    let bench = Bench(leaves: 2, plan: plan)
    bench.simulation.schedule(at: .zero + .seconds(5)) { _ in }
    bench.injector.start(in: bench.simulation)
    bench.simulation.run()
    #expect(
      rows(bench.injector.records) == [
        "t=1s 0 injected l1", "t=2s 0 recovered l1", "t=4s 0 injected l1", "t=10s 1 injected",
      ])
    #expect(bench.simulation.now == .zero + .seconds(10))
  }
}
