import SimCore

/// A random geometric graph (Penrose, *Random Geometric Graphs*, OUP 2003): nodes dropped
/// uniformly at random in a square, linked when closer than a radius, made connected afterwards.
///
/// Positions are drawn in the unit square, node by node, x before y, with `nextUnitDouble()`;
/// the square is then scaled to `sideKilometres`. Nodes *i* < *j* are linked when their distance
/// in the unit square is strictly below `radius`; the link's latency is the scaled distance at
/// two thirds of the speed of light (see `PropagationDelay`).
///
/// **Reconnection.** A random geometric graph may fall apart into several connected components.
/// This generator always returns a connected topology: it takes the largest component as the main
/// one (the one with the lowest-numbered node on a tie) and joins every other component, in order
/// of its lowest-numbered node, to the main one by one extra link between the closest pair of
/// nodes (ties go to the lowest component node, then the lowest main node). These extra links are
/// longer than `radius` and come after the radius links in ID order. With `radius` above the
/// connectivity threshold √(ln n / (π n)) they are rare; with a tiny radius the result is a star
/// around `n0`.
///
/// Nodes are named `n0`, `n1`, …; links `n<i>-n<j>` with i < j and endpoint `a` = `n<i>`.
///
/// ```swift
/// var generator = RandomStreams(seed: 7).make(.topologyGeneration)
/// let topology = try RandomGeometricTopology(nodeCount: 30, radius: 0.3)
///   .makeTopology(using: &generator)
/// ```
public struct RandomGeometricTopology: Sendable, Hashable {
  /// The number of nodes. Default 50; from 1 to `maximumNodeCount`.
  public var nodeCount: Int
  /// The length of the square's side in kilometres. Default 100 km (a metropolitan area); at
  /// most `maximumSideKilometres`.
  public var sideKilometres: Double
  /// The linking radius as a fraction of the side: two nodes are linked when closer than
  /// `radius × sideKilometres`. Default 0.25, above the connectivity threshold ≈ 0.158 for 50
  /// nodes; a radius of √2 or more links every pair.
  public var radius: Double
  /// The bandwidth of every link, in each direction. Default 1 Gbps.
  public var bandwidth: BitRate
  /// The roles every node holds. Default `[.router]`.
  public var roles: [NodeRole]
  /// The device profile of every node. Default `.edgeServer`.
  public var profile: DeviceProfile
  /// The class of every link; nil (the default) infers it from the roles (`core` for routers).
  public var linkClass: String?
  /// Tasks every node runs side by side. Default 1, as before the cores were a parameter.
  public var cores: Int
  /// Probability that a message crossing a link is lost, in [0, 1). Default 0.
  public var loss: Double

  /// A random geometric graph with the given parameters; every argument has the default
  /// documented on its property.
  public init(
    nodeCount: Int = 50, sideKilometres: Double = 100, radius: Double = 0.25,
    bandwidth: BitRate = .gigabitsPerSecond(1), roles: [NodeRole] = [.router],
    profile: DeviceProfile = .edgeServer, linkClass: String? = nil, cores: Int = 1,
    loss: Double = 0
  ) {
    self.nodeCount = nodeCount
    self.sideKilometres = sideKilometres
    self.radius = radius
    self.bandwidth = bandwidth
    self.roles = roles
    self.profile = profile
    self.linkClass = linkClass
    self.cores = cores
    self.loss = loss
  }

  /// The largest accepted side: 10⁶ km, whose diagonal takes about 7 s at fibre speed — far
  /// beyond any network, yet small enough that no latency overflows the clock.
  public static let maximumSideKilometres = 1e6

  /// The largest accepted `nodeCount`: 100,000. With the near-linear construction, a sparse
  /// graph of this size builds in about a second (release) and some tens of MB; the limit bounds
  /// the memory of the nodes, the grid and the reconnection.
  public static let maximumNodeCount = 100_000

  /// The most links the radius may produce: 1,000,000 (about 150 B each in `Topology`, so
  /// ~150 MB). A radius of √2 links all n(n − 1)/2 pairs, so the count of links, not of nodes,
  /// bounds the work; beyond it `makeTopology` throws instead of filling memory.
  public static let maximumLinkCount = 1_000_000

  /// A point of the unit square.
  struct Point: Sendable, Hashable {
    var x: Double
    var y: Double

    /// The Euclidean distance to `other`.
    func distance(to other: Point) -> Double {
      let dx = x - other.x
      let dy = y - other.y
      return (dx * dx + dy * dy).squareRoot()
    }
  }

