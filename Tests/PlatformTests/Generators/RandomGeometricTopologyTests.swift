import SimCore
import Testing

@testable import Platform

struct RandomGeometricTopologyTests {
  /// Whether every node of `topology` is reachable from node 0 (breadth-first search).
  private static func isConnected(_ topology: Topology) -> Bool {
    guard !topology.nodes.isEmpty else { return true }
    var reached = [Bool](repeating: false, count: topology.nodes.count)
    reached[0] = true
    var queue = [NodeID(0)]
    var next = 0
    while next < queue.count {
      let node = queue[next]
      next += 1
      for linkID in topology.adjacency[node.index] {
        let other = topology.links[linkID.index].otherEnd(from: node)
        if !reached[other.index] {
          reached[other.index] = true
          queue.append(other)
        }
      }
    }
    return reached.allSatisfy { $0 }
  }

  @Test func sameSeedGivesTheSameTopologyAndAnotherSeedDoesNot() throws {
    let parameters = RandomGeometricTopology(nodeCount: 30, radius: 0.3)
    var first = RandomStreams(seed: 11).make(.topologyGeneration)
    var again = RandomStreams(seed: 11).make(.topologyGeneration)
    var other = RandomStreams(seed: 12).make(.topologyGeneration)
    let a = try parameters.makeTopology(using: &first)
    let b = try parameters.makeTopology(using: &again)
    let c = try parameters.makeTopology(using: &other)
    #expect(a.nodes == b.nodes)
    #expect(a.links == b.links)
    #expect(a.links.map(\.latency) != c.links.map(\.latency))
  }

  @Test(arguments: 0..<12)
  func sparseGraphIsAlwaysReconnected(seed: Int) throws {
    // Radius 0.12 is below the connectivity threshold √(ln 40 / (40π)) ≈ 0.171, so most raw
    // graphs fall apart; the generator must join them.
    var generator = RandomStreams(seed: UInt64(seed)).make(.topologyGeneration)
    let topology = try RandomGeometricTopology(nodeCount: 40, radius: 0.12)
      .makeTopology(using: &generator)
    #expect(topology.nodes.count == 40)
    #expect(Self.isConnected(topology), "seed \(seed) gave a disconnected graph")
  }

  @Test func sparseGraphsNeedReconnectionLinks() throws {
    // Guards the sweep above against passing vacuously: some seed must have needed a link
    // longer than the radius (0.12 × 100 km = 12 km ≈ 60,041 ns of fibre).
    let radiusLatency = PropagationDelay.latency(overKilometres: 12)
    var extraLinks = 0
    for seed in 0..<12 {
      var generator = RandomStreams(seed: UInt64(seed)).make(.topologyGeneration)
      let topology = try RandomGeometricTopology(nodeCount: 40, radius: 0.12)
        .makeTopology(using: &generator)
      extraLinks += topology.links.filter { $0.latency > radiusLatency }.count
    }
    #expect(extraLinks > 0)
  }

  @Test func tinyRadiusGivesAStarAroundTheFirstNode() throws {
    // No pair is closer than 10⁻¹², so every node is its own component; all have size 1, the
    // main one is n0's, and each other node joins n0 directly.
    var generator = RandomStreams(seed: 3).make(.topologyGeneration)
    let topology = try RandomGeometricTopology(nodeCount: 6, radius: 1e-12)
      .makeTopology(using: &generator)
    #expect(topology.links.map(\.name) == ["n0-n1", "n0-n2", "n0-n3", "n0-n4", "n0-n5"])
  }

  @Test func radiusAboveTheDiagonalLinksEveryPair() throws {
    var generator = RandomStreams(seed: 5).make(.topologyGeneration)
    let topology = try RandomGeometricTopology(nodeCount: 7, radius: 1.5, roles: [.validator])
      .makeTopology(using: &generator)
    // The unit square's diagonal is √2 < 1.5: 7·6/2 = 21 links.
    #expect(topology.links.count == 21)
    #expect(topology.links.allSatisfy { $0.linkClass == "p2p" })
    #expect(topology.nodes.allSatisfy { $0.roles == [.validator] })
  }

