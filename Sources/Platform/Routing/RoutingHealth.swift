import SimCore

/// Which nodes and links are down, as routes see them: a route never crosses a down link or
/// enters a down node, and no route starts or ends at a down node.
///
/// The router hands a health to its shortest-path trees only while something is down
/// (`isAllUp` false), so a run without faults routes exactly as if this type did not exist.
struct RoutingHealth: Sendable {
  /// Per node, true while it is down.
  private(set) var isNodeDown: [Bool]
  /// Per link, true while it is down.
  private(set) var isLinkDown: [Bool]
  /// How many nodes and links are down.
  private(set) var downCount = 0

  /// Every node and link of a topology of the given size up.
  init(nodeCount: Int, linkCount: Int) {
    isNodeDown = Array(repeating: false, count: nodeCount)
    isLinkDown = Array(repeating: false, count: linkCount)
  }

  /// True while nothing is down.
  var isAllUp: Bool { downCount == 0 }

  /// True unless node `index` is down.
  @inline(__always) func isUp(node index: Int) -> Bool { !isNodeDown[index] }

  /// True unless link `index` is down.
  @inline(__always) func isUp(link index: Int) -> Bool { !isLinkDown[index] }

  /// Marks node `index` up or down; returns false when it already was.
  mutating func setNode(_ index: Int, isUp: Bool) -> Bool {
    guard isNodeDown[index] == isUp else { return false }
    isNodeDown[index] = !isUp
    downCount += isUp ? -1 : 1
    return true
  }

  /// Marks link `index` up or down; returns false when it already was.
  mutating func setLink(_ index: Int, isUp: Bool) -> Bool {
    guard isLinkDown[index] == isUp else { return false }
    isLinkDown[index] = !isUp
    downCount += isUp ? -1 : 1
    return true
  }
}
