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
  /// The number of nodes. Default 50; must be at least 1.
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

  /// A random geometric graph with the given parameters; every argument has the default
  /// documented on its property.
  public init(
    nodeCount: Int = 50, sideKilometres: Double = 100, radius: Double = 0.25,
    bandwidth: BitRate = .gigabitsPerSecond(1), roles: [NodeRole] = [.router],
    profile: DeviceProfile = .edgeServer, linkClass: String? = nil
  ) {
    self.nodeCount = nodeCount
    self.sideKilometres = sideKilometres
    self.radius = radius
    self.bandwidth = bandwidth
    self.roles = roles
    self.profile = profile
    self.linkClass = linkClass
  }

  /// The largest accepted side: 10⁶ km, whose diagonal takes about 7 s at fibre speed — far
  /// beyond any network, yet small enough that no latency overflows the clock.
  public static let maximumSideKilometres = 1e6

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
  /// - Throws: `TopologyGenerationError` when a count, length or bandwidth is out of range.
  /// - Complexity: O(n² + L²) for n nodes and L links: every pair is tested, and `Topology`
  ///   checks link names by a linear search.
  public func makeTopology(
    using generator: inout some RandomNumberGenerator
  ) throws(TopologyGenerationError) -> Topology {
    try validate()
    let points = (0..<nodeCount).map { _ in
      let x = generator.nextUnitDouble()
      return Point(x: x, y: generator.nextUnitDouble())
    }
    var topology = Topology()
    let nodes = (0..<nodeCount).map {
      topology.addNode(name: "n\($0)", roles: roles, profile: profile)
    }
    var neighbours = [[Int]](repeating: [], count: nodeCount)
    for i in 0..<nodeCount {
      for j in (i + 1)..<nodeCount where points[i].distance(to: points[j]) < radius {
        addLink(i, j, points: points, nodes: nodes, to: &topology)
        neighbours[i].append(j)
        neighbours[j].append(i)
      }
    }
    for (i, j) in Self.reconnectionPairs(points: points, neighbours: neighbours) {
      addLink(i, j, points: points, nodes: nodes, to: &topology)
    }
    return topology
  }

  /// Adds the link `n<i>-n<j>` (i < j) with the latency of their scaled distance.
  private func addLink(
    _ i: Int, _ j: Int, points: [Point], nodes: [NodeID], to topology: inout Topology
  ) {
    let kilometres = points[i].distance(to: points[j]) * sideKilometres
    topology.addLink(
      name: "n\(i)-n\(j)", between: nodes[i], and: nodes[j],
      latency: PropagationDelay.latency(overKilometres: kilometres), bandwidth: bandwidth,
      linkClass: linkClass)
  }

  /// Checks every parameter, in declaration order.
  private func validate() throws(TopologyGenerationError) {
    let generator = "random-geometric"
    try TopologyGenerationError.checkCount(
      nodeCount, atLeast: 1, generator: generator, parameter: "nodeCount")
    try TopologyGenerationError.checkLength(
      sideKilometres, atMost: Self.maximumSideKilometres, generator: generator,
      parameter: "sideKilometres")
    try TopologyGenerationError.checkLength(radius, generator: generator, parameter: "radius")
    try TopologyGenerationError.checkBandwidth(
      bandwidth, generator: generator, parameter: "bandwidth")
    try TopologyGenerationError.checkCount(
      roles.count, atLeast: 1, generator: generator, parameter: "roles.count")
  }
}
