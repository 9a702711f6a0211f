import SimCore
import SimKernel
import Testing

@testable import Platform

/// Nodes of the compute cluster going down and up, and slowdowns. A test profile does 10⁹ of each
/// kind of work per second, so `n` flops take `n` ns; expected instants are derived in comments.
struct ComputeClusterHealthTests {
  private static let unit = DeviceProfile(
    name: "unit", flopsPerSecond: 1_000_000_000, limbMultiplicationsPerSecond: 1_000_000_000,
    hashBytesPerSecond: 1_000_000_000, cipherBytesPerSecond: 1_000_000_000,
    curveScalarMultiplicationsPerSecond: 1_000_000_000)

  /// Two one-core nodes, n0 and n1, with no links.
  private func twoNodes(cores: Int = 1) -> Topology {
    var topology = Topology()
    topology.addNode(name: "n0", roles: [], profile: Self.unit, cores: cores)
    topology.addNode(name: "n1", roles: [], profile: Self.unit, cores: cores)
    return topology
  }

  private static func at(_ milliseconds: Int64) -> SimInstant {
    SimInstant(nanosecondsSinceStart: milliseconds * 1_000_000)
  }

  private static func ms(_ milliseconds: Int64) -> Work { .flops(milliseconds * 1_000_000) }

  // MARK: - Nodes

