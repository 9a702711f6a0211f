import SimCore
import SimKernel
import Testing

@testable import Platform

struct RateUpdatePolicyTests {
  @Test func batchedSolveInstantIsTheNextGridInstant() {
    let policy = RateUpdatePolicy.batched(interval: .milliseconds(10))
    func solve(_ ns: Int64) -> Int64? {
      policy.solveInstant(after: SimInstant(nanosecondsSinceStart: ns))?.nanosecondsSinceStart
    }
    // On the grid: now; just after a grid instant: the next one.
    #expect(solve(0) == 0)
    #expect(solve(20_000_000) == 20_000_000)
    #expect(solve(20_000_001) == 30_000_000)
    #expect(solve(29_999_999) == 30_000_000)
    #expect(
      RateUpdatePolicy.exact.solveInstant(after: SimInstant(nanosecondsSinceStart: 7))?
        .nanosecondsSinceStart == 7)
  }

  @Test func aGridInstantBeyondTheClockIsNilNotATrap() {
    // Interval Int64.max ns: the grid is {0, Int64.max}. At 1 ns the next grid instant is the
    // clock's last one, where nothing could follow: nil. Interval 2⁶² at 2⁶² + 1: the next grid
    // instant 2⁶³ overflows Int64 (it trapped before): nil. Below the top, still the grid.
    let widest = RateUpdatePolicy.batched(interval: .nanoseconds(.max))
    #expect(widest.solveInstant(after: SimInstant(nanosecondsSinceStart: 0)) == .zero)
    #expect(widest.solveInstant(after: SimInstant(nanosecondsSinceStart: 1)) == nil)
    let half = RateUpdatePolicy.batched(interval: .nanoseconds(1 << 62))
    #expect(half.solveInstant(after: SimInstant(nanosecondsSinceStart: (1 << 62) + 1)) == nil)
    #expect(
      half.solveInstant(after: SimInstant(nanosecondsSinceStart: 1))
        == SimInstant(nanosecondsSinceStart: 1 << 62))
  }

  /// h1 — r — h3 and h2 — r, every link 10 MB/s and 10 ms; flows to h3.
  private func finishTimes(
    rateUpdate: RateUpdatePolicy, sends: [(from: Int, start: Int64, bytes: Int64)]
  ) -> [Int64] {
    var topology = Topology()
    let h1 = topology.addNode(name: "h1", roles: [], profile: .edgeServer)
    let h2 = topology.addNode(name: "h2", roles: [], profile: .edgeServer)
    let h3 = topology.addNode(name: "h3", roles: [], profile: .edgeServer)
    let r = topology.addNode(name: "r", roles: [.router], profile: .edgeServer)
    for (name, node) in [("l1", h1), ("l2", h2), ("l3", h3)] {
      topology.addLink(
        name: name, between: node, and: r, latency: .milliseconds(10),
        bandwidth: .megabytesPerSecond(10))
    }
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(
      topology: topology, rateUpdate: rateUpdate, streams: simulation.streams)
    var finished = [Int64](repeating: -1, count: sends.count)
    for (i, send) in sends.enumerated() {
      simulation.schedule(at: SimInstant(nanosecondsSinceStart: send.start)) { sim in
        network.send(
          from: NodeID(send.from), to: h3, size: ByteCount(bytes: send.bytes), kind: "test",
          in: sim
        ) { sim in finished[i] = sim.now.nanosecondsSinceStart }
      }
    }
    simulation.run()
    return finished
  }

  @Test func eventsOnTheGridGiveTheExactAnswer() {
    // The 2.02 s example: both flows start sharing at 20 ms and finish at 2.02 s, all on
    // a 10 ms grid, so batching changes nothing.
    let sends: [(from: Int, start: Int64, bytes: Int64)] = [(0, 0, 10_000_000), (1, 0, 10_000_000)]
    #expect(
      finishTimes(rateUpdate: .batched(interval: .milliseconds(10)), sends: sends) == [
        2_020_000_000, 2_020_000_000,
      ])
  }

  @Test func aLoneFlowStartsSharingAtTheNextGridInstant() {
    // Ready at 20 ms; on a 30 ms grid it starts at 30 ms; 10 MB at 10 MB/s → 1.03 s (exact:
    // 1.02 s, so 10 ms late, under the 30 ms interval).
    #expect(
      finishTimes(rateUpdate: .batched(interval: .milliseconds(30)), sends: [(0, 0, 10_000_000)])
        == [1_030_000_000])
  }

  @Test func arrivalsAndReleasesWaitForTheGrid() {
    // Exact: A finishes at 1.51 s and B at 2.02 s (FlowNetworkTests). On a 100 ms grid: A (ready
    // at 20 ms) starts at 0.1 s alone at 10 MB/s. B, sent at 0.51 s, is ready at 0.53 s and joins
    // at 0.6 s, when A has 5 MB left: both get 5 MB/s, A finishes at 1.6 s (on the grid, so its
    // bandwidth is released at once) and B, with 5 MB left, takes 0.5 s at 10 MB/s → 2.1 s. Each
    // is less than 100 ms late (90 and 80 ms).
    let times = finishTimes(
      rateUpdate: .batched(interval: .milliseconds(100)),
      sends: [(0, 0, 10_000_000), (1, 510_000_000, 10_000_000)])
    #expect(times == [1_600_000_000, 2_100_000_000])
  }

  @Test func releasedBandwidthWaitsForTheNextGridInstant() {
    // Both are ready at 20 ms; on a 150 ms grid both start at 0.15 s with 5 MB/s each. A's 1 MB
    // takes 0.2 s → 0.35 s, off the grid, so B keeps 5 MB/s until 0.45 s, having sent 1.5 MB;
    // its 8.5 MB left take 0.85 s at 10 MB/s → 1.3 s. (Exact: A at 0.22 s; B has sent 1 MB by
    // then and takes 0.9 s for the other 9 MB → 1.12 s.) B is 180 ms late, more than one
    // interval: it saw two delayed changes, its own start and A's release.
    let times = finishTimes(
      rateUpdate: .batched(interval: .milliseconds(150)),
      sends: [(0, 0, 1_000_000), (1, 0, 10_000_000)])
    #expect(times == [350_000_000, 1_300_000_000])
  }
}