  /// Builds the graph, drawing `2 × nodeCount` unit doubles from `generator`.
  /// - Throws: `TopologyGenerationError` when a count, length, bandwidth, core count or loss
  ///   rate is out of range, or when the radius would link more than `maximumLinkCount` pairs.
  /// - Complexity: O(n + L) expected for n uniformly drawn nodes and L links (see
  ///   `radiusNeighbours(points:radius:)` and `reconnectionPairs(points:neighbours:)`).
  public func makeTopology(
    using generator: inout some RandomNumberGenerator
  ) throws(TopologyGenerationError) -> Topology {
    try validate()
    let points = (0..<nodeCount).map { _ in
      let x = generator.nextUnitDouble()
      return Point(x: x, y: generator.nextUnitDouble())
    }
    guard let neighbours = Self.radiusNeighbours(points: points, radius: radius) else {
      throw .tooManyLinks(
        generator: "random-geometric",
        parameters: "`nodeCount` \(nodeCount) and `radius` \(radius)",
        maximum: Self.maximumLinkCount)
    }
    var topology = Topology()
    let nodes = (0..<nodeCount).map {
      topology.addNode(name: "n\($0)", roles: roles, profile: profile, cores: cores)
    }
    for i in 0..<nodeCount {
      for j in neighbours[i] where j > i {
        addLink(i, j, points: points, nodes: nodes, to: &topology)
      }
    }
    for (i, j) in Self.reconnectionPairs(points: points, neighbours: neighbours) {
      addLink(i, j, points: points, nodes: nodes, to: &topology)
    }
    return topology
  }

  /// For each node, the nodes closer than `radius` in ascending order, or nil when there are
  /// more than `maximumLinkCount` such pairs.
  ///
  /// The pairs are exactly those of the all-pairs test `points[i].distance(to: points[j]) <
  /// radius` for i < j, found by comparing each point only with the points of its own and the 8
  /// adjacent cells of a `PointGrid` whose cells are at least `radius` wide.
  /// - Complexity: O(n + L) expected for uniform points: a cell holds O(1 + L / n) points on
  ///   average. It stops early once the pair count passes `maximumLinkCount`.
  static func radiusNeighbours(points: [Point], radius: Double) -> [[Int]]? {
    let grid = PointGrid(
      points: points, indices: Array(points.indices),
      cellsPerSide: radiusGridCellsPerSide(radius: radius, nodeCount: points.count))
    var neighbours = [[Int]](repeating: [], count: points.count)
    var pairCount = 0
    var closer: [Int] = []
    for i in points.indices {
      let cell = grid.cell(of: points[i])
      closer.removeAll(keepingCapacity: true)
      for dy in -1...1 {
        for dx in -1...1 {
          for j in grid.members(x: cell.x + dx, y: cell.y + dy)
          where j > i && points[i].distance(to: points[j]) < radius {
            closer.append(j)
          }
        }
      }
      pairCount += closer.count
      guard pairCount <= maximumLinkCount else { return nil }
      closer.sort()
      // i ascends, so every list gets its lower neighbours in ascending order, then its higher
      // ones (sorted here): each list ends up sorted.
      for j in closer { neighbours[j].append(i) }
      neighbours[i] += closer
    }
    return neighbours
  }

  /// Adds the link `n<i>-n<j>` (i < j) with the latency of their scaled distance.
  private func addLink(
    _ i: Int, _ j: Int, points: [Point], nodes: [NodeID], to topology: inout Topology
  ) {
    let kilometres = points[i].distance(to: points[j]) * sideKilometres
    topology.addLink(
      name: "n\(i)-n\(j)", between: nodes[i], and: nodes[j],
      latency: PropagationDelay.latency(overKilometres: kilometres), bandwidth: bandwidth,
      lossRate: loss, linkClass: linkClass)
  }

  /// Checks every parameter, in declaration order.
  private func validate() throws(TopologyGenerationError) {
    let generator = "random-geometric"
    try TopologyGenerationError.checkCount(
      nodeCount, in: 1...Self.maximumNodeCount, generator: generator, parameter: "nodeCount")
    try TopologyGenerationError.checkLength(
      sideKilometres, atMost: Self.maximumSideKilometres, generator: generator,
      parameter: "sideKilometres")
    try TopologyGenerationError.checkLength(radius, generator: generator, parameter: "radius")
    try TopologyGenerationError.checkBandwidth(
      bandwidth, generator: generator, parameter: "bandwidth")
    try TopologyGenerationError.checkCount(
      roles.count, atLeast: 1, generator: generator, parameter: "roles.count")
    try TopologyGenerationError.checkCores(cores, generator: generator, parameter: "cores")
    try TopologyGenerationError.checkLoss(loss, generator: generator, parameter: "loss")
  }
}
