import SimCore
import Testing

@testable import Platform

/// The edge tree's validator mesh must carry the validators' traffic (issue #9): routes between
/// validators cross their own link, parameters that would route around it are refused, and the
/// mesh's size is bounded.
struct EdgeTreeValidatorMeshTests {
  /// The channels of the route from validator `i` to validator `j`, by link name and direction.
  private static func routeNames(from i: Int, to j: Int, in topology: Topology) throws
    -> [String]
  {
    var router = Router(topology: topology)
    let source = try #require(topology.node(named: "v\(i)")).id
    let destination = try #require(topology.node(named: "v\(j)")).id
    let found = router.route(from: source, to: destination)
    let route = try #require(found)
    return route.channels.map { channel in
      let link = topology.links[channel.link.index]
      return channel.isAToB ? link.name : "\(link.name) (b→a)"
    }
  }

  @Test func validatorsGossipOverTheirOwnLinks() throws {
    // Defaults: validators hang off the cloud by 1 ms links and are 1 ms apart. The direct
    // link (1 ms) beats the way through the cloud (2 × 1 ms = 2 ms). With the old 30 ms
    // default, v0 → v1 went `cloud-v0` backwards then `cloud-v1`, and the mesh carried nothing.
    let topology = try EdgeTreeTopology(clientCount: 8, edgeCount: 2, validatorCount: 4)
      .makeTopology()
    for i in 0..<4 {
      for j in 0..<4 where i != j {
        // The link is named `v<low>-v<high>` with `a` = v<low>.
        let name = "v\(min(i, j))-v\(max(i, j))"
        let expected = i < j ? name : "\(name) (b→a)"
        #expect(try Self.routeNames(from: i, to: j, in: topology) == [expected], "v\(i) → v\(j)")
      }
    }
  }

  @Test func validatorsOnEdgesGossipOverTheirOwnLinks() throws {
    // Three validators over three edges, one each: the way round is attachment + backhaul, up
    // and down, 2 × (1 + 20) = 42 ms; a 40 ms validator link is still the shorter.
    let topology = try EdgeTreeTopology(
      clientCount: 6, edgeCount: 3, validatorCount: 3, validatorAttachment: .edges,
      validatorLatency: .milliseconds(40)
    ).makeTopology()
    #expect(try Self.routeNames(from: 0, to: 2, in: topology) == ["v0-v2"])
    #expect(try Self.routeNames(from: 2, to: 1, in: topology) == ["v1-v2 (b→a)"])
  }

  @Test(
    arguments: [
      // (attachment, validator count, validator latency in ms, bound in ms or nil if accepted)
      (EdgeTreeTopology.ValidatorAttachment.cloud, 4, 1, nil),
      (.cloud, 4, 2, 2),  // a tie with 2 × 1 ms: refused, the mesh must be strictly shorter
      (.cloud, 4, 30, 2),  // the old default
      (.cloud, 1, 30, nil),  // one validator has no peer: nothing to route
      (.edges, 3, 41, nil),  // one per edge: bound 2 × (1 + 20) = 42 ms
      (.edges, 3, 42, 42),
      (.edges, 4, 3, 2),  // four over three edges: e0 holds two, so the bound is 2 × 1 ms
    ] as [(EdgeTreeTopology.ValidatorAttachment, Int, Int64, Int64?)])
  func validatorLatencyMustUndercutTheWayRoundTheTree(
    attachment: EdgeTreeTopology.ValidatorAttachment, validators: Int, latency: Int64,
    bound: Int64?
  ) {
    let tree = EdgeTreeTopology(
      clientCount: 6, edgeCount: 3, validatorCount: validators, validatorAttachment: attachment,
      validatorLatency: .milliseconds(latency))
    guard let bound else {
      #expect(throws: Never.self) { try tree.makeTopology() }
      return
    }
    let shown =
      attachment == .cloud || validators > 3
      ? "2 × `attachmentLatency`" : "2 × `attachmentLatency` + 2 × `backhaulLatency`"
    #expect(
      throws: TopologyGenerationError.latencyOutOfRange(
        generator: "edge-tree", parameter: "validatorLatency", value: .milliseconds(latency),
        accepted:
          "below \(SimDuration.milliseconds(bound)) (\(shown), the way round through the tree), or validators would route around their own links"
      )
    ) {
      try tree.makeTopology()
    }
  }

  @Test func tooManyValidatorsAreRefusedWithTheLimit() {
    // 1,001 validators would be 1,001 · 1,000 / 2 = 500,500 mesh links; the limit is 1,000.
    let error = TopologyGenerationError.countOutOfRange(
      generator: "edge-tree", parameter: "validatorCount", value: 1_001,
      accepted: "from 0 to 1000")
    #expect(throws: error) {
      try EdgeTreeTopology(validatorCount: EdgeTreeTopology.maximumValidatorCount + 1)
        .makeTopology()
    }
    #expect(
      error.description
        == "edge-tree topology: `validatorCount` is 1001; it must be from 0 to 1000")
  }

  @Test func tooManyClientsOrEdgesAreRefusedWithTheLimit() {
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "edge-tree", parameter: "clientCount", value: 100_001,
        accepted: "from 4 to 100000")
    ) {
      try EdgeTreeTopology(clientCount: EdgeTreeTopology.maximumClientCount + 1).makeTopology()
    }
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "edge-tree", parameter: "edgeCount", value: 10_001,
        accepted: "from 1 to 10000")
    ) {
      try EdgeTreeTopology(
        clientCount: 20_000, edgeCount: EdgeTreeTopology.maximumEdgeCount + 1
      ).makeTopology()
    }
  }

  @Test func meshOfAHundredValidatorsHasEveryPairOnce() throws {
    // 100 validators: 100 · 99 / 2 = 4,950 mesh links, one per unordered pair.
    let topology = try EdgeTreeTopology(clientCount: 4, edgeCount: 2, validatorCount: 100)
      .makeTopology()
    let mesh = topology.links.filter { $0.linkClass == "p2p" }
    #expect(mesh.count == 4_950)
    #expect(Set(mesh.map { [$0.a, $0.b] }).count == 4_950)
  }
}
