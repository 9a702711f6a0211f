import Foundation
import Platform
import SimCore
import Testing
import Traces

@testable import Scenario

/// The three ways a scenario gives its topology: explicit, generated, imported from GraphML.
struct TopologyFormsTests {
  private static let transfer =
    #""workload": {"kind": "transfers", "transfers": [{"id": "x", "from": "c0", "to": "cloud", "bytes": 1000}]}"#

  @Test func edgeTreeGeneratorBuildsTheDocumentedShape() throws {
    // 6 clients, 2 edges, 3 validators on the cloud: 6 + 2 + 1 + 3 = 12 nodes; 6 access + 2
    // backhaul + 3 attachments + C(3,2) = 3 mesh links = 14 links.
    let text = """
      {"topology": {"generator": "edge-tree", "clients": 6, "edges": 2, "validators": 3, "accessBandwidth": "20Mbps"},
       \(Self.transfer)}
      """
    let spec = try ScenarioDecoder.decode(text, file: "gen.json")
    #expect(spec.topology.nodes.count == 12 && spec.topology.links.count == 14)
    #expect(spec.topology.link(named: "e0-c0")?.bandwidthAToB == .megabitsPerSecond(20))
  }

  @Test func generatorErrorsNameTheField() {
    let text =
      #"{"topology": {"generator": "edge-tree", "clients": 1, "edges": 4}, \#(Self.transfer)}"#
    #expect(throws: ScenarioError.self) { try ScenarioDecoder.decode(text, file: "gen.json") }
    let typo = #"{"topology": {"generator": "edge-tree", "client": 6}, \#(Self.transfer)}"#
    #expect(
      throws: ScenarioError.unknownField(
        file: "gen.json", line: 1, path: "topology.client",
        accepted: GeneratorSchema.edgeTreeSchema.fieldNames)
    ) {
      try ScenarioDecoder.decode(typo, file: "gen.json")
    }
  }

  @Test func randomGeometricGraphDependsOnTheSeed() throws {
    func topology(seed: Int) throws -> Topology {
      let text = """
        {"seed": \(seed), "topology": {"generator": "random-geometric", "nodes": 30, "radius": 0.3},
         "workload": {"kind": "transfers", "transfers": [{"id": "x", "from": "n0", "to": "n1", "bytes": 1}]}}
        """
      return try ScenarioDecoder.decode(text, file: "rgg.json").topology
    }
    let a = try topology(seed: 1)
    let b = try topology(seed: 1)
    let c = try topology(seed: 2)
    #expect(a.links.map(\.latency) == b.links.map(\.latency))
    #expect(a.links.map(\.latency) != c.links.map(\.latency))
  }

  private var zoo: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("topologies/zoo").path
  }

  @Test func graphMLImportIsResolvedAgainstTheScenarioFolder() throws {
    // Abilene has 11 nodes and 14 edges (`grep -c '<node '` / `'<edge '` on the file).
    let text = """
      {"topology": {"graphml": "Abilene.graphml", "roles": {"New York": ["server"]}},
       "workload": {"kind": "transfers", "transfers": [{"id": "x", "from": "Seattle", "to": "New York", "bytes": 1}]}}
      """
    let spec = try ScenarioDecoder.decode(text, file: "zoo.json", baseDirectory: zoo)
    #expect(spec.topology.nodes.count == 11 && spec.topology.links.count == 14)
    #expect(spec.topology.node(named: "New York")?.roles == [.server])
  }

  @Test func graphMLImportTakesTheProfileCoresAndClassOfItsNodesAndLinks() throws {
    // Every imported node gets the named profile and cores, every link the named class (the
    // defaults are edge-server, 1 core and `core`).
    let text = """
      {"topology": {"graphml": "Abilene.graphml", "profile": "cloud-server", "cores": 8,
                    "class": "backbone"},
       "workload": {"kind": "transfers", "transfers": [{"id": "x", "from": "Seattle", "to": "New York", "bytes": 1}]}}
      """
    let topology = try ScenarioDecoder.decode(text, file: "zoo.json", baseDirectory: zoo).topology
    #expect(topology.nodes.allSatisfy { $0.profile.name == "cloud-server" && $0.cores == 8 })
    #expect(topology.links.allSatisfy { $0.linkClass == "backbone" })
  }

  @Test func randomGeometricLinksTakeTheNamedClass() throws {
    let text = """
      {"topology": {"generator": "random-geometric", "nodes": 20, "radius": 0.4, "class": "mesh"},
       "workload": {"kind": "transfers", "transfers": [{"id": "x", "from": "n0", "to": "n1", "bytes": 1}]}}
      """
    let topology = try ScenarioDecoder.decode(text, file: "rgg.json").topology
    #expect(!topology.links.isEmpty && topology.links.allSatisfy { $0.linkClass == "mesh" })
  }

  @Test func missingGraphMLFileNamesTheScenarioFieldAndTheFile() {
    let text = #"{"topology": {"graphml": "Nowhere.graphml"}, \#(Self.transfer)}"#
    #expect(throws: ScenarioError.self) {
      try ScenarioDecoder.decode(text, file: "zoo.json", baseDirectory: zoo)
    }
    do {
      _ = try ScenarioDecoder.decode(text, file: "zoo.json", baseDirectory: zoo)
    } catch {
      // The scenario's field and the GraphML file are both named.
      guard case .invalidValue("zoo.json", _, "topology.graphml", _, let accepted) = error else {
        Issue.record("got \(error)")
        return
      }
      #expect(accepted.contains("Nowhere.graphml"))
    }
  }

  @Test func malformedGraphMLIsABadValueNamingTheFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fedchain-\(#line)-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    try Data("<graphml><graph><node id=\"a\"></graph>".utf8).write(
      to: directory.appendingPathComponent("bad.graphml"))
    let text = #"{"topology": {"graphml": "bad.graphml"}, \#(Self.transfer)}"#
    do {
      _ = try ScenarioDecoder.decode(text, file: "zoo.json", baseDirectory: directory.path)
      Issue.record("bad GraphML was accepted")
    } catch {
      guard case .invalidValue(_, _, "topology.graphml", _, let accepted) = error else {
        Issue.record("got \(error)"); return
      }
      #expect(accepted.contains("bad.graphml"))
    }
  }

  @Test func encodedTopologyDecodesToTheSameTopology() throws {
    let original = try EdgeTreeTopology(
      clientCount: 5, edgeCount: 2, validatorCount: 2, accessUplinkBandwidth: .megabitsPerSecond(3)
    )
    .makeTopology()
    let json = JSONWriter.write(
      .object([
        ("topology", TopologyEncoder.encode(original)),
        (
          "workload",
          .object([
            ("kind", .string("transfers")),
            (
              "transfers",
              .array([
                .object([
                  ("id", .string("x")), ("from", .string("c0")), ("to", .string("cloud")),
                  ("bytes", .integer(1)),
                ])
              ])
            ),
          ])
        ),
      ]))
    let decoded = try ScenarioDecoder.decode(json, file: "roundtrip.json").topology
    #expect(decoded.nodes == original.nodes)
    #expect(decoded.links == original.links)
  }
}
