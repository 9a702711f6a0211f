import Platform
import SimCore
import SimKernel

/// Flow-level network benchmarks: the max-min solver alone, and the event-driven network with
/// start/finish churn.
func networkBenchmarkCases() -> [BenchmarkCase] {
  [
    BenchmarkCase(
      name: "network.churn.10000flows.1000links",
      summary:
        "FlowNetwork: 10,000 concurrent flows on a 1,000-link ring of stars, each finish starts a new flow",
      repetitions: 1, workPerRun: Double(NetworkChurn.flowEvents), unit: "flow events",
      prepare: { { NetworkChurn.run() } }),
    BenchmarkCase(
      name: "network.churn.10000flows.1000links.batched1ms",
      summary:
        "As network.churn.10000flows.1000links with RateUpdatePolicy.batched(interval: 1 ms)",
      repetitions: 3, workPerRun: Double(NetworkChurn.flowEvents), unit: "flow events",
      prepare: { { NetworkChurn.run(rateUpdate: .batched(interval: .milliseconds(1))) } }),
    BenchmarkCase(
      name: "network.churn.10000flows.1000links.batched10ms",
      summary:
        "As network.churn.10000flows.1000links with RateUpdatePolicy.batched(interval: 10 ms)",
      repetitions: 3, workPerRun: Double(NetworkChurn.flowEvents), unit: "flow events",
      prepare: { { NetworkChurn.run(rateUpdate: .batched(interval: .milliseconds(10))) } }),
    BenchmarkCase(
      name: "network.churn.edge.10000flows.1000links",
      summary:
        "FlowNetwork: 10,000 concurrent client↔cloud flows on a 950-client, 50-edge tree (1,000 links), each finish starts a new flow",
      repetitions: 3, workPerRun: Double(NetworkChurn.flowEvents), unit: "flow events",
      prepare: { { NetworkChurn.runEdgeTree() } }),
    BenchmarkCase(
      name: "network.onelink.2000flows",
      summary:
        "FlowNetwork: 2,000 flows of distinct sizes start together on one link; each finish re-times all the others",
      repetitions: 3, workPerRun: Double(OneLinkFlows.completionMoves), unit: "completion moves",
      prepare: { { OneLinkFlows.run() } }),
    BenchmarkCase(
      name: "network.solver.2000flows.200resources",
      summary:
        "MaxMinSolver.rates: one solve of 2,000 flows over 4-resource routes among 200 resources",
      repetitions: 5, workPerRun: 1, unit: "solves",
      prepare: {
        let (solver, flows) = NetworkChurn.solverProblem()
        return {
          let rates = solver.rates(for: flows)
          return rates.reduce(0) { checksumMix($0, $1.bitPattern) }
        }
      }),
  ]
}

enum NetworkChurn {
  /// Flows kept in flight.
  static let concurrentFlows = 10_000
  /// Finishes per run; each finish starts a replacement flow.
  static let finishes = 2_000
  /// Flow events per run: the initial starts, then every finish and its replacement's start.
  static let flowEvents = concurrentFlows + 2 * finishes

  /// 50 routers in a ring (50 links) and 950 hosts, 19 per router (950 links): 1,000 links.
  static func topology() -> Topology {
    var topology = Topology()
    let routers = (0..<50).map {
      topology.addNode(name: "r\($0)", roles: [.router], profile: .edgeServer)
    }
    for i in 0..<50 {
      topology.addLink(
        name: "ring\(i)", between: routers[i], and: routers[(i + 1) % 50],
        latency: .milliseconds(2),
        bandwidth: .gigabitsPerSecond(10))
    }
    for h in 0..<950 {
      let host = topology.addNode(name: "h\(h)", roles: [.client], profile: .smartphone)
      topology.addLink(
        name: "access\(h)", between: routers[h % 50], and: host,
        latency: .milliseconds(1 + Int64(h % 5)),
        bandwidth: .megabitsPerSecond(100))
    }
    return topology
  }

  static func run(rateUpdate: RateUpdatePolicy = .exact) -> UInt64 {
    churn(on: topology(), rateUpdate: rateUpdate) { generator in
      let from = 50 + generator.nextInt(below: 950)
      var to = 50 + generator.nextInt(below: 949)
      if to >= from { to += 1 }
      return (from, to)
    }
  }

