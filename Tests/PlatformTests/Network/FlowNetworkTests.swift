import SimCore
import SimKernel
import Testing

@testable import Platform

struct FlowNetworkTests {
  /// h1 — r — h3 and h2 — r, every link 10 MB/s; latencies as given.
  private func threeHosts(latencyH1: Int64 = 10, latencyH2: Int64 = 10, latencyH3: Int64 = 10)
    -> Topology
  {
    var topology = Topology()
    let h1 = topology.addNode(name: "h1", roles: [], profile: .edgeServer)
    let h2 = topology.addNode(name: "h2", roles: [], profile: .edgeServer)
    let h3 = topology.addNode(name: "h3", roles: [], profile: .edgeServer)
    let r = topology.addNode(name: "r", roles: [.router], profile: .edgeServer)
    let rate = BitRate.megabytesPerSecond(10)
    topology.addLink(
      name: "l1", between: h1, and: r, latency: .milliseconds(latencyH1), bandwidth: rate)
    topology.addLink(
      name: "l2", between: h2, and: r, latency: .milliseconds(latencyH2), bandwidth: rate)
    topology.addLink(
      name: "l3", between: r, and: h3, latency: .milliseconds(latencyH3), bandwidth: rate)
    return topology
  }

  private func finishTimes(
    _ topology: Topology, sharing: SharingPolicy, sends: [(from: Int, start: Int64, bytes: Int64)]
  ) -> [Int64] {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: topology, sharing: sharing, streams: simulation.streams)
    var finished = [Int64](repeating: -1, count: sends.count)
    for (i, send) in sends.enumerated() {
      simulation.schedule(at: SimInstant(nanosecondsSinceStart: send.start)) { sim in
        network.send(
          from: NodeID(send.from), to: NodeID(2), size: ByteCount(bytes: send.bytes), kind: "test",
          in: sim
        ) { sim in finished[i] = sim.now.nanosecondsSinceStart }
      }
    }
    simulation.run()
    return finished
  }

  @Test(arguments: SharingPolicy.allCases)
  func twoFlowsOnASharedLinkFinishAtTwoPointZeroTwoSeconds(sharing: SharingPolicy) {
    // The example and SimGrid's CM02 (cross-traffic off) result: 20 ms of latency, then
    // 10 MB each at 5 MB/s = 2 s → 2.02 s. Equal latencies make CM02 and max-min agree.
    let times = finishTimes(
      threeHosts(), sharing: sharing, sends: [(0, 0, 10_000_000), (1, 0, 10_000_000)])
    #expect(times == [2_020_000_000, 2_020_000_000])
  }

  @Test func cm02SharesInInverseProportionToRouteLatency() {
    // A: h1→h3 over 10+10 ms, B: h2→h3 over 30+10 ms. A alone from 20 to 40 ms sends 0.2 MB.
    // Then weights 1/0.02 : 1/0.04 = 2 : 1 → A 20/3 MB/s, B 10/3 MB/s. A's 9.8 MB take 1.47 s →
    // 1.51 s. B has sent 4.9 MB by then; its last 5.1 MB at 10 MB/s take 0.51 s → 2.02 s.
    let times = finishTimes(
      threeHosts(latencyH2: 30), sharing: .cm02, sends: [(0, 0, 10_000_000), (1, 0, 10_000_000)])
    #expect(abs(times[0] - 1_510_000_000) <= 2)
    #expect(abs(times[1] - 2_020_000_000) <= 2)
  }

  @Test func maxMinIgnoresLatencyWhenSharing() {
    // As above with equal shares: A's 9.8 MB at 5 MB/s → 2.00 s; B's last 0.2 MB at 10 → 2.02 s.
    let times = finishTimes(
      threeHosts(latencyH2: 30), sharing: .maxMin, sends: [(0, 0, 10_000_000), (1, 0, 10_000_000)])
    #expect(times == [2_000_000_000, 2_020_000_000])
  }

  @Test func flowArrivingMidTransferSlowsTheFirst() {
    // A starts at 0 (sharing from 20 ms), B at 0.51 s (sharing from 0.53 s). By 0.53 s A has sent
    // 5.1 MB; at 5 MB/s each A's 4.9 MB take 0.98 s → 1.51 s; B has then 5.1 MB left at 10 MB/s
    // → 0.51 s → 2.02 s.
    let times = finishTimes(
      threeHosts(), sharing: .cm02, sends: [(0, 0, 10_000_000), (1, 510_000_000, 10_000_000)])
    #expect(abs(times[0] - 1_510_000_000) <= 2)
    #expect(abs(times[1] - 2_020_000_000) <= 2)
  }

  @Test func emptyMessageTakesOnlyTheRouteLatency() {
    let times = finishTimes(threeHosts(), sharing: .cm02, sends: [(0, 0, 0)])
    #expect(times == [20_000_000])
  }

  @Test func bytesAreCountedOnEveryChannelCrossed() {
    let topology = threeHosts()
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: topology, streams: simulation.streams)
    network.send(from: NodeID(0), to: NodeID(2), size: 1_000, kind: "x", in: simulation) { _ in }
    network.send(from: NodeID(2), to: NodeID(1), size: 300, kind: "y", in: simulation) { _ in }
    simulation.run()
    // l1 a→b (h1→r) and l3 a→b (r→h3) carry 1,000; l3 b→a and l2 b→a carry 300.
    #expect(network.channelBytes == [1_000, 0, 0, 300, 1_000, 300])
    #expect(
      network.records.map(\.kind) == ["y", "x"] || network.records.map(\.kind) == ["x", "y"])
  }

  @Test func lossyLinkReportsLossInsteadOfDelivery() {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    topology.addLink(
      name: "ab", between: a, and: b, latency: .milliseconds(1), bandwidth: .megabitsPerSecond(100),
      lossRate: 0.5)
    let simulation = Simulation(streams: RandomStreams(seed: 3))
    let network = FlowNetwork(topology: topology, streams: simulation.streams)
    var delivered = 0
    var lost = 0
    for _ in 0..<1_000 {
      network.send(
        from: a, to: b, size: 100, kind: "m", in: simulation, onDelivery: { _ in delivered += 1 },
        onLoss: { _ in lost += 1 })
    }
    simulation.run()
    // Binomial(1000, 0.5): sd ≈ 15.8; ±5 sd.
    #expect(delivered + lost == 1_000)
    #expect(abs(lost - 500) < 80)
  }
}