  @Test func latencyIsTheScaledDistanceAtTwoThirdsOfLightSpeed() throws {
    // Two nodes, always linked: the positions are the generator's first four unit doubles
    // (x₀, y₀, x₁, y₁); the expected latency is their distance × 250 km ÷ 199,861.638… km/s.
    var draws = RandomStreams(seed: 9).make(.topologyGeneration)
    let (x0, y0, x1, y1) = (
      draws.nextUnitDouble(), draws.nextUnitDouble(), draws.nextUnitDouble(),
      draws.nextUnitDouble()
    )
    let kilometres = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot() * 250
    let expectedNanoseconds = (kilometres / 199_861.638_666_666_7 * 1e9).rounded()

    var generator = RandomStreams(seed: 9).make(.topologyGeneration)
    let topology = try RandomGeometricTopology(
      nodeCount: 2, sideKilometres: 250, radius: 2, bandwidth: .megabitsPerSecond(300)
    ).makeTopology(using: &generator)
    let link = try #require(topology.links.first)
    #expect(link.name == "n0-n1")
    #expect(Double(link.latency.nanoseconds) == expectedNanoseconds)
    #expect(link.bandwidthAToB == .megabitsPerSecond(300))
    #expect(link.linkClass == "core")
  }

  @Test func componentsJoinTheLargestAtTheirNearestPair() {
    // Points on a line at x = 0, 0.1, 0.5, 0.9, 1.0 with links {0,1} and {3,4}: components
    // {0,1}, {2}, {3,4}. The first two-node component is the main one (tie with {3,4}); {2} is
    // nearest to node 1 (0.4 away), {3,4} via node 3 to node 1 (0.8 away).
    let points = [0, 0.1, 0.5, 0.9, 1.0].map { RandomGeometricTopology.Point(x: $0, y: 0) }
    let neighbours = [[1], [0], [], [4], [3]]
    #expect(RandomGeometricTopology.components(neighbours: neighbours) == [[0, 1], [2], [3, 4]])
    let pairs = RandomGeometricTopology.reconnectionPairs(points: points, neighbours: neighbours)
    #expect(pairs.map { [$0.0, $0.1] } == [[1, 2], [1, 3]])
  }

  @Test func randomGeometricRejectsBadParameters() {
    var generator = RandomStreams(seed: 1).make(.topologyGeneration)
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "random-geometric", parameter: "nodeCount", value: 0,
        accepted: "from 1 to 100000")
    ) {
      try RandomGeometricTopology(nodeCount: 0).makeTopology(using: &generator)
    }
    #expect(
      throws: TopologyGenerationError.countOutOfRange(
        generator: "random-geometric", parameter: "nodeCount", value: 100_001,
        accepted: "from 1 to 100000")
    ) {
      try RandomGeometricTopology(nodeCount: RandomGeometricTopology.maximumNodeCount + 1)
        .makeTopology(using: &generator)
    }
    #expect(
      throws: TopologyGenerationError.invalidLength(
        generator: "random-geometric", parameter: "sideKilometres", value: 0,
        accepted: "positive and at most 1000000.0")
    ) {
      try RandomGeometricTopology(sideKilometres: 0).makeTopology(using: &generator)
    }
    #expect(
      throws: TopologyGenerationError.invalidLength(
        generator: "random-geometric", parameter: "sideKilometres", value: 2e6,
        accepted: "positive and at most 1000000.0")
    ) {
      try RandomGeometricTopology(sideKilometres: 2e6).makeTopology(using: &generator)
    }
    #expect(
      throws: TopologyGenerationError.invalidLength(
        generator: "random-geometric", parameter: "radius", value: -0.5,
        accepted: "a positive finite number")
    ) {
      try RandomGeometricTopology(radius: -0.5).makeTopology(using: &generator)
    }
    #expect(
      throws: TopologyGenerationError.nonPositiveBandwidth(
        generator: "random-geometric", parameter: "bandwidth", value: .bitsPerSecond(0))
    ) {
      try RandomGeometricTopology(bandwidth: .bitsPerSecond(0)).makeTopology(using: &generator)
    }
  }

  @Test func propagationDelayOfOneThousandKilometres() {
    // 1,000 km ÷ (2/3 × 299,792.458 km/s) = 5.003461428 ms → 5,003,461 ns (python: 5003461.428).
    #expect(PropagationDelay.latency(overKilometres: 1_000) == .nanoseconds(5_003_461))
    #expect(PropagationDelay.latency(overKilometres: 0) == .zero)
  }
}
