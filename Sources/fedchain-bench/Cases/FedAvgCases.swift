import Scenario
import SimCore

/// End-to-end runs: the FedAvg skeleton (scheduling, network and compute without real training)
/// and the default paired scenario (real training, on a chain and off).
func fedAvgBenchmarkCases() -> [BenchmarkCase] {
  [
    BenchmarkCase(
      name: "compare.default",
      summary:
        "the embedded default scenario paired: 20 rounds of cnn:digits under FedAvg and on a PoA chain",
      repetitions: 3, workPerRun: 1, unit: "pairs",
      prepare: {
        {
          do {
            let output = try Experiment.compare(try DefaultScenario.load())
            return checksumMix(
              UInt64(output.summary.totalTime.nanoseconds), UInt64(output.summary.events))
          } catch {
            preconditionFailure("compare.default: \(error)")
          }
        }
      }),
    BenchmarkCase(
      name: "compare.edgeTree.1000clients.offchain",
      summary:
        "placeholder 2NN-sized updates, 1,000 clients under 20 edges, C = 0.1, 20 rounds, paired with a 4-validator PoA chain, payloads off chain",
      repetitions: 1, workPerRun: 1, unit: "pairs",
      prepare: {
        let text = """
          {"name": "bench-chain", "seed": 1,
           "topology": {"generator": "edge-tree", "clients": 1000, "edges": 20, "validators": 4},
           "workload": {"kind": "fedavg", "rounds": 20, "fraction": 0.1, "deadline": "60s",
             "training": {"kind": "placeholder", "parameters": 199210, "samplesPerClient": 600},
             "chain": {"consensus": "poa", "payloads": "off-chain", "storage": "cloud"}}}
          """
        return {
          do {
            let output = try Experiment.compare(try ScenarioDecoder.decode(text, file: "bench"))
            return checksumMix(
              UInt64(output.summary.totalTime.nanoseconds), UInt64(output.summary.events))
          } catch {
            preconditionFailure("compare.edgeTree: \(error)")
          }
        }
      }),
    BenchmarkCase(
      name: "fedavg.skeleton.1000clients.100rounds",
      summary: "placeholder FedAvg, 1,000 clients under 20 edges, C = 0.1, 100 rounds, end to end",
      repetitions: 3, workPerRun: 1, unit: "runs",
      prepare: {
        let text = FedAvgSkeleton.scenario(clients: 1_000, edges: 20, rounds: 100)
        return {
          do {
            let output = try Experiment.run(try ScenarioDecoder.decode(text, file: "bench"))
            return checksumMix(
              UInt64(output.summary.totalTime.nanoseconds), UInt64(output.summary.events))
          } catch {
            preconditionFailure("fedavg.skeleton: \(error)")
          }
        }
      }),
  ]
}

enum FedAvgSkeleton {
  /// A two-tier scenario text: `clients` clients spread over `edges` edge servers under a cloud.
  static func scenario(clients: Int, edges: Int, rounds: Int) -> String {
    var nodes = [#"{"id": "cloud", "roles": ["server"], "cores": 16}"#]
    var links: [String] = []
    for e in 0..<edges {
      nodes.append(#"{"id": "e\#(e)", "roles": ["edge"], "cores": 8}"#)
      links.append(
        #"{"id": "b\#(e)", "between": ["cloud", "e\#(e)"], "latency": "20ms", "bandwidth": "1Gbps"}"#
      )
    }
    for c in 0..<clients {
      nodes.append(
        #"{"id": "c\#(c)", "roles": ["client"], "profile": "\#(c % 2 == 0 ? "iot-device" : "smartphone")"}"#
      )
      links.append(
        #"{"id": "a\#(c)", "between": ["e\#(c % edges)", "c\#(c)"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"}"#
      )
    }
    return """
      {"name": "skeleton", "seed": 1,
       "topology": {"nodes": [\(nodes.joined(separator: ","))], "links": [\(links.joined(separator: ","))]},
       "workload": {"kind": "fedavg", "server": "cloud", "rounds": \(rounds), "fraction": 0.1,
                    "training": {"kind": "placeholder", "parameters": 199210, "samplesPerClient": 600}}}
      """
  }
}
