import SimCore
import SimKernel
import Testing

@testable import Platform

/// The network re-solves only the component of flows touched by a start or a finish (and, when
/// batched, only on the grid); these tests compare the rates it keeps with a from-scratch solve of
/// every sharing flow at once, along random churn.
struct FlowNetworkDifferentialTests {
  /// A ring of 4 routers (2 ms, 20 MB/s links) with 2 hosts on each (1–3 ms, 5–10 MB/s access
  /// links): routes cross up to 4 links and share the ring, so components merge and split.
  private static func ringOfStars() -> Topology {
    var topology = Topology()
    let routers = (0..<4).map {
      topology.addNode(name: "r\($0)", roles: [.router], profile: .edgeServer)
    }
    for i in 0..<4 {
      topology.addLink(
        name: "ring\(i)", between: routers[i], and: routers[(i + 1) % 4],
        latency: .milliseconds(2), bandwidth: .megabytesPerSecond(20))
    }
    for h in 0..<8 {
      let host = topology.addNode(name: "h\(h)", roles: [.client], profile: .edgeServer)
      topology.addLink(
        name: "a\(h)", between: routers[h % 4], and: host, latency: .milliseconds(1 + Int64(h % 3)),
        bandwidth: .megabytesPerSecond(5 + Int64(h % 6)))
    }
    return topology
  }

  /// The rate a from-scratch solve of all sharing flows gives each, by flow index.
  private static func fullSolve(_ network: FlowNetwork) -> [Int: Double] {
    let sharing = network.flows.indices.filter { network.flows[$0].isSharing }
    let problem = sharing.map { f in
      MaxMinSolver.Flow(
        resources: (network.flows[f].routeStart..<network.flows[f].routeEnd).map {
          Int(network.routeChannels[$0])
        }, weight: network.flows[f].weight)
    }
    let rates = MaxMinSolver(capacities: network.solverCapacities).rates(for: problem)
    return Dictionary(uniqueKeysWithValues: zip(sharing, rates))
  }

  /// Sends 60 random transfers (0.1–2 MB, starts at random nanoseconds in the first second)
  /// between random hosts, with `probe` scheduled at each of `probes`.
  private static func churn(
    seed: UInt64, rateUpdate: RateUpdatePolicy, probes: [Int64],
    probe: @escaping (FlowNetwork, Simulation) -> Void
  ) -> Int {
    let simulation = Simulation(streams: RandomStreams(seed: seed))
    let network = FlowNetwork(
      topology: ringOfStars(), rateUpdate: rateUpdate, streams: simulation.streams)
    var generator = Xoshiro256StarStar(seed: seed)
    var delivered = 0
    for _ in 0..<60 {
      let from = 4 + generator.nextInt(below: 8)
      var to = 4 + generator.nextInt(below: 7)
      if to >= from { to += 1 }
      let bytes = Int64(100_000 + generator.nextInt(below: 1_900_000))
      let start = SimInstant(nanosecondsSinceStart: Int64(generator.nextInt(below: 1_000_000_000)))
      simulation.schedule(at: start) { sim in
        network.send(
          from: NodeID(from), to: NodeID(to), size: ByteCount(bytes: bytes), kind: "x", in: sim
        ) { _ in delivered += 1 }
      }
    }
    for instant in probes {
      simulation.schedule(at: SimInstant(nanosecondsSinceStart: instant)) { sim in
        probe(network, sim)
      }
    }
    simulation.run()
    return delivered
  }

  /// Runs `check` once no re-solve is pending at this instant (a pending one runs first).
  private static func afterPendingSolve(
    _ network: FlowNetwork, _ simulation: Simulation,
    _ check: @escaping (FlowNetwork) -> Void
  ) {
    if network.recomputeScheduled {
      simulation.schedule(after: .zero) { sim in afterPendingSolve(network, sim, check) }
    } else {
      check(network)
    }
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func componentSolvesEqualAFullSolveAfterEveryChange(seed: UInt64) {
    // Same flows, same channel order, same arithmetic: the component solve's rates are the full
    // solve's bit for bit (a component's bottlenecks are unaffected by the others').
    var checks = 0
    var mismatches: [String] = []
    let delivered = Self.churn(
      seed: seed, rateUpdate: .exact, probes: (1...400).map { Int64($0) * 7_000_001 }
    ) { network, simulation in
      Self.afterPendingSolve(network, simulation) { network in
        for (f, rate) in Self.fullSolve(network) where network.flows[f].rate != rate {
          mismatches.append("t=\(simulation.now) flow \(f): \(network.flows[f].rate) vs \(rate)")
        }
        checks += 1
      }
    }
    #expect(delivered == 60)
    #expect(checks == 400)
    #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.prefix(3))")
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func batchedRatesAreExactOnTheGridAndFrozenBetween(seed: UInt64) {
    // The stated bound of `RateUpdatePolicy.batched`: at a grid instant (after its solve) every
    // sharing flow has its exact max-min rate; half-way to the next one, every flow that had a
    // rate keeps it and every flow that started sharing since has none.
    let interval: Int64 = 10_000_000
    var atGrid: [Int: Double] = [:]
    var gridChecks = 0
    var midChecks = 0
    var mismatches: [String] = []
    let probes = (1...300).flatMap { [Int64($0) * interval, Int64($0) * interval + interval / 2] }
    let delivered = Self.churn(
      seed: seed, rateUpdate: .batched(interval: .nanoseconds(interval)), probes: probes
    ) { network, simulation in
      if simulation.now.nanosecondsSinceStart % interval == 0 {
        Self.afterPendingSolve(network, simulation) { network in
          atGrid = Self.fullSolve(network)
          for (f, rate) in atGrid where network.flows[f].rate != rate {
            mismatches.append(
              "grid t=\(simulation.now) flow \(f): \(network.flows[f].rate) vs \(rate)")
          }
          gridChecks += 1
        }
      } else {
        for f in network.flows.indices where network.flows[f].isSharing {
          let expected = atGrid[f] ?? 0
          if network.flows[f].rate != expected {
            mismatches.append(
              "mid t=\(simulation.now) flow \(f): \(network.flows[f].rate) vs \(expected)")
          }
        }
        midChecks += 1
      }
    }
    #expect(delivered == 60)
    #expect(gridChecks == 300 && midChecks == 300)
    #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.prefix(3))")
  }
}
