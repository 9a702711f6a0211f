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
/// recovers with it.
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

  /// Every start and end, in the order they apply, and the next one due.
  private var pending: [(time: SimInstant, isStart: Bool, index: Int)] = []
  private var next = 0
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

  /// Makes crashes of `validatorNodes[i]` crash and recover `engine`'s validator i as well. Call
  /// before the first fault that touches a validator applies.
  public func attach(engine: any ConsensusEngine, validatorNodes: [NodeID]) {
    self.engine = engine
    validatorIndex = Array(repeating: -1, count: topology.nodes.count)
    for (index, node) in validatorNodes.enumerated() { validatorIndex[node.index] = index }
  }

  /// Schedules every fault's start and end, relative to the current instant. One timer walks the
  /// sorted events, so `stop` ends the plan at once and pending faults never keep a finished run
  /// alive.
  public func start(in simulation: Simulation) {
    // Recoveries first at a shared instant, then starts, each in plan order.
    let origin = simulation.now
    var events: [(time: SimDuration, isStart: Bool, index: Int)] = []
    for (index, fault) in plan.faults.enumerated() {
      events.append((fault.start, true, index))
      if let end = fault.end { events.append((end, false, index)) }
    }
    events.sort { a, b in
      (a.time, a.isStart ? 1 : 0, a.index) < (b.time, b.isStart ? 1 : 0, b.index)
    }
    pending = events.map { (origin + $0.time, $0.isStart, $0.index) }
    next = 0
    armNext(in: simulation)
  }

  /// Stops the plan: no further fault starts or ends (the run's scheme has finished).
  public func stop(in simulation: Simulation) {
    timer.disarm(in: simulation)
    next = pending.count
  }

  /// Applies every event due now, then arms the timer for the next one.
  private func armNext(in simulation: Simulation) {
    while next < pending.count, pending[next].time <= simulation.now {
      let event = pending[next]
      next += 1
      apply(event.index, starting: event.isStart, in: simulation)
    }
    guard next < pending.count else { return }
    timer.arm(after: pending[next].time - simulation.now, in: simulation) {
      [unowned self] simulation in
      self.armNext(in: simulation)
    }
  }

  private func apply(_ index: Int, starting: Bool, in simulation: Simulation) {
    let fault = plan.faults[index]
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
    }
    records.append(
      FaultRecord(
        time: simulation.now, index: index, fault: fault,
        event: starting ? .injected : .recovered))
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
