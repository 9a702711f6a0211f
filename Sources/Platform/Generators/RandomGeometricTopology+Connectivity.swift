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
  /// - Complexity: O(n²) distance evaluations at most.
  static func reconnectionPairs(points: [Point], neighbours: [[Int]]) -> [(Int, Int)] {
    let components = components(neighbours: neighbours)
    guard components.count > 1 else { return [] }
    var mainIndex = 0
    for (index, members) in components.enumerated()
    where members.count > components[mainIndex].count {
      mainIndex = index
    }
    let main = components[mainIndex]
    var pairs: [(Int, Int)] = []
    for (index, members) in components.enumerated() where index != mainIndex {
      var best = (node: members[0], mainNode: main[0])
      var bestDistance = points[best.node].distance(to: points[best.mainNode])
      for node in members {
        for mainNode in main {
          let distance = points[node].distance(to: points[mainNode])
          if distance < bestDistance {
            best = (node, mainNode)
            bestDistance = distance
          }
        }
      }
      pairs.append((min(best.node, best.mainNode), max(best.node, best.mainNode)))
    }
    return pairs
  }
}
