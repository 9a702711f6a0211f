import Testing

@testable import Scenario

/// A generated topology carries what its parameters say (issue #9: the edge tree's validator
/// links never carried a byte, because gossip between validators took the cloud's links).
struct GeneratedChainTopologyTests {
  private func bcflTime(validatorBandwidth: String) throws -> Int64 {
    // Placeholder updates of 100,000 parameters (400,012 bytes on the wire) go on chain, so every
    // block that carries one crosses the validator mesh: at 1 Mbps that is 3.2 s a hop, at 1 Gbps
    // 3.2 ms.
    let text = """
      {"topology": {"generator": "edge-tree", "clients": 4, "edges": 2, "validators": 4,
                    "validatorBandwidth": "\(validatorBandwidth)"},
       "workload": {"kind": "fedavg", "rounds": 2, "fraction": 0.5,
                    "training": {"kind": "placeholder", "parameters": 100000,
                                 "samplesPerClient": 10},
                    "chain": {"consensus": "poa", "blockBytes": "4MB"}}}
      """
    let spec = try ScenarioDecoder.decode(text, file: "validators.json")
    return try Experiment.run(spec).summary.totalTime.nanoseconds
  }

  @Test func validatorBandwidthChangesTheBlockchainRunsTime() throws {
    let fast = try bcflTime(validatorBandwidth: "1Gbps")
    let slow = try bcflTime(validatorBandwidth: "1Mbps")
    #expect(slow > fast, "1 Mbps validator links: \(slow) ns; 1 Gbps: \(fast) ns")
  }
}
