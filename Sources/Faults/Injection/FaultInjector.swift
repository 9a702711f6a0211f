import Ledger
import Platform
import SimCore
import SimKernel

/// Applies a `FaultPlan` to one run's platform on the simulation's timeline: at each fault's
/// start it takes nodes or links down, slows a node or raises a link's loss, and at its end it
/// undoes that; every change is a `FaultRecord`.
///
/// Overlapping faults on one element compose: a node or link is down while any fault holds it
/// down (a partition healing does not bring up a link an explicit `linkDown` still holds), and a
/// node's slowdown or a link's loss rate is the one of the latest window still open. Events at
/// one instant apply in plan order, recoveries first, so a fault that ends when another begins
/// leaves the element in the new fault's state.
///
/// A chain scheme `attach`es its consensus engine: a crashed validator node then crashes in the
/// engine too (it stops producing and voting and loses its mempool; its chain survives) and
/// recovers with it, and a byzantine validator fault sets the validator's `ValidatorConduct` at its
/// start and `.honest` at its end. Without an attached engine (a paired run's vanilla twin) a
/// byzantine fault changes nothing but still has its records, so both twins list the same plan.
///
/// Random fault processes and availability traces change their elements many times, lazily: each
/// element's next change waits in a heap, drawn or read only when the one before it applies, so
/// nothing is generated up to a horizon the run may never reach. A change takes its element down
/// or up like a crash or a link-down does, composing with the other faults.
///
/// One timer walks every event in the order (instant, recoveries before starts, fault index,
/// element's dense index): the scheduled faults' sorted starts and ends, merged with the heap.
/// A process or trace never keeps an otherwise finished run alive: when the timer fires with no
/// other event pending, the workload can do nothing more, so the processes and traces end there
/// (a transfers workload has no last round to `stop` the plan at); scheduled faults still apply.
/// - Complexity: O(log s) per change of a process or trace, s being their elements in all.
public final class FaultInjector {
  public let plan: FaultPlan
  let topology: Topology
  let network: FlowNetwork
  let compute: ComputeCluster
  /// The consensus engine whose validators run on some of the topology's nodes, and the engine
  /// index of each platform node that is a validator (−1 for the others).
  private var engine: (any ConsensusEngine)?
  private var validatorIndex: [Int] = []
  /// Every fault event so far, in time order.
  public private(set) var records: [FaultRecord] = []

  /// The scheduled faults' starts and ends, in the order they apply, and the next one due.
  private var scheduled: [Event] = []
  private var next = 0
  /// Each element of a random process or trace, with its walk, and the next change of each.
  private var sources: [Source] = []
  private var lazy = MinHeap<Event>()
  /// The instant the plan started: the faults' times count from it.
  private var origin = SimInstant.zero
  private var timer = SimulationTimer()
  /// How many open faults hold each node and each link down.
  private var nodeDownCount: [Int]
  private var linkDownCount: [Int]
  /// The open slowdown and loss windows of each node and link, by fault index, in opening order.
  private var slowdowns: [[(index: Int, factor: Double)]]
  private var lossRates: [[(index: Int, rate: Double)]]

  public init(
    plan: FaultPlan, topology: Topology, network: FlowNetwork, compute: ComputeCluster
  ) {
    self.plan = plan
    self.topology = topology
    self.network = network
    self.compute = compute
    nodeDownCount = Array(repeating: 0, count: topology.nodes.count)
    linkDownCount = Array(repeating: 0, count: topology.links.count)
    slowdowns = Array(repeating: [], count: topology.nodes.count)
    lossRates = Array(repeating: [], count: topology.links.count)
  }

  /// Makes crashes of `validatorNodes[i]` crash and recover `engine`'s validator i as well, and
  /// byzantine faults of that node set validator i's conduct. Call before the first fault that
  /// touches a validator applies.
  public func attach(engine: any ConsensusEngine, validatorNodes: [NodeID]) {
    self.engine = engine
    validatorIndex = Array(repeating: -1, count: topology.nodes.count)
    for (index, node) in validatorNodes.enumerated() { validatorIndex[node.index] = index }
  }

