import SimCore
import SimKernel
import Testing

@testable import Platform

/// The network drops the flows that have ended from its tables, so that its memory follows the
/// messages in flight, not every message ever sent; ids, timings and bytes do not change.
struct FlowNetworkCompactionTests {
  /// a — b over one 10 MB/s link of 1 ms.
  private func pair() -> Topology {
    var topology = Topology()
    let a = topology.addNode(name: "a", roles: [], profile: .edgeServer)
    let b = topology.addNode(name: "b", roles: [], profile: .edgeServer)
    topology.addLink(
      name: "ab", between: a, and: b, latency: .milliseconds(1),
      bandwidth: .megabytesPerSecond(10))
    return topology
  }

  @Test func aLongChainOfMessagesKeepsTheTablesSmallAndTheIdsAndTimesExact() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let network = FlowNetwork(topology: pair(), streams: simulation.streams)
    var largestTable = 0
    // 10,000 messages of 10 kB, each sent when the previous one arrives, two at a time (a
    // second one always in flight beside it): by hand, each takes 1 ms of latency, then the
    // two share 10 MB/s (5 MB/s each), so 10 kB take 2 ms: 3 ms a message.
    var sent = 0
    func sendNext(_ simulation: Simulation) {
      guard sent < 10_000 else { return }
      sent += 1
      largestTable = max(largestTable, network.flows.count)
      network.send(from: NodeID(0), to: NodeID(1), size: 10_000, kind: "m", in: simulation) {
        sendNext($0)
      }
    }
    sendNext(simulation)
    sendNext(simulation)
    simulation.run()
    #expect(network.records.count == 10_000)
    // The flow column is the send order, 0 to 9,999, whatever was dropped.
    #expect(network.records.map(\.flow.index).sorted() == Array(0..<10_000))
    #expect(network.records.allSatisfy { $0.finish - $0.start == .milliseconds(3) })
    // At most 2,048 positions: the table is cut when 1,024 ended flows make half of it.
    #expect(largestTable <= 2_048)
    #expect(network.flowBase > 0)
    #expect(network.routeChannels.count == network.flows.count)
  }
}
