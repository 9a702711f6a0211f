import SimCore
import SimKernel
import Testing

@testable import Platform

/// What the network leaves in the simulation's event queue.
struct FlowNetworkQueueTests {
  @Test func manyConcurrentFlowsOnOneLinkKeepTheQueueSmall() {
    // n flows of distinct sizes share one link from t = 0. Each finish raises the others' rates,
    // so their n − k completions move (cancel + schedule): n²/2 = 500,000 cancellations in all,
    // each leaving an entry filed until the clock reaches it, as it did before purging. The queue
    // purges cancelled entries once they outnumber both the pending events and 4,096, so it files
    // at most 2 × pending + 4,096 ≤ 2 × (n + 2) + 4,096 = 6,100 entries (n completions, a
    // recompute and the event being handled at most).
    let n = 1_000
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    topology.addLink(
      name: "ab", between: a, and: b, latency: .milliseconds(1),
      bandwidth: .megabytesPerSecond(1))
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: topology, streams: simulation.streams)
    var mostFiled = 0
    var delivered = 0
    var lastFinish = SimInstant.zero
    for i in 0..<n {
      network.send(
        from: a, to: b, size: .bytes(1_000 + Int64(i)), kind: "m", in: simulation
      ) { sim in
        mostFiled = max(mostFiled, sim.filedEventCount)
        delivered += 1
        lastFinish = sim.now
      }
    }
    simulation.run()
    #expect(delivered == n)
    #expect(mostFiled <= 2 * (n + 2) + 4_096, "filed \(mostFiled) entries for \(n) flows")
    // All bytes through one 1 MB/s link: Σ (1,000 + i) = 1,000,000 + 499,500 B → 1.4995 s, after
    // 1 ms of latency; completions round up to the nanosecond, hence the slack.
    #expect(abs(lastFinish.nanosecondsSinceStart - 1_500_500_000) <= 1_000)
  }
}