  /// Schedules every fault's start and end and each process's and trace's first change,
  /// relative to the current instant; a random process draws from `simulation.streams`. One timer
  /// walks the events, so `stop` ends the plan at once and pending faults never keep a finished
  /// run alive.
  public func start(in simulation: Simulation) {
    origin = simulation.now
    var events: [Event] = []
    sources = []
    lazy.removeAll()
    for (index, fault) in plan.faults.enumerated() {
      switch fault {
      case .random(let process):
        for position in 0..<process.elementCount {
          let walk = process.walk(of: position, faultIndex: index, streams: simulation.streams)
          addSource(
            Source(walk: .process(walk), element: process.element(at: position), index: index))
        }
      case .availability(let trace):
        addSource(Source(walk: .trace(trace.walk()), element: trace.element, index: index))
      default:
        events.append(Event(time: origin + fault.start, isStart: true, index: index))
        if let end = fault.end {
          events.append(Event(time: origin + end, isStart: false, index: index))
        }
      }
    }
    events.sort()
    scheduled = events
    next = 0
    armNext(in: simulation)
  }

  /// Stops the plan: no further fault starts, ends or changes (the run's scheme has finished).
  public func stop(in simulation: Simulation) {
    timer.disarm(in: simulation)
    next = scheduled.count
    lazy.removeAll()
  }

  // MARK: - The timeline

  /// One fault event: its instant, whether it starts (takes down, opens) or ends, the fault's
  /// index, and for a change of a process or trace the element's dense index and its source.
  struct Event: Comparable {
    var time: SimInstant
    var isStart: Bool
    var index: Int
    var element = 0
    /// The index in `sources`, or −1 for a scheduled fault.
    var source = -1

    static func < (a: Event, b: Event) -> Bool {
      (a.time, a.isStart ? 1 : 0, a.index, a.element)
        < (b.time, b.isStart ? 1 : 0, b.index, b.element)
    }
  }

  /// One element of a random process, or a trace's element, and the changes still to come.
  struct Source {
    enum Walk {
      case process(FaultProcess.Walk)
      case trace(AvailabilityTrace.Walk)
    }
    var walk: Walk
    var element: FaultElement
    var index: Int

    mutating func next() -> FaultElement.Change? {
      switch walk {
      case .process(var process):
        defer { walk = .process(process) }
        return process.next()
      case .trace(var trace):
        defer { walk = .trace(trace) }
        return trace.next()
      }
    }
  }

  private func addSource(_ source: Source) {
    sources.append(source)
    pull(sources.count - 1)
  }

  /// Queues the next change of source `s`, if it has one on the clock.
  private func pull(_ s: Int) {
    guard let change = sources[s].next() else { return }
    let (nanoseconds, overflow) = origin.nanosecondsSinceStart.addingReportingOverflow(
      change.time.nanoseconds)
    guard !overflow else { return }
    lazy.push(
      Event(
        time: SimInstant(nanosecondsSinceStart: nanoseconds), isStart: !change.isUp,
        index: sources[s].index, element: sources[s].element.index, source: s))
  }

  /// The next event due, scheduled or lazy.
  private var upcoming: Event? {
    let fixed = next < scheduled.count ? scheduled[next] : nil
    guard let fixed else { return lazy.minimum }
    guard let change = lazy.minimum else { return fixed }
    return change < fixed ? change : fixed
  }

  /// Applies every event due now, then arms the timer for the next one; `isTimer` when the
  /// timer called it, and then with nothing else pending the processes and traces end.
  private func armNext(in simulation: Simulation, isTimer: Bool = false) {
    if isTimer, simulation.pendingEventCount == 0 { lazy.removeAll() }
    while let event = upcoming, event.time <= simulation.now {
      if event.source < 0 {
        next += 1
      } else {
        _ = lazy.pop()
        pull(event.source)
      }
      apply(event, in: simulation)
    }
    guard let event = upcoming else { return }
    timer.arm(after: event.time - simulation.now, in: simulation) {
      [unowned self] simulation in
      self.armNext(in: simulation, isTimer: true)
    }
  }

