import Foundation
import Platform
import SimCore
import Testing
import Traces

@testable import Scenario

/// The columns of `transfers.csv` and the link groups of `summary.csv`.
struct TraceColumnsTests {
  /// `file`'s rows as dictionaries keyed by its header.
  private func rows(_ name: String, of output: Experiment.Output) -> [[String: String]] {
    let text = output.files.first { $0.name == name }!.contents
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    let header = lines.first!.split(separator: ",", omittingEmptySubsequences: false).map(
      String.init)
    return lines.dropFirst().map { line in
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, cells))
    }
  }

  @Test func transfersCSVKeepsTheUserIDAndTheKind() throws {
    // two-flows.json sends transfers `f1` (h1 → h3) and `f2` (h2 → h3).
    let spec = try ScenarioDecoder.decode(ScenarioErrorTests.twoFlows(), file: "two-flows.json")
    let transfers = rows("transfers.csv", of: try Experiment.run(spec))
    #expect(transfers.map { $0["transfer_id"] } == ["f1", "f2"])
    #expect(transfers.map { $0["kind"] } == ["transfer", "transfer"])
    #expect(transfers.map { $0["flow"] } == ["0", "1"])
    #expect(transfers.map { $0["from"] } == ["h1", "h2"])
  }

  @Test func aSchemesMessagesKeepTheirKindAndHaveNoTransferID() throws {
    let transfers = rows(
      "transfers.csv", of: try Experiment.run(try ExperimentTests.smallDefault()))
    #expect(!transfers.isEmpty)
    #expect(transfers.allSatisfy { $0["transfer_id"] == "" })
    #expect(Set(transfers.compactMap { $0["kind"] }) == ["model", "update"])
  }

  // MARK: - summary.csv link groups

  @Test func everyGeneratedOrImportedLinkClassLandsInANamedColumn() throws {
    var generator = RandomStreams(seed: 1).make(.topologyGeneration)
    var topologies = [
      try EdgeTreeTopology(clientCount: 4, edgeCount: 2, validatorCount: 3).makeTopology(),
      try EdgeTreeTopology(
        clientCount: 4, edgeCount: 2, validatorCount: 3, validatorAttachment: .edges
      ).makeTopology(),
      try StarTopology(leafCount: 3).makeTopology(),
      try RandomGeometricTopology(nodeCount: 12, radius: 0.6).makeTopology(using: &generator),
    ]
    for role in NodeRole.allCases where role != .router {
      topologies.append(
        try RandomGeometricTopology(nodeCount: 12, radius: 0.6, roles: [role])
          .makeTopology(using: &generator))
    }
    let graphML = """
      <?xml version="1.0"?><graphml><graph edgedefault="undirected">
      <node id="0"/><node id="1"/><node id="2"/><edge source="0" target="1"/>
      <edge source="1" target="2"/></graph></graphml>
      """
    for roles in [[:], ["0": [NodeRole.client], "2": [.validator]]] as [[String: [NodeRole]]] {
      topologies.append(
        try GraphMLImporter.importTopology(
          from: graphML, fileName: "t.graphml", options: GraphMLImportOptions(roleOverrides: roles)
        ).topology)
    }
    // Any node attached to a router, as an imported topology with role overrides infers it.
    var attached = Topology()
    let router = attached.addNode(name: "r", roles: [.router], profile: .edgeServer)
    for role in NodeRole.allCases where role != .router {
      let node = attached.addNode(name: role.rawValue, roles: [role], profile: .edgeServer)
      attached.addLink(
        name: "r-\(role.rawValue)", between: router, and: node, latency: .milliseconds(1),
        bandwidth: .megabitsPerSecond(1))
    }
    topologies.append(attached)
    let classes = Set(topologies.flatMap { topology in topology.links.map { $0.linkClass } })
    #expect(
      classes.isSuperset(of: ["client-edge", "edge-cloud", "cloud-validator", "core", "p2p"]))
    for linkClass in classes.sorted() {
      #expect(TraceSchema.summaryLinkGroup(of: linkClass) != "other", "\(linkClass)")
    }
  }

  @Test func linkBytesAreSummedIntoTheirGroupsColumns() {
    let summary = RunSummary(
      scenario: "s", scheme: "bcfl", seed: 1, run: 0, rounds: 1, totalTime: .seconds(1),
      timeToTarget: nil, messages: 1, messageBytes: 1,
      linkBytesByClass: [
        ("client-core", 1), ("cloud-validator", 10), ("core", 100), ("edge-edge", 1_000),
        ("my-backbone", 10_000), ("p2p", 100_000),
      ],
      finalAccuracy: nil, bestAccuracy: nil, finalLoss: nil, events: 1)
    let header = Array(TraceSchema.summary.dropFirst(3))
    let fields = Dictionary(
      uniqueKeysWithValues: zip(header, TraceRendering.summaryFields(summary)))
    #expect(fields["link_bytes_cloud_validator"] == "10")
    #expect(fields["link_bytes_core"] == "101")
    #expect(fields["link_bytes_p2p"] == "101000")
    #expect(fields["link_bytes_other"] == "10000")
    #expect(fields["link_bytes_client_edge"] == "0")
    #expect(header.count == TraceRendering.summaryFields(summary).count)
  }
}
