// Making a random geometric graph connected: the component search and the choice of the extra
// links, kept apart from the sampling so that each can be read and tested on its own.

extension RandomGeometricTopology {
  /// The connected components of the graph given by `neighbours`, each as ascending node
  /// indices, ordered by their lowest node.
  /// - Complexity: O(n + L).
  static func components(neighbours: [[Int]]) -> [[Int]] {
    var component = [Int](repeating: -1, count: neighbours.count)
    var result: [[Int]] = []
    for start in neighbours.indices where component[start] < 0 {
      // Breadth-first search from the lowest node not yet reached.
      component[start] = result.count
      var members = [start]
      var next = 0
      while next < members.count {
        for neighbour in neighbours[members[next]] where component[neighbour] < 0 {
          component[neighbour] = result.count
          members.append(neighbour)
        }
        next += 1
      }
      result.append(members.sorted())
    }
    return result
  }

  /// The extra links that join every component to the main one, as pairs (i, j) with i < j.
  ///
  /// The main component is the largest, the earliest on a tie; each other component, in order,
  /// gets one link between its node and the main component's node at the least distance, the
  /// first such pair in ascending (component node, main node) order on a tie.
  ///
  /// Each node outside the main component finds its nearest main node on a `PointGrid` of the
  /// main component's points (about four points a cell), searching rings of cells outward and
  /// stopping once no unsearched cell can hold a point nearer than the best so far — its own,
  /// or its component's, which a later node must beat strictly to replace.
  /// - Complexity: O(n + L) expected when the main component spreads over the square, as it does
  ///   well above the percolation radius; at worst O(n × m) distance evaluations for a main
  ///   component of m nodes far from the rest. Measured at 100,000 nodes (release, 2 cores):
  ///   under 2 s at the worst radius (≈ 0.0037, near percolation), 0.2 s for isolated nodes.
  static func reconnectionPairs(points: [Point], neighbours: [[Int]]) -> [(Int, Int)] {
    let components = components(neighbours: neighbours)
    guard components.count > 1 else { return [] }
    var mainIndex = 0
    for (index, members) in components.enumerated()
    where members.count > components[mainIndex].count {
      mainIndex = index
    }
    let main = components[mainIndex]
    let grid = PointGrid(
      points: points, indices: main,
      cellsPerSide: max(Int((Double(main.count).squareRoot() / 2).rounded(.down)), 1))
    var pairs: [(Int, Int)] = []
    for (index, members) in components.enumerated() where index != mainIndex {
      var best = (node: -1, mainNode: -1, distance: Double.infinity)
      for node in members {
        if let found = nearest(to: points[node], among: grid, points: points, below: best.distance)
        {
          best = (node, found.mainNode, found.distance)
        }
      }
      precondition(best.node >= 0, "RandomGeometricTopology: no main node within reach")
      pairs.append((min(best.node, best.mainNode), max(best.node, best.mainNode)))
    }
    return pairs
  }

  /// The point of `grid` nearest to `point`, the lowest index on a tie, if it is strictly nearer
  /// than `bound`.
  static func nearest(to point: Point, among grid: PointGrid, points: [Point], below bound: Double)
    -> (mainNode: Int, distance: Double)?
  {
    let cell = grid.cell(of: point)
    let lastRing = max(
      cell.x, grid.cellsPerSide - 1 - cell.x, cell.y, grid.cellsPerSide - 1 - cell.y)
    var best = (mainNode: Int.max, distance: Double.infinity)
    for ring in 0...lastRing {
      grid.forEachMember(ring: ring, aroundX: cell.x, y: cell.y) { mainNode in
        let distance = point.distance(to: points[mainNode])
        if distance < best.distance || (distance == best.distance && mainNode < best.mainNode) {
          best = (mainNode, distance)
        }
      }
      // A point in ring r + 1 or beyond is at least r cell sides away along x or y. The margin
      // covers rounding in the cell index, so a point at exactly the best distance (which may
      // have a lower index) is never left unsearched.
      if min(best.distance, bound) < Double(ring) * grid.cellSide - 1e-9 { break }
    }
    return best.distance < bound ? best : nil
  }
}
