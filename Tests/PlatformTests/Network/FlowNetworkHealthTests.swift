import SimCore
import SimKernel
import Testing

@testable import Platform

/// Nodes and links going down and up, and loss windows, on the flow-level network. Every expected
/// number is derived by hand in the comment above it.
struct FlowNetworkHealthTests {
  /// h1 — r — h3 and h2 — r (nodes 0, 1, 2, 3; links l1, l2, l3), every link 10 MB/s.
  private func threeHosts(latencyH2: Int64 = 10) -> Topology {
    var topology = Topology()
    let h1 = topology.addNode(name: "h1", roles: [], profile: .edgeServer)
    let h2 = topology.addNode(name: "h2", roles: [], profile: .edgeServer)
    let h3 = topology.addNode(name: "h3", roles: [], profile: .edgeServer)
    let r = topology.addNode(name: "r", roles: [.router], profile: .edgeServer)
    let rate = BitRate.megabytesPerSecond(10)
    topology.addLink(name: "l1", between: h1, and: r, latency: .milliseconds(10), bandwidth: rate)
    topology.addLink(
      name: "l2", between: h2, and: r, latency: .milliseconds(latencyH2), bandwidth: rate)
    topology.addLink(name: "l3", between: r, and: h3, latency: .milliseconds(10), bandwidth: rate)
    return topology
  }

  /// a — b over one link of `latency`, 1 MB/s, with the given loss rate.
  private func pair(latency: SimDuration = .milliseconds(1), lossRate: Double = 0) -> Topology {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    topology.addLink(
      name: "ab", between: a, and: b, latency: latency, bandwidth: .megabitsPerSecond(8),
      lossRate: lossRate)
    return topology
  }

  /// Nodes a, b, c; ab 5 ms, ac 3 ms, cb 4 ms, each 10 MB/s: a→b goes direct (5 < 3 + 4 ms).
  private func triangle() -> Topology {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    let c = topology.addNode(name: "c", roles: [], profile: .edgeServer)
    let rate = BitRate.megabytesPerSecond(10)
    topology.addLink(name: "ab", between: a, and: b, latency: .milliseconds(5), bandwidth: rate)
    topology.addLink(name: "ac", between: a, and: c, latency: .milliseconds(3), bandwidth: rate)
    topology.addLink(name: "cb", between: c, and: b, latency: .milliseconds(4), bandwidth: rate)
    return topology
  }

  private static func at(_ milliseconds: Int64) -> SimInstant {
    SimInstant(nanosecondsSinceStart: milliseconds * 1_000_000)
  }

  // MARK: - Nodes

