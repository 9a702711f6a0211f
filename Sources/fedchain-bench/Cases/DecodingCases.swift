import Scenario

/// Scenario decoding at the sizes the limits admit: every client's route to the chain is checked
/// by connected components, so decoding stays linear in the topology (issue #9: it used to build
/// a shortest-path tree per client and hang at 100,000 clients).
func decodingBenchmarkCases() -> [BenchmarkCase] {
  [
    BenchmarkCase(
      name: "decode.edgeTree.100000clients.chain",
      summary:
        "decode and validate an edge tree of 100,000 clients under 100 edges with a 4-validator PoA chain",
      repetitions: 3, workPerRun: 100_105, unit: "nodes",
      prepare: {
        let text = """
          {"topology": {"generator": "edge-tree", "clients": 100000, "edges": 100,
                        "validators": 4},
           "workload": {"kind": "fedavg", "training": {"kind": "placeholder"},
                        "chain": {"consensus": "poa"}}}
          """
        return {
          do {
            let spec = try ScenarioDecoder.decode(text, file: "bench")
            return UInt64(spec.topology.links.count)
          } catch {
            preconditionFailure("decode.edgeTree: \(error)")
          }
        }
      })
  ]
}
