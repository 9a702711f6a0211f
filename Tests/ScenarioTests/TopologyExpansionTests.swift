import Foundation
import Testing
import Traces

@testable import Scenario

/// `ScenarioSpec.expandedSource`, what `fedchain topology expand` writes: the scenario with its
/// generated or imported topology written out. It must run to the same traces as the original
/// and be its own expansion.
struct TopologyExpansionTests {
  private var zoo: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("topologies/zoo").path
  }

  /// An edge tree like the default scenario's network (12 clients, 3 edges, a PoA chain), with
  /// fields the encoder must carry: cores, an uplink, loss and a storage node for off-chain
  /// payloads. The deadline ends a round whose lost messages never arrive.
  static let edgeTree = """
    {"name": "expand-tree", "description": "kept as written", "seed": 7,
     "topology": {"generator": "edge-tree", "clients": 12, "edges": 3, "validators": 3,
                  "accessBandwidth": "20Mbps", "accessUplinkBandwidth": "5Mbps",
                  "edgeCores": 4, "cloudCores": 8, "accessLoss": 0.02, "storage": true},
     "workload": {"kind": "fedavg", "rounds": 3, "fraction": 0.5, "deadline": "60s",
                  "training": {"kind": "placeholder", "parameters": 1000, "samplesPerClient": 100},
                  "chain": {"consensus": "poa", "payloads": "off-chain"}},
     "output": {"directory": "traces/expand-tree"}}
    """

  /// The files of a run of `spec` but its manifest, which records the scenario as written.
  private func traces(_ spec: ScenarioSpec) throws -> [String: String] {
    var files: [String: String] = [:]  // only looked up and compared
    for file in try Experiment.run(spec).files where file.name != "manifest.json" {
      files[file.name] = file.contents
    }
    return files
  }

  /// Expands `text`, checks that the expansion runs to the same traces and is a fixed point, and
  /// returns the original and the expansion.
  private func checkExpansion(of text: String, baseDirectory: String? = nil) throws
    -> (original: ScenarioSpec, expanded: ScenarioSpec)
  {
    let original = try ScenarioDecoder.decode(text, file: "s.json", baseDirectory: baseDirectory)
    let expandedText = JSONWriter.write(original.expandedSource)
    let expanded = try ScenarioDecoder.decode(expandedText, file: "x.json")
    let (before, after) = (try traces(original), try traces(expanded))
    #expect(before.keys.sorted() == after.keys.sorted() && before.count >= 5)
    for name in before.keys.sorted() {
      #expect(before[name] == after[name], "\(name) differs after expansion")
    }
    #expect(JSONWriter.write(expanded.expandedSource) == expandedText)
    return (original, expanded)
  }

  @Test func expandedEdgeTreeRunsToTheSameTracesAndIsAFixedPoint() throws {
    let (original, expanded) = try checkExpansion(of: Self.edgeTree)
    // Every other member kept in place; the topology now explicit, 12 + 3 + 1 + 3 + 1 = 20
    // nodes.
    guard case .object(let before) = original.source.kind,
      case .object(let after) = expanded.source.kind
    else { throw Unexpected.notAnObject }
    #expect(before.map(\.key) == after.map(\.key))
    for (x, y) in zip(before, after) where x.key != "topology" {
      #expect(JSONWriter.write(x.value) == JSONWriter.write(y.value), "\(x.key)")
    }
    #expect(after.first { $0.key == "topology" }?.value["generator"] == nil)
    let nodes = after.first { $0.key == "topology" }?.value["nodes"]
    #expect(nodes.flatMap { count($0) } == 20)
  }

  @Test func expandedZooScenarioWithAttachmentsRunsToTheSameTracesAndIsAFixedPoint() throws {
    let (_, expanded) = try checkExpansion(of: ZooAttachmentTests.scenario, baseDirectory: zoo)
    #expect(expanded.topology.nodes.count == 48 && expanded.topology.links.count == 51)
  }

  @Test func anExplicitTopologyExpandsToTheSameNodesAndLinks() throws {
    // The default scenario's topology is already explicit. Its text may change (the encoder
    // writes every link's `class`, which the file leaves to inference), what it decodes to not.
    let spec = try DefaultScenario.load()
    let again = try ScenarioDecoder.decode(JSONWriter.write(spec.expandedSource), file: "d.json")
    #expect(again.topology.nodes == spec.topology.nodes)
    #expect(again.topology.links == spec.topology.links)
  }

  private func count(_ value: JSONValue) -> Int? {
    if case .array(let items) = value.kind { return items.count }
    return nil
  }

  private enum Unexpected: Error { case notAnObject }
}
