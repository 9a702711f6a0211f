import SimCore
import Testing

@testable import Platform

/// The generators' per-tier cores, per-link-kind loss rates and the edge tree's storage node: what
/// a scenario sweeps besides counts, latencies and bandwidths (issue #13, §5).
struct GeneratorCoresAndLossTests {
  @Test func edgeTreeDefaultsAreOneCoreNoLossAndNoStorage() throws {
    // What the tree built before these were parameters: 10 + 3 + 1 + 4 = 18 nodes, 10 + 3 + 4 +
    // 6 = 23 links (as `EdgeTreeTopologyTests` counts), every node one core, no link lossy.
    let topology = try EdgeTreeTopology(clientCount: 10, edgeCount: 3, validatorCount: 4)
      .makeTopology()
    #expect(topology.nodes.count == 18 && topology.links.count == 23)
    #expect(topology.nodes.allSatisfy { $0.cores == 1 })
    #expect(topology.links.allSatisfy { $0.lossRate == 0 })
    #expect(topology.nodes(withRole: .storage).isEmpty)
  }

  @Test func edgeTreeGivesEachTierItsCoresAndEachLinkKindItsLoss() throws {
    var tree = EdgeTreeTopology(clientCount: 4, edgeCount: 2, validatorCount: 3)
    (tree.clientCores, tree.edgeCores, tree.cloudCores, tree.validatorCores) = (2, 4, 16, 8)
    (tree.accessLoss, tree.backhaulLoss, tree.attachmentLoss, tree.validatorLoss) =
      (0.1, 0.01, 0.001, 0.0001)
    let topology = try tree.makeTopology()
    func cores(_ role: NodeRole) -> Set<Int> { Set(topology.nodes(withRole: role).map(\.cores)) }
    #expect(cores(.client) == [2] && cores(.edge) == [4])
    #expect(cores(.server) == [16] && cores(.validator) == [8])
    // The classes the tree's links take (`LinkClass.infer`), one loss rate each.
    var losses: [String: Set<Double>] = [:]  // only looked up
    for link in topology.links { losses[link.linkClass, default: []].insert(link.lossRate) }
    #expect(losses["client-edge"] == [0.1] && losses["edge-cloud"] == [0.01])
    #expect(losses["cloud-validator"] == [0.001] && losses["p2p"] == [0.0001])
  }

  @Test func edgeTreeStorageComesLastAndLeavesEverythingElseInPlace() throws {
    var tree = EdgeTreeTopology(clientCount: 4, edgeCount: 2, validatorCount: 3)
    let without = try tree.makeTopology()
    tree.hasStorage = true
    let with = try tree.makeTopology()
    // One node and one link more, after all the others, which keep their IDs and values.
    #expect(with.nodes.count == without.nodes.count + 1)
    #expect(with.links.count == without.links.count + 1)
    #expect(Array(with.nodes.dropLast()) == without.nodes)
    #expect(Array(with.links.dropLast()) == without.links)
    let storage = try #require(with.nodes.last)
    #expect(storage.name == "storage" && storage.roles == [.storage])
    #expect(storage.profile == .cloudServer && storage.cores == 1)
    let link = try #require(with.links.last)
    #expect(link.name == "cloud-storage" && link.linkClass == "cloud-cloud")
    #expect(with.nodes[link.a.index].name == "cloud" && link.b == storage.id)
    // The documented defaults: co-located (1 ms), a data-centre link (10 Gbps).
    #expect(link.latency == .milliseconds(1) && link.bandwidthAToB == .gigabitsPerSecond(10))
    #expect(link.bandwidthBToA == .gigabitsPerSecond(10))
  }

  @Test func starGivesHubAndLeavesTheirCoresAndEveryLinkTheLoss() throws {
    let topology = try StarTopology(leafCount: 3, hubCores: 8, leafCores: 2, loss: 0.05)
      .makeTopology()
    #expect(topology.nodes.map(\.cores) == [8, 2, 2, 2])
    #expect(topology.links.map(\.lossRate) == [0.05, 0.05, 0.05])
  }

  @Test func randomGeometricCoresAndLossChangeNothingElse() throws {
    // The same seed draws the same points, so the links are the same but for their loss.
    var first = RandomStreams(seed: 3).make(.topologyGeneration)
    var second = RandomStreams(seed: 3).make(.topologyGeneration)
    let plain = try RandomGeometricTopology(nodeCount: 20, radius: 0.4)
      .makeTopology(using: &first)
    let tuned = try RandomGeometricTopology(nodeCount: 20, radius: 0.4, cores: 4, loss: 0.2)
      .makeTopology(using: &second)
    #expect(tuned.nodes.allSatisfy { $0.cores == 4 })
    #expect(tuned.links.allSatisfy { $0.lossRate == 0.2 })
    #expect(tuned.links.map(\.name) == plain.links.map(\.name))
    #expect(tuned.links.map(\.latency) == plain.links.map(\.latency))
  }

  @Test func lossOutsideZeroToOneAndZeroCoresAreRefusedNamingTheParameter() {
    #expect(
      throws: TopologyGenerationError.lossOutOfRange(
        generator: "edge-tree", parameter: "backhaulLoss", value: 1)
    ) {
      try EdgeTreeTopology(backhaulLoss: 1).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.lossOutOfRange(
        generator: "star", parameter: "loss", value: -0.5)
    ) {
      try StarTopology(loss: -0.5).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "edge-tree", parameter: "validatorCores", value: 0, accepted: "at least 1")
    ) {
      try EdgeTreeTopology(validatorCores: 0).makeTopology()
    }
    var generator = RandomStreams(seed: 1).make(.topologyGeneration)
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "random-geometric", parameter: "cores", value: 0, accepted: "at least 1")
    ) {
      try RandomGeometricTopology(cores: 0).makeTopology(using: &generator)
    }
    let error = TopologyGenerationError.lossOutOfRange(
      generator: "star", parameter: "loss", value: 1)
    #expect(
      error.description
        == "star topology: `loss` is 1.0; a loss rate must be at least 0 and below 1")
  }
}
