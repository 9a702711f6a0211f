import SimCore
import Testing

@testable import Platform

/// The grid construction of `RandomGeometricTopology` against the all-pairs reference it
/// replaced (issue #9): the same links, in the same order, with the same reconnections.
struct RandomGeometricGridTests {
  typealias Point = RandomGeometricTopology.Point

  // MARK: - The all-pairs reference

  /// Every pair i < j closer than `radius`, in (i, j) order: the former construction.
  private static func bruteForcePairs(points: [Point], radius: Double) -> [(Int, Int)] {
    var pairs: [(Int, Int)] = []
    for i in points.indices {
      for j in (i + 1)..<points.count where points[i].distance(to: points[j]) < radius {
        pairs.append((i, j))
      }
    }
    return pairs
  }

  /// The former reconnection: components by union–find, the largest (earliest on a tie) is
  /// the main one, and each other component joins it at the first closest pair in (component
  /// node, main node) order, comparing every pair.
  private static func bruteForceReconnection(points: [Point], pairs: [(Int, Int)]) -> [(Int, Int)] {
    var parent = Array(points.indices)
    func root(_ node: Int) -> Int {
      var node = node
      while parent[node] != node { node = parent[node] }
      return node
    }
    for (i, j) in pairs {
      let (a, b) = (root(i), root(j))
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    var membersByRoot: [Int: [Int]] = [:]
    for node in points.indices { membersByRoot[root(node), default: []].append(node) }
    // Ordered by lowest node, which is the root here (roots are always the lower index).
    let components = membersByRoot.keys.sorted().map { membersByRoot[$0]! }
    guard components.count > 1 else { return [] }
    var mainIndex = 0
    for (index, members) in components.enumerated()
    where members.count > components[mainIndex].count {
      mainIndex = index
    }
    let main = components[mainIndex]
    var result: [(Int, Int)] = []
    for (index, members) in components.enumerated() where index != mainIndex {
      var best = (node: members[0], mainNode: main[0])
      var bestDistance = points[best.node].distance(to: points[best.mainNode])
      for node in members {
        for mainNode in main where points[node].distance(to: points[mainNode]) < bestDistance {
          best = (node, mainNode)
          bestDistance = points[node].distance(to: points[mainNode])
        }
      }
      result.append((min(best.node, best.mainNode), max(best.node, best.mainNode)))
    }
    return result
  }

  /// The points the generator draws for `nodeCount` nodes from `seed`: x then y, node by node.
  private static func drawnPoints(nodeCount: Int, seed: UInt64) -> [Point] {
    var generator = RandomStreams(seed: seed).make(.topologyGeneration)
    return (0..<nodeCount).map { _ in
      let x = generator.nextUnitDouble()
      return Point(x: x, y: generator.nextUnitDouble())
    }
  }

  // MARK: - Tests

  @Test(arguments: [
    // (nodes, radius): isolated nodes; below percolation (many components); near the
    // connectivity threshold √(ln 300 / 300π) ≈ 0.078; dense; one cell with unlinked pairs;
    // every pair; a larger sparse graph whose grid is capped at √n cells a side.
    (300, 0.01), (300, 0.05), (300, 0.08), (300, 0.3), (200, 1.0), (120, 1.5), (2_000, 0.004),
  ])
  func gridConstructionMatchesBruteForce(nodeCount: Int, radius: Double) throws {
    for seed: UInt64 in 0..<4 {
      let points = Self.drawnPoints(nodeCount: nodeCount, seed: seed)
      let radiusPairs = Self.bruteForcePairs(points: points, radius: radius)
      let expected =
        radiusPairs + Self.bruteForceReconnection(points: points, pairs: radiusPairs)
      var generator = RandomStreams(seed: seed).make(.topologyGeneration)
      let topology = try RandomGeometricTopology(nodeCount: nodeCount, radius: radius)
        .makeTopology(using: &generator)
      #expect(
        topology.links.map(\.name) == expected.map { "n\($0.0)-n\($0.1)" },
        "seed \(seed), \(nodeCount) nodes, radius \(radius)")
      let latencies = expected.map { i, j in
        PropagationDelay.latency(overKilometres: points[i].distance(to: points[j]) * 100)
      }
      #expect(topology.links.map(\.latency) == latencies, "seed \(seed)")
    }
  }

  @Test(arguments: [0.125, 0.25, 0.25.nextUp, 0.5, 1.0 / 3])
  func latticePointsAtExactlyTheRadiusAreNotLinked(radius: Double) {
    // An 8 × 8 lattice of spacing 1/8 puts many pairs at exactly 0.125, 0.25 or 0.5, on cell
    // borders: `<` must exclude them as the all-pairs test does, and `nextUp` include them.
    let points = (0..<64).map { Point(x: Double($0 % 8) / 8, y: Double($0 / 8) / 8) }
    let neighbours = RandomGeometricTopology.radiusNeighbours(points: points, radius: radius)
    var gridPairs: [[Int]] = []
    for (i, list) in (neighbours ?? []).enumerated() {
      #expect(list == list.sorted(), "node \(i)'s neighbours are unsorted")
      for j in list where j > i { gridPairs.append([i, j]) }
    }
    let expected = Self.bruteForcePairs(points: points, radius: radius).map { [$0.0, $0.1] }
    #expect(gridPairs == expected)
  }

