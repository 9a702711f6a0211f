import SimCore
import Testing

@testable import Platform

/// What `BackboneAttachment` adds to an imported backbone's points of presence, in what order,
/// under what names, and what it refuses.
struct BackboneAttachmentTests {
  /// Three routers in a line, `a – b – c`: a stand-in for a Zoo graph.
  private static func backbone(names: [String] = ["a", "b", "c"]) -> Topology {
    var topology = Topology()
    let ids = names.map { topology.addNode(name: $0, roles: [.router], profile: .edgeServer) }
    for (x, y) in zip(ids, ids.dropFirst()) {
      topology.addLink(
        name: "\(names[x.index])-\(names[y.index])", between: x, and: y,
        latency: .milliseconds(2), bandwidth: .gigabitsPerSecond(1), linkClass: "core")
    }
    return topology
  }

  @Test func theDefaultAttachmentAddsNothing() throws {
    let backbone = Self.backbone()
    let topology = try BackboneAttachment().attach(to: backbone)
    #expect(topology.nodes == backbone.nodes && topology.links == backbone.links)
  }

  @Test func attachedNodesAndLinksFollowTheBackboneInTheDocumentedOrder() throws {
    var attachment = BackboneAttachment()
    attachment.hasEdgeServers = true
    attachment.clientsPerPoP = 2
    attachment.serverPoP = NodeID(1)
    // Listed c, a: added in the backbone's order, a then c.
    attachment.validators = .atPoPs([NodeID(2), NodeID(0)])
    let topology = try attachment.attach(to: Self.backbone())
    // 3 PoPs + 3 edges + cloud + 2 validators + 3 × 2 clients = 15 nodes;
    // 2 backbone + 3 backhaul + 1 cloud + 2 attachment + 6 access links = 14 links.
    #expect(
      topology.nodes.map(\.name) == [
        "a", "b", "c", "edge-a", "edge-b", "edge-c", "cloud", "validator-a", "validator-c",
        "a-c0", "a-c1", "b-c0", "b-c1", "c-c0", "c-c1",
      ])
    #expect(
      topology.links.map(\.name) == [
        "a-b", "b-c", "a-edge-a", "b-edge-b", "c-edge-c", "b-cloud", "a-validator-a",
        "c-validator-c", "edge-a-a-c0", "edge-a-a-c1", "edge-b-b-c0", "edge-b-b-c1",
        "edge-c-c-c0", "edge-c-c-c1",
      ])
    // The side nearer the backbone, always added first, is endpoint `a` of every attached link.
    #expect(topology.links.dropFirst(2).allSatisfy { $0.a.index < $0.b.index })
    #expect(topology.nodes(withRole: .edge).count == 3)
    #expect(topology.nodes(withRole: .server).map(\.name) == ["cloud"])
    #expect(topology.nodes(withRole: .validator).map(\.name) == ["validator-a", "validator-c"])
    #expect(topology.nodes(withRole: .client).count == 6)
    // Classes inferred from the roles: PoPs are routers (`core`).
    #expect(topology.link(named: "a-edge-a")?.linkClass == "edge-core")
    #expect(topology.link(named: "b-cloud")?.linkClass == "cloud-core")
    #expect(topology.link(named: "a-validator-a")?.linkClass == "validator-core")
    #expect(topology.link(named: "edge-a-a-c0")?.linkClass == "client-edge")
  }

  @Test func withoutEdgeServersClientsHangOffThePoPAndValidatorsCanBeTheEdges() throws {
    var attachment = BackboneAttachment()
    attachment.clientsPerPoP = 1
    let bare = try attachment.attach(to: Self.backbone())
    #expect(bare.links.dropFirst(2).map(\.name) == ["a-a-c0", "b-b-c0", "c-c-c0"])
    #expect(bare.link(named: "a-a-c0")?.linkClass == "client-core")

    attachment.hasEdgeServers = true
    attachment.validators = .onEdgeServers
    let edges = try attachment.attach(to: Self.backbone())
    #expect(edges.nodes(withRole: .validator).map(\.name) == ["edge-a", "edge-b", "edge-c"])
    #expect(edges.nodes(withRole: .validator).allSatisfy { $0.roles == [.edge, .validator] })
  }

  @Test func linksTakeTheirParametersAndTheCloudFallsBackToTheBackhauls() throws {
    var attachment = BackboneAttachment()
    attachment.hasEdgeServers = true
    attachment.clientsPerPoP = 1
    attachment.serverPoP = NodeID(0)
    attachment.backhaulLatency = .milliseconds(3)
    attachment.backhaulBandwidth = .gigabitsPerSecond(2)
    attachment.backhaulLoss = 0.01
    attachment.accessUplinkBandwidth = .megabitsPerSecond(5)
    attachment.accessLoss = 0.1
    attachment.clientCores = 2
    attachment.cloudCores = 32
    let topology = try attachment.attach(to: Self.backbone())
    let cloud = try #require(topology.link(named: "a-cloud"))
    #expect(cloud.latency == .milliseconds(3) && cloud.bandwidthAToB == .gigabitsPerSecond(2))
    #expect(cloud.lossRate == 0.01)
    let access = try #require(topology.link(named: "edge-b-b-c0"))
    // The tree's access defaults: 5 ms, 50 Mbps down; the uplink as set.
    #expect(access.latency == .milliseconds(5))
    #expect(access.bandwidthAToB == .megabitsPerSecond(50))
    #expect(access.bandwidthBToA == .megabitsPerSecond(5) && access.lossRate == 0.1)
    #expect(topology.node(named: "b-c0")?.cores == 2)
    #expect(topology.node(named: "b-c0")?.profile == .iotDevice)
    #expect(topology.node(named: "cloud")?.cores == 32)

    attachment.cloudLatency = .microseconds(100)
    attachment.cloudLoss = 0
    let own = try #require(try attachment.attach(to: Self.backbone()).link(named: "a-cloud"))
    #expect(own.latency == .microseconds(100) && own.lossRate == 0)
  }

  @Test func validatorsOnEdgeServersThatAreNotThereAreRefused() {
    var attachment = BackboneAttachment()
    attachment.validators = .onEdgeServers
    #expect(throws: TopologyGenerationError.self) {
      try attachment.attach(to: Self.backbone())
    }
  }

  @Test func aNameTheBackboneAlreadyUsesIsRefused() {
    var attachment = BackboneAttachment()
    attachment.serverPoP = NodeID(0)
    #expect(
      throws: TopologyGenerationError.nameTaken(generator: "graphml", kind: "node", name: "cloud")
    ) {
      try attachment.attach(to: Self.backbone(names: ["a", "cloud"]))
    }
  }

  @Test func tooManyClientsInAllAreRefusedBeforeAnyIsBuilt() {
    // 3 PoPs × 40,000 = 120,000 clients, above the 100,000 maximum: at most 33,333 per PoP.
    var attachment = BackboneAttachment()
    attachment.clientsPerPoP = 40_000
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "graphml", parameter: "clientsPerPoP", value: 40_000,
        accepted: "at most 33333 with 3 PoPs, so that there are at most 100000 clients in all")
    ) {
      try attachment.attach(to: Self.backbone())
    }
  }
}
