import Platform
import SimCore
import Testing

struct StarTopologyTests {
  @Test func starHasOneServerHubAndNamedClientLeaves() throws {
    let topology = try StarTopology(leafCount: 5).makeTopology()
    // One hub plus five leaves, one link per leaf.
    #expect(topology.nodes.count == 6)
    #expect(topology.links.count == 5)
    #expect(topology.nodes.map(\.name) == ["server", "c0", "c1", "c2", "c3", "c4"])
    #expect(topology.nodes[0].roles == [.server])
    #expect(topology.nodes[0].profile == .cloudServer)
    #expect(topology.nodes(withRole: .client).count == 5)
    #expect(topology.nodes[1...].allSatisfy { $0.profile == .smartphone })
    #expect(
      topology.links.map(\.name) == [
        "server-c0", "server-c1", "server-c2", "server-c3", "server-c4",
      ])
    // Every link joins the hub to a different leaf.
    #expect(topology.links.allSatisfy { $0.a == NodeID(0) })
    #expect(Set(topology.links.map(\.b)) == Set((1...5).map(NodeID.init)))
    // A client–server link is classified as client to cloud tier (`LinkClass.infer`).
    #expect(topology.links.allSatisfy { $0.linkClass == "client-cloud" })
  }

  @Test func starLinksCarryTheGivenLatencyAndBandwidths() throws {
    let topology = try StarTopology(
      leafCount: 3, latency: .milliseconds(7), bandwidth: .megabitsPerSecond(40),
      uplinkBandwidth: .megabitsPerSecond(10), leafProfile: .iotDevice
    ).makeTopology()
    for link in topology.links {
      #expect(link.latency == .milliseconds(7))
      #expect(link.bandwidthAToB == .megabitsPerSecond(40))  // hub → leaf
      #expect(link.bandwidthBToA == .megabitsPerSecond(10))  // leaf → hub
    }
    #expect(topology.nodes[1].profile == .iotDevice)
  }

  @Test func starWithoutUplinkIsSymmetric() throws {
    let topology = try StarTopology(leafCount: 2, bandwidth: .megabitsPerSecond(30)).makeTopology()
    #expect(topology.links.allSatisfy { $0.bandwidthAToB == $0.bandwidthBToA })
  }

  @Test func starRejectsBadParameters() {
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "star", parameter: "leafCount", value: 0, accepted: "from 1 to 100000")
    ) {
      try StarTopology(leafCount: 0).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "star", parameter: "leafCount", value: 100_001, accepted: "from 1 to 100000")
    ) {
      try StarTopology(leafCount: StarTopology.maximumLeafCount + 1).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.negativeLatency(
        generator: "star", parameter: "latency", value: .nanoseconds(-1))
    ) {
      try StarTopology(latency: .nanoseconds(-1)).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.nonPositiveBandwidth(
        generator: "star", parameter: "uplinkBandwidth", value: .bitsPerSecond(0))
    ) {
      try StarTopology(uplinkBandwidth: .bitsPerSecond(0)).makeTopology()
    }
  }

  @Test func generationErrorDescriptionNamesParameterValueAndRange() {
    let error = TopologyGenerationError.countOutOfRange(
      generator: "star", parameter: "leafCount", value: 0, accepted: "at least 1")
    #expect(error.description == "star topology: `leafCount` is 0; it must be at least 1")
    let bandwidth = TopologyGenerationError.nonPositiveBandwidth(
      generator: "edge-tree", parameter: "accessBandwidth", value: .bitsPerSecond(-5))
    #expect(
      bandwidth.description
        == "edge-tree topology: `accessBandwidth` is -5 bps; a bandwidth must be positive")
  }
}