  @Test func nodeCrashLosesItsFlowAndTheSharerSpeedsUp() {
    // A: h1→h3 over 10 + 10 ms, B: h2→h3 over 30 + 10 ms, 10 MB each, both sent at 0. A alone on
    // l3 from 20 to 40 ms sends 0.2 MB; then CM02 weights 1/0.02 : 1/0.04 = 2 : 1 give A 20/3 MB/s
    // and B 10/3 MB/s. h1 crashes at 0.64 s: A has sent 0.2 + 0.6 × 20/3 = 4.2 MB and is lost
    // there; B has sent 0.6 × 10/3 = 2 MB, and alone at 10 MB/s its last 8 MB take 0.8 s →
    // 1.44 s (it would have finished at 2.02 s without the crash).
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: threeHosts(latencyH2: 30), streams: simulation.streams)
    var lostAt: [Int64] = []
    var deliveredAt: [Int64] = []
    network.send(
      from: NodeID(0), to: NodeID(2), size: 10_000_000, kind: "A", in: simulation,
      onDelivery: { _ in Issue.record("A was delivered") },
      onLoss: { sim in lostAt.append(sim.now.nanosecondsSinceStart) })
    network.send(
      from: NodeID(1), to: NodeID(2), size: 10_000_000, kind: "B", in: simulation,
      onDelivery: { sim in deliveredAt.append(sim.now.nanosecondsSinceStart) }, onLoss: nil)
    simulation.schedule(at: Self.at(640)) { sim in
      network.setNode(NodeID(0), up: false, in: sim)
      // onLoss runs from its own event, never inside `setNode`.
      #expect(lostAt.isEmpty)
      #expect(network.activeFlowCount == 1)
    }
    simulation.run()
    #expect(lostAt == [640_000_000])
    #expect(deliveredAt.count == 1)
    #expect(abs(deliveredAt[0] - 1_440_000_000) <= 2)
    #expect(network.records.map(\.kind) == ["A", "B"])
    let a = network.records[0]
    #expect(a.isLost && a.finish == Self.at(640) && a.start == .zero && a.hops == 2)
    #expect(!network.records[1].isLost)
    // A's channels (l1 h1→r = 0, l3 r→h3 = 4) count the 4.2 MB it got through; B's all 10 MB.
    #expect(abs(network.channelBytes[0] - 4_200_000) <= 1)
    #expect(abs(network.channelBytes[4] - 14_200_000) <= 1)
    #expect(network.channelBytes[2] == 10_000_000)
    #expect(network.activeFlowCount == 0)
  }

  @Test func crashOfATransitNodeLosesEveryFlowThroughItInFlowOrder() {
    // Both flows cross r; r crashes at 0.5 s, while both share l3: both lost then, A before B.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: threeHosts(), streams: simulation.streams)
    var lost: [String] = []
    for (source, kind) in [(0, "A"), (1, "B")] {
      network.send(
        from: NodeID(source), to: NodeID(2), size: 10_000_000, kind: kind, in: simulation,
        onDelivery: { _ in Issue.record("\(kind) was delivered") },
        onLoss: { _ in lost.append(kind) })
    }
    simulation.schedule(at: Self.at(500)) { sim in network.setNode(NodeID(3), up: false, in: sim) }
    simulation.run()
    #expect(lost == ["A", "B"])
    #expect(network.records.map(\.finish) == [Self.at(500), Self.at(500)])
    #expect(network.records.allSatisfy { $0.isLost })
    #expect(!network.isUp(NodeID(3)) && network.isUp(NodeID(0)))
  }

  @Test func sendingToOrFromADownNodeIsLostAtOnceAndDeliveredAfterRecovery() {
    // 1,000 B over 1 ms at 1 MB/s: 1 ms of latency then 1 ms of transmission. b is down from 0 to
    // 10 ms: the sends at 0 (to b and from b) are lost at 0 with no hops; the one at 10 ms, after
    // b is back, arrives at 10 + 1 + 1 = 12 ms.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: pair(), streams: simulation.streams)
    let (a, b) = (NodeID(0), NodeID(1))
    var events: [String] = []
    network.setNode(b, up: false, in: simulation)
    let first = network.send(
      from: a, to: b, size: 1_000, kind: "to", in: simulation,
      onDelivery: { _ in events.append("delivered early") },
      onLoss: { sim in events.append("lost to at \(sim.now.nanosecondsSinceStart)") })
    // The loss is reported from an event, never inside `send`.
    #expect(events.isEmpty)
    network.send(
      from: b, to: a, size: 1_000, kind: "from", in: simulation,
      onDelivery: { _ in events.append("delivered early") },
      onLoss: { sim in events.append("lost from at \(sim.now.nanosecondsSinceStart)") })
    #expect(network.records.count == 2 && network.activeFlowCount == 0)
    simulation.schedule(at: Self.at(10)) { sim in
      network.setNode(b, up: true, in: sim)
      network.send(
        from: a, to: b, size: 1_000, kind: "again", in: sim,
        onDelivery: { sim in events.append("delivered at \(sim.now.nanosecondsSinceStart)") },
        onLoss: { _ in events.append("lost again") })
    }
    simulation.run()
    #expect(events == ["lost to at 0", "lost from at 0", "delivered at 12000000"])
    let lost = network.records[0]
    #expect(lost.flow == first && lost.isLost && lost.hops == 0)
    #expect(lost.start == .zero && lost.finish == .zero)
    #expect(network.records[2].finish == Self.at(12) && !network.records[2].isLost)
    #expect(network.channelBytes == [1_000, 0])
  }

  @Test func flowLostBeforeItStartsSharingLeavesNothingBehind() {
    // A 1 s link: the message sent at 0 would start sharing at 1 s. b goes down at 10 ms: the
    // message is lost there having carried nothing, and its start of sharing is cancelled, so the
    // run ends at 10 ms rather than idling on to 1 s.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: pair(latency: .seconds(1)), streams: simulation.streams)
    var lostAt: [SimInstant] = []
    network.send(
      from: NodeID(0), to: NodeID(1), size: 1_000, kind: "m", in: simulation,
      onDelivery: { _ in Issue.record("delivered") }, onLoss: { sim in lostAt.append(sim.now) })
    simulation.schedule(at: Self.at(10)) { sim in network.setNode(NodeID(1), up: false, in: sim) }
    simulation.run()
    #expect(lostAt == [Self.at(10)])
    #expect(simulation.now == Self.at(10) && simulation.pendingEventCount == 0)
    #expect(network.channelBytes == [0, 0])
    #expect(network.records.map(\.finish) == [Self.at(10)])
  }

  // MARK: - Links

  @Test func linkDownLosesTheFlowCrossingItAndReroutesNewSends() {
    // X: 1 MB a→b at 0 goes direct: sharing from 5 ms at 10 MB/s, due at 105 ms. ab goes down at
    // 50 ms: X is lost there, having sent 45 ms × 10 MB/s = 450 kB. Y, sent at 50 ms, takes
    // a→c→b: 3 + 4 = 7 ms of latency, then 0.1 s → 157 ms, over two hops. After ab is back (at
    // 200 ms), Z goes direct again: 200 + 5 + 100 = 305 ms.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: triangle(), streams: simulation.streams)
    let (a, b, ab) = (NodeID(0), NodeID(1), LinkID(0))
    var events: [String] = []
    func send(_ kind: String, in sim: Simulation) {
      network.send(
        from: a, to: b, size: 1_000_000, kind: kind, in: sim,
        onDelivery: { sim in events.append("\(kind) at \(sim.now.nanosecondsSinceStart)") },
        onLoss: { sim in events.append("\(kind) lost at \(sim.now.nanosecondsSinceStart)") })
    }
    send("X", in: simulation)
    simulation.schedule(at: Self.at(50)) { sim in
      network.setLink(ab, up: false, in: sim)
      #expect(!network.isUp(ab))
      let detour = network.route(from: a, to: b)
      #expect(detour?.channels.map(\.link.index) == [1, 2])
      #expect(detour?.latency == .milliseconds(7))
      send("Y", in: sim)
    }
    simulation.schedule(at: Self.at(200)) { sim in
      network.setLink(ab, up: true, in: sim)
      send("Z", in: sim)
    }
    simulation.run()
    #expect(events == ["X lost at 50000000", "Y at 157000000", "Z at 305000000"])
    #expect(network.records.map(\.hops) == [1, 2, 1])
    #expect(abs(network.channelBytes[0] - 1_450_000) <= 1)  // ab a→b: X's 450 kB, then Z's 1 MB
    #expect(network.channelBytes[2] == 1_000_000 && network.channelBytes[4] == 1_000_000)
  }

  @Test func noRouteLeftIsLostAtOnce() {
    // The only link is down: a send is lost at once, not a crash and not a hang.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: pair(), streams: simulation.streams)
    network.setLink(LinkID(0), up: false, in: simulation)
    #expect(network.route(from: NodeID(0), to: NodeID(1)) == nil)
    var lostAt: [SimInstant] = []
    simulation.schedule(at: Self.at(3)) { sim in
      network.send(
        from: NodeID(0), to: NodeID(1), size: 1_000, kind: "m", in: sim,
        onDelivery: { _ in Issue.record("delivered without a route") },
        onLoss: { sim in lostAt.append(sim.now) })
    }
    simulation.run()
    #expect(lostAt == [Self.at(3)])
    #expect(network.records.count == 1 && network.records[0].isLost)
    #expect(network.records[0].hops == 0 && network.records[0].finish == Self.at(3))
  }

  // MARK: - Loss windows

  @Test func lossWindowOfOneLosesEveryMessageSentInIt() {
    // 1,000 B each: 1 ms latency + 1 ms transmission. The window (rate 1) is open from 0 to 12 ms:
    // the messages sent at 0, 5 and 10 ms are lost, each when its last byte would have arrived
    // (2, 7, 12 ms: a lost message uses its bandwidth); those sent at 15 and 20 ms, after the
    // window, arrive at 17 and 22 ms.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: pair(), streams: simulation.streams)
    let link = LinkID(0)
    network.setLossRate(1, on: link, in: simulation)
    #expect(network.lossRate(of: link) == 1)
    for milliseconds: Int64 in [0, 5, 10, 15, 20] {
      simulation.schedule(at: Self.at(milliseconds)) { sim in
        network.send(
          from: NodeID(0), to: NodeID(1), size: 1_000, kind: "m", in: sim, onDelivery: { _ in },
          onLoss: { _ in })
      }
    }
    simulation.schedule(at: Self.at(12)) { sim in network.resetLossRate(on: link, in: sim) }
    simulation.run()
    #expect(network.records.map(\.isLost) == [true, true, true, false, false])
    #expect(network.records.map(\.finish) == [2, 7, 12, 17, 22].map(Self.at))
    #expect(network.lossRate(of: link) == 0)
  }

  @Test func windowsOpenedAndClosedBeforeSendingDrawAsWithoutThem() {
    // The window changes only the rate compared with; the draws come from the same per-link
    // stream, so closing it before any send leaves every fate as in a run without it.
    func fates(window: Bool) -> [Bool] {
      let simulation = Simulation(streams: RandomStreams(seed: 9))
      let network = FlowNetwork(topology: pair(lossRate: 0.3), streams: simulation.streams)
      if window {
        network.setLossRate(0.9, on: LinkID(0), in: simulation)
        network.setLossRate(nil, on: LinkID(0), in: simulation)
      }
      for _ in 0..<200 {
        network.send(
          from: NodeID(0), to: NodeID(1), size: 10, kind: "m", in: simulation, onDelivery: { _ in },
          onLoss: { _ in })
      }
      simulation.run()
      return network.records.sorted { $0.flow < $1.flow }.map(\.isLost)
    }
    let plain = fates(window: false)
    #expect(plain.contains(true) && plain.contains(false))
    #expect(fates(window: true) == plain)
  }

  // MARK: - Nothing changes without faults

  @Test func settingTheStateANodeOrLinkHasChangesNothing() {
    // The same sends, once plainly and once with `up: true` of nodes and links that are up, a
    // loss window closed at once, and a down–up cycle of an idle node before any traffic:
    // identical records and byte counts, and no tree dropped by the no-ops.
    func run(touching: Bool) -> ([TransferRecord], [Int64], Int) {
      let simulation = Simulation(streams: RandomStreams(seed: 4))
      let network = FlowNetwork(topology: threeHosts(latencyH2: 30), streams: simulation.streams)
      if touching {
        network.setNode(NodeID(2), up: false, in: simulation)
        network.setNode(NodeID(2), up: true, in: simulation)
      }
      for (i, source) in [0, 1, 0, 1].enumerated() {
        simulation.schedule(at: Self.at(Int64(i) * 300)) { sim in
          network.send(
            from: NodeID(source), to: NodeID(2), size: 5_000_000, kind: "m\(i)", in: sim,
            onDelivery: { _ in }, onLoss: nil)
          if touching {
            let trees = network.router.treeCount
            network.setNode(NodeID(source), up: true, in: sim)
            network.setNode(NodeID(3), up: true, in: sim)
            network.setLink(LinkID(2), up: true, in: sim)
            network.setLossRate(nil, on: LinkID(0), in: sim)
            #expect(network.router.treeCount == trees)
          }
        }
      }
      simulation.run()
      return (network.records, network.channelBytes, simulation.pendingEventCount)
    }
    let plain = run(touching: false)
    let touched = run(touching: true)
    #expect(touched.0 == plain.0)
    #expect(touched.1 == plain.1)
    #expect(touched.2 == plain.2)
  }
}
