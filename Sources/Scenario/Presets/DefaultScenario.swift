// swift-format-ignore-file
// Generated from scenarios/default.json (a test checks they match); formatted as that file is.
/// The scenario `fedchain` runs when given none. Its text is `scenarios/default.json`, embedded
/// here so the tool runs from any folder; a test checks the two stay identical.
public enum DefaultScenario {
  /// Decodes the embedded default scenario.
  public static func load() throws(ScenarioError) -> ScenarioSpec {
    try ScenarioDecoder.decode(text, file: "<default scenario>")
  }

  /// The scenario's JSON text.
  public static let text = #"""
{
  "name": "default",
  "description": "Blockchain FL against vanilla FedAvg on a two-tier edge network: 12 clients under 3 edge servers under a cloud server; the edge servers and the cloud are the validators of a proof-of-authority chain (a block a second) whose federation contract replaces the server. `fedchain compare` (or plain `fedchain`) runs both; `fedchain run` the chain alone.",
  "seed": 1,
  "sharing": "cm02",
  "topology": {
    "nodes": [
      {"id": "cloud", "roles": ["server", "validator"], "profile": "cloud-server", "cores": 8},
      {"id": "e0", "roles": ["edge", "validator"], "profile": "edge-server", "cores": 4},
      {"id": "e1", "roles": ["edge", "validator"], "profile": "edge-server", "cores": 4},
      {"id": "e2", "roles": ["edge", "validator"], "profile": "edge-server", "cores": 4},
      {"id": "c0", "roles": ["client"], "profile": "iot-device"},
      {"id": "c1", "roles": ["client"], "profile": "smartphone"},
      {"id": "c2", "roles": ["client"], "profile": "iot-device"},
      {"id": "c3", "roles": ["client"], "profile": "smartphone"},
      {"id": "c4", "roles": ["client"], "profile": "iot-device"},
      {"id": "c5", "roles": ["client"], "profile": "smartphone"},
      {"id": "c6", "roles": ["client"], "profile": "iot-device"},
      {"id": "c7", "roles": ["client"], "profile": "smartphone"},
      {"id": "c8", "roles": ["client"], "profile": "iot-device"},
      {"id": "c9", "roles": ["client"], "profile": "smartphone"},
      {"id": "c10", "roles": ["client"], "profile": "iot-device"},
      {"id": "c11", "roles": ["client"], "profile": "smartphone"}
    ],
    "links": [
      {"id": "e0-cloud", "between": ["e0", "cloud"], "latency": "20ms", "bandwidth": "1Gbps"},
      {"id": "e1-cloud", "between": ["e1", "cloud"], "latency": "20ms", "bandwidth": "1Gbps"},
      {"id": "e2-cloud", "between": ["e2", "cloud"], "latency": "20ms", "bandwidth": "1Gbps"},
      {"id": "e0-c0", "between": ["e0", "c0"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e1-c1", "between": ["e1", "c1"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e2-c2", "between": ["e2", "c2"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e0-c3", "between": ["e0", "c3"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e1-c4", "between": ["e1", "c4"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e2-c5", "between": ["e2", "c5"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e0-c6", "between": ["e0", "c6"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e1-c7", "between": ["e1", "c7"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e2-c8", "between": ["e2", "c8"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e0-c9", "between": ["e0", "c9"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e1-c10", "between": ["e1", "c10"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"},
      {"id": "e2-c11", "between": ["e2", "c11"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"}
    ]
  },
  "workload": {
    "kind": "fedavg",
    "server": "cloud",
    "rounds": 20,
    "fraction": 0.5,
    "epochs": 1,
    "batchSize": 10,
    "learningRate": 0.05,
    "deadline": "60s",
    "targetAccuracy": 0.9,
    "chain": {"consensus": "poa", "blockPeriod": "1s", "payloads": "on-chain"},
    "training": {"kind": "learning", "model": "cnn:digits", "dataset": "digits"}
  }
}
"""#
}
