import SimCore
import Testing

@testable import Platform

struct EdgeTreeTopologyTests {
  @Test func treeHasExpectedNodesLinksAndRoles() throws {
    let topology = try EdgeTreeTopology(clientCount: 10, edgeCount: 3, validatorCount: 4)
      .makeTopology()
    // Nodes: 10 clients + 3 edges + 1 cloud + 4 validators = 18.
    #expect(topology.nodes.count == 18)
    // Links: 10 access + 3 backhaul + 4 attachments + 4·3/2 = 6 mesh links = 23.
    #expect(topology.links.count == 23)
    #expect(
      topology.nodes.map(\.name) == (0..<10).map { "c\($0)" } + ["e0", "e1", "e2", "cloud"]
        + (0..<4).map { "v\($0)" })
    #expect(topology.nodes(withRole: .client).count == 10)
    #expect(topology.nodes(withRole: .edge).count == 3)
    #expect(topology.nodes(withRole: .server).map(\.name) == ["cloud"])
    #expect(topology.nodes(withRole: .validator).count == 4)
    // Profiles per role (defaults).
    #expect(topology.nodes(withRole: .client).allSatisfy { $0.profile == .iotDevice })
    #expect(topology.nodes(withRole: .edge).allSatisfy { $0.profile == .edgeServer })
    #expect(topology.node(named: "cloud")?.profile == .cloudServer)
    #expect(topology.nodes(withRole: .validator).allSatisfy { $0.profile == .edgeServer })
  }

  @Test func clientsAreSpreadEvenlyInContiguousBlocks() throws {
    let topology = try EdgeTreeTopology(clientCount: 10, edgeCount: 3, validatorCount: 0)
      .makeTopology()
    // 10 = 4 + 3 + 3: c0–c3 under e0, c4–c6 under e1, c7–c9 under e2.
    let access = topology.links.filter { $0.linkClass == "client-edge" }.map(\.name)
    #expect(
      access == [
        "e0-c0", "e0-c1", "e0-c2", "e0-c3", "e1-c4", "e1-c5", "e1-c6", "e2-c7", "e2-c8", "e2-c9",
      ])
    #expect(
      topology.links.filter { $0.linkClass == "edge-cloud" }.map(\.name) == [
        "cloud-e0", "cloud-e1", "cloud-e2",
      ])
    // No validators: no attachment or p2p links.
    #expect(topology.links.count == 13)
  }

  @Test func blockIndexMatchesHandCountedSplits() {
    // 10 items in 3 blocks: sizes 4, 3, 3.
    #expect(
      (0..<10).map { EdgeTreeTopology.block(of: $0, items: 10, blocks: 3) } == [
        0, 0, 0, 0, 1, 1, 1, 2, 2, 2,
      ])
    // 2 items in 3 blocks: sizes 1, 1, 0.
    #expect((0..<2).map { EdgeTreeTopology.block(of: $0, items: 2, blocks: 3) } == [0, 1])
    // 6 items in 3 blocks: sizes 2, 2, 2.
    #expect(
      (0..<6).map { EdgeTreeTopology.block(of: $0, items: 6, blocks: 3) } == [
        0, 0, 1, 1, 2, 2,
      ])
  }

  @Test func validatorsAttachToCloudAndFormAFullMesh() throws {
    let topology = try EdgeTreeTopology(clientCount: 4, edgeCount: 2, validatorCount: 4)
      .makeTopology()
    let attachments = topology.links.filter { $0.linkClass == "cloud-validator" }
    #expect(attachments.map(\.name) == ["cloud-v0", "cloud-v1", "cloud-v2", "cloud-v3"])
    let mesh = topology.links.filter { $0.linkClass == "p2p" }.map(\.name)
    // Every unordered pair once, lexicographic: 4·3/2 = 6.
    #expect(mesh == ["v0-v1", "v0-v2", "v0-v3", "v1-v2", "v1-v3", "v2-v3"])
  }

  @Test func validatorsAttachedToEdgesAreSpreadOverThem() throws {
    let topology = try EdgeTreeTopology(
      clientCount: 6, edgeCount: 3, validatorCount: 4, validatorAttachment: .edges
    ).makeTopology()
    // 4 validators over 3 edges: sizes 2, 1, 1.
    let attachments = topology.links.filter { $0.linkClass == "edge-validator" }.map(\.name)
    #expect(attachments == ["e0-v0", "e0-v1", "e1-v2", "e2-v3"])
    #expect(topology.links.filter { $0.linkClass == "cloud-validator" }.isEmpty)
  }

  @Test func eachTierGetsItsOwnLatencyAndBandwidth() throws {
    let tree = EdgeTreeTopology(
      clientCount: 2, edgeCount: 1, validatorCount: 2,
      accessLatency: .milliseconds(2), accessBandwidth: .megabitsPerSecond(20),
      accessUplinkBandwidth: .megabitsPerSecond(5),
      backhaulLatency: .milliseconds(15), backhaulBandwidth: .gigabitsPerSecond(10),
      attachmentLatency: .milliseconds(25), attachmentBandwidth: .gigabitsPerSecond(2),
      validatorLatency: .milliseconds(40), validatorBandwidth: .megabitsPerSecond(200),
      clientProfile: .smartphone)
    let topology = try tree.makeTopology()
    let access = try #require(topology.link(named: "e0-c1"))
    #expect(access.latency == .milliseconds(2))
    #expect(access.bandwidthAToB == .megabitsPerSecond(20))
    #expect(access.bandwidthBToA == .megabitsPerSecond(5))
    let backhaul = try #require(topology.link(named: "cloud-e0"))
    #expect(backhaul.latency == .milliseconds(15))
    #expect(backhaul.bandwidthAToB == .gigabitsPerSecond(10))
    let attachment = try #require(topology.link(named: "cloud-v1"))
    #expect(attachment.latency == .milliseconds(25))
    #expect(attachment.bandwidthBToA == .gigabitsPerSecond(2))
    let peer = try #require(topology.link(named: "v0-v1"))
    #expect(peer.latency == .milliseconds(40))
    #expect(peer.bandwidthAToB == .megabitsPerSecond(200))
    #expect(topology.node(named: "c0")?.profile == .smartphone)
  }

  @Test func treeRejectsBadParameters() {
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "edge-tree", parameter: "edgeCount", value: 0, accepted: "from 1 to 10000")
    ) {
      try EdgeTreeTopology(edgeCount: 0).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "edge-tree", parameter: "clientCount", value: 2, accepted: "from 3 to 100000")
    ) {
      try EdgeTreeTopology(clientCount: 2, edgeCount: 3).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "edge-tree", parameter: "validatorCount", value: -1,
        accepted: "from 0 to 1000")
    ) {
      try EdgeTreeTopology(validatorCount: -1).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.negativeLatency(
        generator: "edge-tree", parameter: "validatorLatency", value: .milliseconds(-3))
    ) {
      try EdgeTreeTopology(validatorLatency: .milliseconds(-3)).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.nonPositiveBandwidth(
        generator: "edge-tree", parameter: "accessUplinkBandwidth", value: .bitsPerSecond(0))
    ) {
      try EdgeTreeTopology(accessUplinkBandwidth: .bitsPerSecond(0)).makeTopology()
    }
  }
}
