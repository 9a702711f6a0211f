import Ledger
import SimCore
import SimKernel
import Testing

struct MappedAdapterTests {
  private final class RecordingTransport: MessageTransport {
    var sends: [(NodeID, NodeID, String)] = []
    func send(
      from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
      in simulation: Simulation, onLoss: Simulation.Action?,
      onDelivery: @escaping Simulation.Action
    ) {
      sends.append((source, destination, kind))
      simulation.schedule(after: .milliseconds(1), onDelivery)
    }
  }

  @Test func transportAndComputeTranslateLocalValidatorsToPlatformNodes() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let nodes = [NodeID(7), NodeID(3), NodeID(12)]
    let base = RecordingTransport()
    let transport = MappedTransport(base: base, nodes: nodes)
    var delivered = false
    transport.send(from: NodeID(0), to: NodeID(2), size: .bytes(10), kind: "block", in: simulation)
    { _ in delivered = true }
    let cluster = FixedDelayCompute(delays: ["validate-block": .milliseconds(2)])
    let compute = MappedCompute(base: cluster, nodes: nodes)
    compute.submit(.zero, on: NodeID(1), label: "validate-block", in: simulation) { _ in }
    simulation.run()
    #expect(base.sends.map { [$0.0, $0.1] } == [[NodeID(7), NodeID(12)]])
    #expect(delivered)
    #expect(cluster.tasks.map(\.node) == [NodeID(3)])
  }
}
