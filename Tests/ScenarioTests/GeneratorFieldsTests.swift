import Platform
import Testing
import Traces

@testable import Scenario

/// The generators' cores, loss and storage fields (issue #13, §5): they reach the topology, they
/// leave it byte for byte as it was when absent or at their defaults, and a bad value is an error
/// at its own path.
struct GeneratorFieldsTests {
  private static let transfer =
    #""workload": {"kind": "transfers", "transfers": [{"id": "x", "from": "c0", "to": "cloud", "bytes": 1000}]}"#

  private func topology(_ fields: String) throws -> Topology {
    try ScenarioDecoder.decode(#"{"topology": {\#(fields)}, \#(Self.transfer)}"#, file: "g.json")
      .topology
  }

  @Test func edgeTreeFieldsReachTheTopology() throws {
    let topology = try topology(
      #""generator": "edge-tree", "clients": 4, "edges": 2, "validators": 2, "clientCores": 2, "#
        + #""edgeCores": 4, "cloudCores": 16, "validatorCores": 8, "accessLoss": 0.1, "#
        + #""backhaulLoss": 0.01, "attachmentLoss": 0.001, "validatorLoss": 0.0001, "#
        + #""storage": true, "storageLatency": "2ms", "storageBandwidth": "40Gbps""#)
    #expect(topology.node(named: "c3")?.cores == 2 && topology.node(named: "e1")?.cores == 4)
    #expect(topology.node(named: "cloud")?.cores == 16 && topology.node(named: "v1")?.cores == 8)
    #expect(topology.link(named: "e0-c0")?.lossRate == 0.1)
    #expect(topology.link(named: "cloud-e0")?.lossRate == 0.01)
    #expect(topology.link(named: "cloud-v0")?.lossRate == 0.001)
    #expect(topology.link(named: "v0-v1")?.lossRate == 0.0001)
    let storage = try #require(topology.link(named: "cloud-storage"))
    #expect(storage.latency == .milliseconds(2) && storage.bandwidthAToB == .gigabitsPerSecond(40))
    #expect(topology.nodes.last?.roles == [.storage])
  }

  @Test func storageNodeServesOffChainPayloadsWithoutBeingNamed() throws {
    // The chain infers its storage node from the one node with role `storage`.
    let text = """
      {"topology": {"generator": "edge-tree", "clients": 2, "edges": 1, "validators": 1,
                    "storage": true},
       "workload": {"kind": "fedavg", "rounds": 1,
                    "training": {"kind": "placeholder", "parameters": 100, "samplesPerClient": 10},
                    "chain": {"consensus": "poa", "payloads": "off-chain"}}}
      """
    let spec = try ScenarioDecoder.decode(text, file: "storage.json")
    guard case .fedavg(let fedavg) = spec.workload else { throw Unexpected.workload }
    #expect(fedavg.chain?.storage.map { spec.topology.nodes[$0.index].name } == "storage")
  }

  @Test func newFieldsAtTheirDefaultsLeaveTheTopologyByteForByte() throws {
    // Each generator, without the new fields and with each of them at its documented default.
    func same(_ base: String, _ defaults: String, from: String, to: String) throws -> Bool {
      func encoded(_ fields: String) throws -> String {
        let text = """
          {"topology": {\(fields)}, "workload": {"kind": "transfers", "transfers": [
            {"id": "x", "from": "\(from)", "to": "\(to)", "bytes": 1000}]}}
          """
        let topology = try ScenarioDecoder.decode(text, file: "g.json").topology
        return JSONWriter.write(TopologyEncoder.encode(topology))
      }
      return try encoded(base) == encoded(base + defaults)
    }
    #expect(
      try same(
        #""generator": "edge-tree", "validators": 3"#,
        #", "clientCores": 1, "edgeCores": 1, "cloudCores": 1, "validatorCores": 1, "#
          + #""accessLoss": 0, "backhaulLoss": 0, "attachmentLoss": 0, "validatorLoss": 0, "#
          + #""storage": false, "storageLatency": "1ms", "storageBandwidth": "10Gbps""#,
        from: "c0", to: "cloud"))
    #expect(
      try same(
        #""generator": "star", "leaves": 4"#, #", "hubCores": 1, "leafCores": 1, "loss": 0"#,
        from: "c0", to: "server"))
    #expect(
      try same(
        #""generator": "random-geometric", "nodes": 12, "radius": 0.4"#,
        #", "cores": 1, "loss": 0"#, from: "n0", to: "n1"))
  }

  @Test func aBadValueIsAnErrorAtItsPath() {
    #expect {
      try topology(#""generator": "edge-tree", "accessLoss": 1"#)
    } throws: { error in
      (error as? ScenarioError).map { "\($0)".contains("topology.accessLoss") } ?? false
    }
    #expect(
      throws: ScenarioError.wrongType(
        file: "g.json", line: 1, path: "topology.storage", found: "a string",
        expected: "true or false")
    ) {
      try topology(#""generator": "edge-tree", "storage": "yes""#)
    }
    #expect {
      try topology(#""generator": "star", "leafCores": 0"#)
    } throws: { error in
      (error as? ScenarioError).map { "\($0)".contains("topology.leafCores") } ?? false
    }
  }

  private enum Unexpected: Error { case workload }
}
