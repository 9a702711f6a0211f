import SimCore
import SimKernel
import Testing

@testable import Platform

/// Inputs that would put an instant past the clock's end (`Int64.max` ns, about 292 years): the
/// network must neither trap nor deliver, and the run must stop at the clock's end with work still
/// pending, which runners report.
struct FlowNetworkClockTests {
  /// a — b, one link.
  private func pair(latency: SimDuration, bandwidth: BitRate) -> Topology {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    topology.addLink(name: "ab", between: a, and: b, latency: latency, bandwidth: bandwidth)
    return topology
  }

  @Test func arrivalBeyondTheClockStopsTheRunInsteadOfTrapping() {
    // Latency Int64.max − 5 ns, sent at 10 ns: the latency ends at Int64.max + 5, which the old
    // `schedule(after:)` overflowed on.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(
      topology: pair(latency: .nanoseconds(.max - 5), bandwidth: .megabitsPerSecond(1)),
      streams: simulation.streams)
    var delivered = false
    simulation.schedule(at: SimInstant(nanosecondsSinceStart: 10)) { sim in
      network.send(from: NodeID(0), to: NodeID(1), size: .bytes(1), kind: "m", in: sim) { _ in
        delivered = true
      }
    }
    simulation.run()
    #expect(!delivered)
    #expect(network.flowsBeyondClock == 1 && network.activeFlowCount == 1)
    #expect(simulation.now == FlowNetwork.lastInstant)
    #expect(simulation.pendingEventCount == 1)  // the end-of-time event, filed again
  }

  @Test func completionBeyondTheClockStopsTheRunInsteadOfTrapping() {
    // 2⁶² bytes at 1 Mbps (125,000 B/s) take 3.7e13 s, a million years: past the clock, where
    // `SimDuration(seconds:)` used to trap.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(
      topology: pair(latency: .milliseconds(1), bandwidth: .megabitsPerSecond(1)),
      streams: simulation.streams)
    var delivered = false
    network.send(
      from: NodeID(0), to: NodeID(1), size: .bytes(1 << 62), kind: "m", in: simulation
    ) { _ in delivered = true }
    simulation.run()
    #expect(!delivered)
    #expect(network.flowsBeyondClock == 1)
    #expect(simulation.now == FlowNetwork.lastInstant && simulation.pendingEventCount == 1)
  }

  @Test func aCompletionBackWithinTheClockCancelsTheEndOfTime() {
    // 1 Mbps = 125,000 B/s. B carries 200 years of bytes at the full rate (200 × 31,536,000 s ×
    // 125,000 B/s = 788,400,000,000,000 B); sharing with A it gets half, 400 years: beyond the
    // clock. A's 250,000 B at 62,500 B/s finish 4 s after both start (1 ms): then B has the whole
    // link, its completion comes back to about 200 years, and the end-of-time event goes away.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(
      topology: pair(latency: .milliseconds(1), bandwidth: .megabitsPerSecond(1)),
      streams: simulation.streams)
    var finished: [Int64] = []
    let big: Int64 = 200 * 31_536_000 * 125_000
    for bytes in [250_000, big] {
      network.send(
        from: NodeID(0), to: NodeID(1), size: .bytes(bytes), kind: "m", in: simulation
      ) { sim in finished.append(sim.now.nanosecondsSinceStart) }
    }
    simulation.run(until: SimInstant(nanosecondsSinceStart: 1_000_000))  // both sharing
    #expect(network.flowsBeyondClock == 1)
    simulation.run()
    #expect(network.flowsBeyondClock == 0 && simulation.pendingEventCount == 0)
    // A: 1 ms + 4 s. B: by then 250,000 B sent, the rest at 125,000 B/s: 200 years − 2 s after.
    #expect(finished.first == 4_001_000_000)
    let expectedB = 4_001_000_000 + (big - 250_000) / 125_000 * 1_000_000_000
    #expect(finished.count == 2 && abs(finished[1] - expectedB) <= 10_000)  // 1 ulp ≈ 1 µs here
  }

  @Test func aRateUpdateGridBeyondTheClockStopsTheRunInsteadOfTrapping() {
    // `rateUpdate: 9223372036854775807ns`: the flow starts sharing at 1 ms, and the next grid
    // instant is the clock's last; the old network solved there and overflowed scheduling the
    // completion.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(
      topology: pair(latency: .milliseconds(1), bandwidth: .megabitsPerSecond(1)),
      rateUpdate: .batched(interval: .nanoseconds(.max)), streams: simulation.streams)
    var delivered = false
    network.send(from: NodeID(0), to: NodeID(1), size: .bytes(1_000), kind: "m", in: simulation) {
      _ in delivered = true
    }
    simulation.run()
    #expect(!delivered)
    #expect(simulation.now == FlowNetwork.lastInstant && simulation.pendingEventCount == 1)
  }
}
