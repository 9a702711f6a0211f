import Foundation
import Platform
import Testing
import Traces

@testable import Scenario

/// A Topology Zoo graph used inside a scenario with edge servers, clients, a cloud server and
/// validators attached to its points of presence (issue #13, §5).
///
/// The graph is `topologies/zoo/Abilene.graphml` (the same file as the shared data set's
/// `topologyzoo/Abilene.graphml`): 11 nodes and 14 edges, no parallel edges (`grep -c '<node '`
/// and `'<edge '` on the file), in this node order: New York, Chicago, Washington DC, Seattle,
/// Sunnyvale, Los Angeles, Denver, Kansas City, Houston, Atlanta, Indianapolis.
struct ZooAttachmentTests {
  private var zoo: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("topologies/zoo").path
  }

  /// Abilene with an edge server and two clients per PoP, the cloud at Chicago and validators
  /// beside three PoPs, running `rounds` rounds of placeholder FedAvg on a PoA chain.
  static let scenario = """
    {"name": "abilene-attached", "seed": 3,
     "topology": {"graphml": "Abilene.graphml", "edgeServers": true, "clientsPerPoP": 2,
                  "server": "Chicago", "validators": ["Denver", "New York", "Atlanta"],
                  "accessUplinkBandwidth": "10Mbps", "clientCores": 2},
     "workload": {"kind": "fedavg", "rounds": 2, "fraction": 0.5,
                  "training": {"kind": "placeholder", "parameters": 1000, "samplesPerClient": 100},
                  "chain": {"consensus": "poa"}}}
    """

  private func decode(_ text: String) throws -> ScenarioSpec {
    try ScenarioDecoder.decode(text, file: "zoo.json", baseDirectory: zoo)
  }

  @Test func attachedAbileneHasTheCountsComputedByHand() throws {
    let topology = try decode(Self.scenario).topology
    // Nodes: 11 PoPs + 11 edge servers + 1 cloud + 3 validators + 11 × 2 clients = 48.
    // Links: 14 backbone + 11 backhaul + 1 cloud + 3 attachment + 22 access = 51.
    #expect(topology.nodes.count == 48 && topology.links.count == 51)
    #expect(topology.nodes(withRole: .router).count == 11)
    #expect(topology.nodes(withRole: .edge).count == 11)
    #expect(topology.nodes(withRole: .server).map(\.name) == ["cloud"])
    #expect(topology.nodes(withRole: .client).count == 22)
    // Validators in the graph's order, not the list's.
    #expect(
      topology.nodes(withRole: .validator).map(\.name) == [
        "validator-New York", "validator-Denver", "validator-Atlanta",
      ])
    // The PoPs keep their IDs: the first 11 nodes and 14 links are the import's.
    #expect(topology.nodes[1].name == "Chicago" && topology.nodes[11].name == "edge-New York")
    #expect(topology.link(named: "Chicago-cloud")?.a == topology.node(named: "Chicago")?.id)
    let access = try #require(topology.link(named: "edge-Seattle-Seattle-c1"))
    #expect(access.bandwidthBToA == .megabitsPerSecond(10))
    #expect(topology.node(named: "Seattle-c1")?.cores == 2)
  }

  @Test func fedAvgOnAttachedAbileneCompletesItsRounds() throws {
    let output = try Experiment.run(decode(Self.scenario))
    #expect(output.rounds.count == 2 && !output.stoppedEarly)
    #expect(output.warnings.isEmpty, "\(output.warnings)")
  }

  @Test func edgeServersCanBeTheValidatorsAndClientsCanHangOffThePoPs() throws {
    let edges = try decode(
      Self.scenario.replacingOccurrences(
        of: #"["Denver", "New York", "Atlanta"]"#, with: #""edges""#)
    ).topology
    // 11 edge servers, each a validator too; no validator nodes of their own: 48 − 3 = 45.
    #expect(edges.nodes.count == 45)
    #expect(edges.nodes(withRole: .validator).map(\.name).allSatisfy { $0.hasPrefix("edge-") })
    #expect(edges.nodes(withRole: .validator).count == 11)

    let bare = try decode(
      #"{"topology": {"graphml": "Abilene.graphml", "clientsPerPoP": 1, "server": "Denver"}, "#
        + #""workload": {"kind": "fedavg", "rounds": 1, "training": {"kind": "placeholder", "#
        + #""parameters": 10, "samplesPerClient": 10}}}"#
    ).topology
    // 11 PoPs + cloud + 11 clients; 14 + 1 + 11 links. Clients link to their PoP directly.
    #expect(bare.nodes.count == 23 && bare.links.count == 26)
    #expect(bare.link(named: "Houston-Houston-c0")?.linkClass == "client-core")
  }

  @Test func sweepPathsSetTheAttachmentFields() throws {
    // What a sweep point does: set plain members of the topology object by dotted path.
    var root = try JSONParser.parse(Self.scenario)
    root = try root.replacing(
      FieldPath(parsing: "topology.clientsPerPoP"), with: .integer(3))
    root = try root.replacing(
      FieldPath(parsing: "topology.accessBandwidth"), with: .string("10Mbps"))
    let topology = try ScenarioDecoder.decode(root, file: "zoo.json", baseDirectory: zoo).topology
    // 11 PoPs × 3 clients.
    #expect(topology.nodes(withRole: .client).count == 33)
    #expect(topology.link(named: "edge-Denver-Denver-c2")?.bandwidthAToB == .megabitsPerSecond(10))
  }

  @Test func badAttachmentsAreErrorsAtTheirPaths() {
    func path(of text: String) -> String? {
      do {
        _ = try decode(text)
        return nil
      } catch let error as ScenarioError {
        if case .unknownReference(_, _, let path, _, _) = error { return path }
        if case .invalidValue(_, _, let path, _, _) = error { return path }
        if case .duplicateID(_, _, let path, _) = error { return path }
        return "\(error)"
      } catch {
        return "\(error)"
      }
    }
    let validators = #"["Denver", "New York", "Atlanta"]"#
    #expect(
      path(of: Self.scenario.replacingOccurrences(of: validators, with: #"["Denver", "Boston"]"#))
        == "topology.validators[1]")
    #expect(
      path(of: Self.scenario.replacingOccurrences(of: validators, with: #"["Denver", "Denver"]"#))
        == "topology.validators[1]")
    #expect(
      path(
        of: Self.scenario.replacingOccurrences(of: #""edgeServers": true, "#, with: "")
          .replacingOccurrences(of: validators, with: #""edges""#)) == "topology.validators")
    #expect(
      path(of: Self.scenario.replacingOccurrences(of: #""Chicago""#, with: #""Boston""#))
        == "topology.server")
  }
}
