import SimCore
import SimKernel
import Testing

@testable import Platform

/// Keeps the library example of README.md true.
struct ReadmeExampleTests {
  @Test func offloadRoundTripFinishesWhenTheReadmeSays() {
    var topology = Topology()
    let phone = topology.addNode(name: "phone", roles: [.client], profile: .smartphone)
    let edge = topology.addNode(name: "mec", roles: [.edge], profile: .edgeServer, cores: 4)
    topology.addLink(
      name: "5g", between: edge, and: phone, latency: .milliseconds(4),
      bandwidth: .megabitsPerSecond(200), reverseBandwidth: .megabitsPerSecond(50))
    let simulation = Simulation(streams: RandomStreams(seed: 7))
    let network = FlowNetwork(topology: topology, sharing: .cm02, streams: simulation.streams)
    let compute = ComputeCluster(topology: topology)
    var done: SimInstant?
    network.send(from: phone, to: edge, size: .megabytes(2), kind: "features", in: simulation) {
      sim in
      compute.submit(.flops(5_000_000_000), on: edge, label: "infer", in: sim) { sim in
        network.send(from: edge, to: phone, size: .kilobytes(4), kind: "result", in: sim) { sim in
          done = sim.now
        }
      }
    }
    simulation.run()
    // Upload phone→mec is the link's reverse direction, 50 Mbit/s: 4 ms + 2 MB × 8 / 50e6 = 0.324 s;
    // 5 GFLOP at 40 GFLOP/s = 0.125 s; reply at 200 Mbit/s: 4 ms + 32,000 bits / 2e8 = 4.16 ms.
    #expect(done?.nanosecondsSinceStart == 453_160_000)
  }
}