  @Test(arguments: 0..<6)
  func reconnectionBreaksTiesLikeTheAllPairsSearch(seed: Int) {
    // Lattice points have many equal distances, so ties decide the pairs. Components are
    // random groups of lattice-adjacent points (a random spanning forest of the lattice).
    let points = (0..<100).map { Point(x: Double($0 % 10) / 10, y: Double($0 / 10) / 10) }
    var generator = RandomStreams(seed: UInt64(seed)).make(.topologyGeneration)
    var pairs: [(Int, Int)] = []
    for node in points.indices {
      if node % 10 < 9 && generator.nextUnitDouble() < 0.3 { pairs.append((node, node + 1)) }
      if node < 90 && generator.nextUnitDouble() < 0.3 { pairs.append((node, node + 10)) }
    }
    var neighbours = [[Int]](repeating: [], count: points.count)
    for (i, j) in pairs {
      neighbours[i].append(j)
      neighbours[j].append(i)
    }
    let grid = RandomGeometricTopology.reconnectionPairs(points: points, neighbours: neighbours)
    let expected = Self.bruteForceReconnection(points: points, pairs: pairs)
    #expect(!expected.isEmpty, "seed \(seed) gave a connected lattice")
    #expect(grid.map { [$0.0, $0.1] } == expected.map { [$0.0, $0.1] }, "seed \(seed)")
  }

  @Test func tooManyLinksAreRefusedWithTheLimit() {
    // A radius above the diagonal links all 1,500 · 1,499 / 2 = 1,124,250 pairs, past the
    // 1,000,000-link limit.
    var generator = RandomStreams(seed: 1).make(.topologyGeneration)
    let error = TopologyGenerationError.tooManyLinks(
      generator: "random-geometric", parameters: "`nodeCount` 1500 and `radius` 1.5",
      maximum: 1_000_000)
    #expect(throws: error) {
      try RandomGeometricTopology(nodeCount: 1_500, radius: 1.5).makeTopology(using: &generator)
    }
    #expect(
      error.description
        == "random-geometric topology: `nodeCount` 1500 and `radius` 1.5 make more than 1000000 links, the most it builds; lower them"
    )
  }

  @Test func radiusSearchOfAHundredThousandNodesIsNearLinear() throws {
    // 100,000 uniform points, radius 0.005: about C(100,000, 2) × (πr² − 8r³/3) ≈ 5·10⁹ ×
    // 7.82·10⁻⁵ ≈ 391,000 pairs (the second term is the square's border). The grid compares
    // each point with ~9 × 1.2 others a cell; all pairs would be 5·10⁹ distance tests.
    let points = Self.drawnPoints(nodeCount: 100_000, seed: 1)
    var neighbours: [[Int]]?
    let elapsed = ContinuousClock().measure {
      neighbours = RandomGeometricTopology.radiusNeighbours(points: points, radius: 0.005)
    }
    let pairCount = try #require(neighbours).reduce(0) { $0 + $1.count } / 2
    #expect(pairCount > 380_000 && pairCount < 400_000, "\(pairCount) pairs")
    #expect(elapsed < .seconds(10), "took \(elapsed)")
  }

  @Test func reconnectionOfFortyThousandComponentsIsNearLinear() {
    // 80,000 uniform points: the first 40,000 chained into the main component, the other
    // 40,000 isolated. Each isolated node joins its nearest main node: comparing every pair
    // would be 40,000² = 1.6·10⁹ distance tests; the grid needs a few dozen per node.
    let points = Self.drawnPoints(nodeCount: 80_000, seed: 4)
    var neighbours = [[Int]](repeating: [], count: points.count)
    for node in 0..<39_999 {
      neighbours[node].append(node + 1)
      neighbours[node + 1].append(node)
    }
    var pairs: [(Int, Int)] = []
    let elapsed = ContinuousClock().measure {
      pairs = RandomGeometricTopology.reconnectionPairs(points: points, neighbours: neighbours)
    }
    #expect(pairs.count == 40_000)
    #expect(pairs.map(\.1) == Array(40_000..<80_000))
    // Every 200th pair checked against a search of the whole main component.
    for (mainNode, node) in pairs.enumerated().filter({ $0.offset % 200 == 0 }).map(\.element) {
      var nearest = 0
      for candidate in 1..<40_000
      where points[node].distance(to: points[candidate])
        < points[node].distance(to: points[nearest])
      {
        nearest = candidate
      }
      #expect(mainNode == nearest, "node \(node)")
    }
    #expect(elapsed < .seconds(10), "took \(elapsed)")
  }
}