  @Test func crashLosesTheRunningAndQueuedTasksInSubmissionOrder() {
    // n0 (one core): A (1 s) runs from 0, B (0.5 s) waits behind it; n1 runs C (0.8 s). n0
    // crashes at 0.4 s: A and B are lost there (A started at 0, B never did), their onLost run in
    // submission order, neither onDone does; n0 was busy 0.4 s. C finishes at 0.8 s. n0 is back
    // at 1 s, empty; D (0.2 s) submitted then finishes at 1.2 s.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    let (n0, n1) = (NodeID(0), NodeID(1))
    var events: [String] = []
    func submit(_ label: String, _ milliseconds: Int64, on node: NodeID, in sim: Simulation) {
      cluster.submit(
        Self.ms(milliseconds), on: node, label: label, in: sim,
        onLost: { sim in events.append("\(label) lost \(sim.now.nanosecondsSinceStart)") },
        onDone: { sim in events.append("\(label) done \(sim.now.nanosecondsSinceStart)") })
    }
    submit("A", 1_000, on: n0, in: simulation)
    submit("B", 500, on: n0, in: simulation)
    submit("C", 800, on: n1, in: simulation)
    simulation.schedule(at: Self.at(400)) { sim in
      cluster.setNode(n0, up: false, in: sim)
      // onLost runs from its own event, never inside `setNode`.
      #expect(events.isEmpty)
      #expect(cluster.queuedTaskCount(on: n0) == 0 && cluster.runningTaskCount(on: n0) == 0)
    }
    simulation.schedule(at: Self.at(1_000)) { sim in
      cluster.setNode(n0, up: true, in: sim)
      submit("D", 200, on: n0, in: sim)
    }
    simulation.run()
    #expect(
      events == [
        "A lost 400000000", "B lost 400000000", "C done 800000000", "D done 1200000000",
      ])
    let records = cluster.records
    #expect(records.map(\.label) == ["A", "B", "C", "D"])
    #expect(records.map(\.isLost) == [true, true, false, false])
    #expect(records.map(\.started) == [.zero, Self.at(400), .zero, Self.at(1_000)])
    #expect(records.map(\.finished) == [Self.at(400), Self.at(400), Self.at(800), Self.at(1_200)])
    #expect(cluster.busyNanoseconds == [600_000_000, 800_000_000])  // 0.4 s + D's 0.2 s; C
  }

  @Test func submittingToADownNodeIsLostAtOnce() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    var events: [String] = []
    cluster.setNode(NodeID(1), up: false, in: simulation)
    #expect(!cluster.isUp(NodeID(1)) && cluster.isUp(NodeID(0)))
    simulation.schedule(at: Self.at(5)) { sim in
      cluster.submit(
        Self.ms(10), on: NodeID(1), label: "t", in: sim,
        onLost: { sim in events.append("lost \(sim.now.nanosecondsSinceStart)") },
        onDone: { _ in events.append("done") })
      #expect(events.isEmpty)  // reported from an event, never inside `submit`
    }
    // A task without onLost just ends in its record.
    cluster.submit(Self.ms(10), on: NodeID(1), label: "silent", in: simulation) { _ in
      events.append("silent done")
    }
    simulation.run()
    #expect(events == ["lost 5000000"])
    #expect(cluster.records.map(\.label) == ["silent", "t"])
    let t = cluster.records[1]
    #expect(t.isLost && t.submitted == Self.at(5) && t.started == Self.at(5))
    #expect(t.finished == Self.at(5))
    #expect(cluster.busyNanoseconds == [0, 0])
  }

  @Test func crashOfAMultiCoreNodeLosesItsTasksInSubmissionOrder() {
    // Two cores: A (1 s) and B (0.3 s) run from 0; C (1 s) takes B's core at 0.3 s; D waits. The
    // crash at 0.5 s finds A and C running (started 0 and 0.3 s) and D queued: lost as A, C, D.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes(cores: 2))
    var lost: [String] = []
    for (label, milliseconds) in [("A", 1_000), ("B", 300), ("C", 1_000), ("D", 100)] {
      cluster.submit(
        Self.ms(Int64(milliseconds)), on: NodeID(0), label: label, in: simulation,
        onLost: { _ in lost.append(label) }, onDone: { _ in })
    }
    simulation.schedule(at: Self.at(500)) { sim in cluster.setNode(NodeID(0), up: false, in: sim) }
    simulation.run()
    #expect(lost == ["A", "C", "D"])
    #expect(cluster.records.map(\.label) == ["B", "A", "C", "D"])
    #expect(cluster.records.map(\.started) == [.zero, .zero, Self.at(300), Self.at(500)])
    // Busy: B 0.3 s, A 0.5 s, C 0.2 s.
    #expect(cluster.busyNanoseconds[0] == 1_000_000_000)
  }

  // MARK: - Slowdown

  @Test func slowdownByTwoMidTaskRetimesTheRemainder() {
    // A (1 s) from 0; ×2 at 0.4 s: 0.6 s of work left takes 1.2 s → 1.6 s.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    var doneAt: [SimInstant] = []
    cluster.submit(Self.ms(1_000), on: NodeID(0), label: "A", in: simulation) { sim in
      doneAt.append(sim.now)
    }
    simulation.schedule(at: Self.at(400)) { sim in
      cluster.setSlowdown(2, on: NodeID(0), in: sim)
    }
    simulation.run()
    #expect(doneAt == [Self.at(1_600)])
    #expect(cluster.records[0].started == .zero && cluster.records[0].finished == Self.at(1_600))
    #expect(cluster.busyNanoseconds[0] == 1_600_000_000)
  }

  @Test func successiveSlowdownsKeepTheWorkDone() {
    // A (1 s) from 0, B (0.1 s) queued. ×1.5 at 0.3 s: 0.7 s left × 1.5 = 1.05 s → 1.35 s. ×3 at
    // 0.6 s: the 0.3 s at ×1.5 did 0.2 s of work, 0.5 s left × 3 = 1.5 s → 2.1 s. B then starts
    // at ×3: 0.3 s → 2.4 s. Back to ×1 at 2.2 s: B did 0.1 s ÷ 3 = 33,333,333 ns (rounded down)
    // of its 100,000,000, so 66,666,667 ns remain → 2.266666667 s.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    let n0 = NodeID(0)
    cluster.submit(Self.ms(1_000), on: n0, label: "A", in: simulation) { _ in }
    cluster.submit(Self.ms(100), on: n0, label: "B", in: simulation) { _ in }
    simulation.schedule(at: Self.at(300)) { sim in cluster.setSlowdown(1.5, on: n0, in: sim) }
    simulation.schedule(at: Self.at(600)) { sim in
      cluster.setSlowdown(3, on: n0, in: sim)
      #expect(cluster.slowdown(on: n0) == 3)
    }
    simulation.schedule(at: Self.at(2_200)) { sim in cluster.setSlowdown(1, on: n0, in: sim) }
    simulation.run()
    #expect(
      cluster.records.map(\.finished.nanosecondsSinceStart) == [2_100_000_000, 2_266_666_667])
    #expect(cluster.records[1].started == Self.at(2_100))
    #expect(cluster.busyNanoseconds[0] == 2_266_666_667)
  }

  @Test(
    arguments: [
      // (base ns, factor, wall ns): 10 × 1.1 = 11 exactly (the factor counts in billionths, not
      // the binary double just above 1.1); 7 × 1.5 = 10.5 → 11 (rounded up); ×1 is the identity;
      // 3 × 10⁹ at the largest factor.
      (10, 1.1, 11), (7, 1.5, 11), (1_000_000_000, 1, 1_000_000_000), (3, 1e9, 3_000_000_000),
    ] as [(Int64, Double, Int64)])
  func slowedTaskTakesItsDurationTimesTheFactorRoundedUp(base: Int64, factor: Double, wall: Int64) {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    cluster.setSlowdown(factor, on: NodeID(0), in: simulation)
    cluster.submit(.flops(base), on: NodeID(0), label: "t", in: simulation) { _ in }
    simulation.run()
    #expect(cluster.records[0].finished.nanosecondsSinceStart == wall)
  }

  @Test func progressIsRoundedDownWhenTheFactorChanges() {
    // 10 ns of work at ×3 from 0; back to ×1 at 1 ns: ⌊1 ÷ 3⌋ = 0 ns of work done, all 10 left →
    // 11 ns (never before the work is done).
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    cluster.setSlowdown(3, on: NodeID(0), in: simulation)
    cluster.submit(.flops(10), on: NodeID(0), label: "t", in: simulation) { _ in }
    simulation.schedule(at: SimInstant(nanosecondsSinceStart: 1)) { sim in
      cluster.setSlowdown(1, on: NodeID(0), in: sim)
    }
    simulation.run()
    #expect(cluster.records[0].finished.nanosecondsSinceStart == 11)
  }

  @Test func slowdownSetWhileDownAppliesAfterRecovery() {
    // n0 is down when slowed ×4; back up at 1 s, a 0.1 s task takes 0.4 s → 1.4 s.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    cluster.setNode(NodeID(0), up: false, in: simulation)
    cluster.setSlowdown(4, on: NodeID(0), in: simulation)
    simulation.schedule(at: Self.at(1_000)) { sim in
      cluster.setNode(NodeID(0), up: true, in: sim)
      cluster.submit(Self.ms(100), on: NodeID(0), label: "t", in: sim) { _ in }
    }
    simulation.run()
    #expect(cluster.records.map(\.finished) == [Self.at(1_400)])
  }

  // MARK: - Nothing changes without faults

  @Test func settingTheStateANodeHasChangesNothing() {
    // The same tasks, once plainly and once with `up: true` of up nodes and ×1 slowdowns in the
    // middle of them: identical records, busy times and events left.
    func run(touching: Bool) -> ([ComputeCluster.TaskRecord], [Int64], Int64) {
      let simulation = Simulation(streams: RandomStreams(seed: 1))
      let cluster = ComputeCluster(topology: twoNodes(cores: 2))
      for i in 0..<6 {
        simulation.schedule(at: Self.at(Int64(i) * 70)) { sim in
          cluster.submit(Self.ms(Int64(100 + 37 * i)), on: NodeID(i % 2), label: "t\(i)", in: sim) {
            _ in
          }
          if touching {
            cluster.setNode(NodeID(i % 2), up: true, in: sim)
            cluster.setSlowdown(1, on: NodeID(0), in: sim)
          }
        }
      }
      simulation.run()
      return (cluster.records, cluster.busyNanoseconds, simulation.firedEventCount)
    }
    let plain = run(touching: false)
    let touched = run(touching: true)
    #expect(touched.0 == plain.0)
    #expect(touched.1 == plain.1)
    #expect(touched.2 == plain.2)
  }

  @Test func aTaskSlowedPastTheClockIsHeldAtTheClocksEndInsteadOfTrapping() {
    // 10¹⁰ flops take 10 s at factor 1; at the largest factor, 10⁹, they would take 10¹⁹ ns, past
    // Int64.max (≈ 9.22 × 10¹⁸): the completion is held at the clock's last instant (a run
    // stops at its 150-year horizon long before, with a warning).
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let cluster = ComputeCluster(topology: twoNodes())
    let n0 = NodeID(0)
    cluster.setSlowdown(1e9, on: n0, in: simulation)
    var finished: Int64?
    cluster.submit(.flops(10_000_000_000), on: n0, label: "long", in: simulation) { sim in
      finished = sim.now.nanosecondsSinceStart
    }
    simulation.run()
    #expect(finished == Int64.max)
    #expect(cluster.records.last?.finished.nanosecondsSinceStart == Int64.max)
  }
}