  // MARK: - Applying

  private func apply(_ event: Event, in simulation: Simulation) {
    let fault = plan.faults[event.index]
    let starting = event.isStart
    let step = starting ? 1 : -1
    var element: FaultElement?
    if event.source >= 0 {
      let changed = sources[event.source].element
      element = changed
      switch changed {
      case .node(let node): changeNode(node, by: step, in: simulation)
      case .link(let link): changeLink(link, by: step, in: simulation)
      }
    } else {
      applyScheduled(fault, index: event.index, starting: starting, in: simulation)
    }
    records.append(
      FaultRecord(
        time: simulation.now, index: event.index, fault: fault,
        event: starting ? .injected : .recovered, element: element))
  }

  private func applyScheduled(
    _ fault: Fault, index: Int, starting: Bool, in simulation: Simulation
  ) {
    let step = starting ? 1 : -1
    switch fault {
    case .crash(let node, _, _):
      changeNode(node, by: step, in: simulation)
    case .linkDown(let link, _, _):
      changeLink(link, by: step, in: simulation)
    case .partition(let groups, _, _):
      for link in Self.links(between: groups, in: topology) {
        changeLink(link, by: step, in: simulation)
      }
    case .straggler(let node, _, _, let factor):
      if starting {
        slowdowns[node.index].append((index, factor))
      } else {
        slowdowns[node.index].removeAll { $0.index == index }
      }
      compute.setSlowdown(slowdowns[node.index].last?.factor ?? 1, on: node, in: simulation)
    case .loss(let links, _, _, let rate):
      for link in links {
        if starting {
          lossRates[link.index].append((index, rate))
        } else {
          lossRates[link.index].removeAll { $0.index == index }
        }
        network.setLossRate(lossRates[link.index].last?.rate, on: link, in: simulation)
      }
    case .byzantineValidator(let node, let conduct, _, _):
      guard let engine else { return }
      let validator = validatorIndex[node.index]
      precondition(
        validator >= 0,
        "FaultInjector: byzantine node \(node) is not a validator of the attached engine")
      engine.setConduct(starting ? conduct : .honest, of: NodeID(validator), in: simulation)
    case .random, .availability:
      preconditionFailure("FaultInjector: \(fault.kind) faults change through their sources")
    }
  }

  private func changeNode(_ node: NodeID, by step: Int, in simulation: Simulation) {
    let before = nodeDownCount[node.index]
    nodeDownCount[node.index] += step
    let after = nodeDownCount[node.index]
    guard (before == 0) != (after == 0) else { return }
    network.setNode(node, up: after == 0, in: simulation)
    compute.setNode(node, up: after == 0, in: simulation)
    if let engine, validatorIndex[node.index] >= 0 {
      let validator = NodeID(validatorIndex[node.index])
      if after == 0 {
        engine.recover(node: validator, in: simulation)
      } else {
        engine.crash(node: validator, in: simulation)
      }
    }
  }

  private func changeLink(_ link: LinkID, by step: Int, in simulation: Simulation) {
    let before = linkDownCount[link.index]
    linkDownCount[link.index] += step
    let after = linkDownCount[link.index]
    guard (before == 0) != (after == 0) else { return }
    network.setLink(link, up: after == 0, in: simulation)
  }

  /// The links whose two ends lie in different groups, ascending.
  static func links(between groups: [[NodeID]], in topology: Topology) -> [LinkID] {
    var group = Array(repeating: -1, count: topology.nodes.count)
    for (g, nodes) in groups.enumerated() {
      for node in nodes { group[node.index] = g }
    }
    return topology.links.filter { link in
      group[link.a.index] != group[link.b.index]
    }.map(\.id)
  }
}
