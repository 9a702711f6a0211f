// A uniform grid over the unit square that buckets points by cell, so that the radius search and
// the nearest-node search of `RandomGeometricTopology` look at nearby cells only instead of at
// every pair (the classic cell-list method of molecular dynamics; Bentley, Stanat & Williams,
// "The complexity of finding fixed-radius near neighbors", IPL 6(6), 1977).

extension RandomGeometricTopology {
  /// Points of the unit square bucketed into `cellsPerSide × cellsPerSide` square cells.
  ///
  /// Cells are stored as one array of point indices sorted by cell, then by index (a counting
  /// sort), so a cell's members come out in ascending index order and the grid costs
  /// O(points + cells) memory.
  struct PointGrid {
    /// The number of cells along each side, at least 1.
    let cellsPerSide: Int
    /// The side of a cell in the unit square: `1 / cellsPerSide`.
    var cellSide: Double { 1 / Double(cellsPerSide) }
    /// `members[cellStart[c]..<cellStart[c + 1]]` are the points of cell c = x + y × side.
    private let cellStart: [Int]
    /// The point indices, grouped by cell, ascending within a cell.
    private let members: [Int]

    /// Buckets `indices` (ascending) of `points` into a grid with `cellsPerSide` cells a side.
    /// - Complexity: O(indices + cellsPerSide²).
    init(points: [Point], indices: [Int], cellsPerSide: Int) {
      precondition(cellsPerSide >= 1, "PointGrid: cellsPerSide \(cellsPerSide) is below 1")
      self.cellsPerSide = cellsPerSide
      var start = [Int](repeating: 0, count: cellsPerSide * cellsPerSide + 1)
      for index in indices {
        start[Self.cell(of: points[index], cellsPerSide: cellsPerSide).index + 1] += 1
      }
      for cell in 0..<(cellsPerSide * cellsPerSide) { start[cell + 1] += start[cell] }
      var next = start
      var members = [Int](repeating: 0, count: indices.count)
      for index in indices {
        let cell = Self.cell(of: points[index], cellsPerSide: cellsPerSide).index
        members[next[cell]] = index
        next[cell] += 1
      }
      self.cellStart = start
      self.members = members
    }

    /// The cell holding `point`: its column, row and index `x + y × cellsPerSide`. A coordinate
    /// that rounds up to the far edge goes to the last cell.
    static func cell(of point: Point, cellsPerSide: Int) -> (x: Int, y: Int, index: Int) {
      let side = Double(cellsPerSide)
      let x = min(max(Int(point.x * side), 0), cellsPerSide - 1)
      let y = min(max(Int(point.y * side), 0), cellsPerSide - 1)
      return (x, y, x + y * cellsPerSide)
    }

    /// The cell holding `point`.
    func cell(of point: Point) -> (x: Int, y: Int, index: Int) {
      Self.cell(of: point, cellsPerSide: cellsPerSide)
    }

    /// The points in the cell at column `x`, row `y`, ascending; empty outside the grid.
    func members(x: Int, y: Int) -> ArraySlice<Int> {
      guard x >= 0, y >= 0, x < cellsPerSide, y < cellsPerSide else { return [] }
      let cell = x + y * cellsPerSide
      return members[cellStart[cell]..<cellStart[cell + 1]]
    }

    /// Calls `body` with the points of every cell whose Chebyshev distance (in cells) from
    /// column `x`, row `y` is exactly `ring`; ring 0 is the cell itself.
    func forEachMember(ring: Int, aroundX x: Int, y: Int, _ body: (Int) -> Void) {
      for dy in -ring...ring {
        let step = abs(dy) == ring ? 1 : max(2 * ring, 1)
        for dx in stride(from: -ring, through: ring, by: step) {
          for member in members(x: x + dx, y: y + dy) { body(member) }
        }
      }
    }
  }

  // MARK: - Grid sizes

  /// The cells per side of the grid for the radius search: cells at least `radius` wide (with a
  /// margin that covers rounding), so that two linked points are in the same or adjacent cells;
  /// and no more than about n cells, so that a tiny radius does not make the grid huge.
  static func radiusGridCellsPerSide(radius: Double, nodeCount: Int) -> Int {
    // Cells of side 1 / ⌊(1 − 10⁻⁹) / radius⌋ are wider than radius × (1 + 10⁻⁹). The
    // floating-point errors of the cell index (≤ √n × 2⁻⁵³ cells) and of the distance (a few
    // ulps) stay far below that margin, so no linked pair is two cells apart.
    let limit = min((1 - 1e-9) / radius, Double(nodeCount).squareRoot()).rounded(.down)
    return max(Int(limit), 1)
  }
}