  /// 950 clients under 50 edge servers under one cloud (`EdgeTreeTopology` defaults otherwise:
  /// 50 Mbps access links, 1 Gbps backhauls): 950 + 50 = 1,000 links. Each flow is an upload (client to
  /// cloud) or a download (cloud to client), half and half, so the flows couple only through one
  /// edge's backhaul in one direction: 100 components of about 100 flows.
  static func runEdgeTree(rateUpdate: RateUpdatePolicy = .exact) -> UInt64 {
    let layout = EdgeTreeTopology(clientCount: 950, edgeCount: 50, validatorCount: 0)
    guard let topology = try? layout.makeTopology() else {
      preconditionFailure("NetworkChurn: the edge-tree layout is invalid")
    }
    let cloud = 1_000  // clients c0…c949, edges e0…e49, then the cloud
    return churn(on: topology, rateUpdate: rateUpdate) { generator in
      let client = generator.nextInt(below: 950)
      return generator.nextInt(below: 2) == 0 ? (client, cloud) : (cloud, client)
    }
  }

  /// Keeps `concurrentFlows` flows in flight on `topology`, each finish starting a replacement
  /// between the endpoints `endpoints` draws, until `finishes` flows have finished; returns a
  /// checksum of the finish instants.
  static func churn(
    on topology: Topology, rateUpdate: RateUpdatePolicy,
    endpoints: @escaping (inout Xoshiro256StarStar) -> (Int, Int)
  ) -> UInt64 {
    let simulation = Simulation(streams: RandomStreams(seed: 9))
    let network = FlowNetwork(
      topology: topology, rateUpdate: rateUpdate, streams: simulation.streams)
    var generator = simulation.streams.make(StreamPurpose("benchmark"))
    var finished = 0
    var checksum: UInt64 = 0
    func startFlow(_ simulation: Simulation) {
      let (from, to) = endpoints(&generator)
      let bytes = Int64(10_000 + generator.nextInt(below: 1_000_000))
      network.send(
        from: NodeID(from), to: NodeID(to), size: ByteCount(bytes: bytes), kind: "churn",
        in: simulation
      ) {
        simulation in
        finished += 1
        checksum = checksumMix(checksum, UInt64(simulation.now.nanosecondsSinceStart))
        if finished < finishes { startFlow(simulation) } else { simulation.stop() }
      }
    }
    for _ in 0..<concurrentFlows { startFlow(simulation) }
    simulation.run()
    return checksum
  }

  static func solverProblem() -> (MaxMinSolver, [MaxMinSolver.Flow]) {
    var generator = Xoshiro256StarStar(seed: 3)
    let capacities = (0..<200).map { _ in 1e6 + Double(generator.nextInt(below: 1_000_000)) }
    let flows = (0..<2_000).map { _ in
      MaxMinSolver.Flow(
        resources: generator.sampleIndices(4, from: 200), weight: 1 + generator.nextUnitDouble())
    }
    return (MaxMinSolver(capacities: capacities), flows)
  }
}

/// Many concurrent flows on one link: the case where every start or finish moves every flow's
/// completion, which used to leave O(flows²) cancelled events in the queue.
enum OneLinkFlows {
  static let flows = 2_000
  /// Completions scheduled or moved per run: the k-th finish re-times the n − k flows left.
  static let completionMoves = flows * (flows + 1) / 2

  /// Runs the flows to the end; returns a checksum of the finish instants and of the most
  /// entries the event queue ever held (which must stay O(flows)).
  static func run() -> UInt64 {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    topology.addLink(
      name: "ab", between: a, and: b, latency: .milliseconds(1), bandwidth: .gigabitsPerSecond(1))
    let simulation = Simulation(streams: RandomStreams(seed: 9))
    let network = FlowNetwork(topology: topology, streams: simulation.streams)
    var checksum: UInt64 = 0
    var mostFiled = 0
    for i in 0..<flows {
      network.send(
        from: a, to: b, size: ByteCount(bytes: 10_000 + 7 * Int64(i)), kind: "flow",
        in: simulation
      ) { simulation in
        checksum = checksumMix(checksum, UInt64(simulation.now.nanosecondsSinceStart))
        mostFiled = max(mostFiled, simulation.filedEventCount)
      }
    }
    simulation.run()
    return checksumMix(checksum, UInt64(mostFiled))
  }
}
