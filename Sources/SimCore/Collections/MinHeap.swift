/// A binary min-heap over contiguous storage: the router's Dijkstra frontier, the max-min
/// solver's bottleneck queue, the fault injector's next changes and the timeline's free lanes.
///
/// Among elements that compare equal the order is whatever the sifting leaves, so callers make
/// `<` total (tie-breaking fields) to keep results deterministic.
///
/// - Complexity: `push` and `pop` are O(log n).
public struct MinHeap<Element: Comparable> {
  @usableFromInline var items: [Element] = []

  @inlinable public init() {}

  /// Whether the heap holds nothing.
  @inlinable public var isEmpty: Bool { items.isEmpty }
  /// How many elements it holds.
  @inlinable public var count: Int { items.count }
  /// The least element, if any.
  @inlinable public var minimum: Element? { items.first }

  /// Adds `item`.
  @inlinable
  public mutating func push(_ item: Element) {
    items.append(item)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      if !(items[child] < items[parent]) { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the least element, or nil when empty.
  @inlinable
  public mutating func pop() -> Element? {
    guard !items.isEmpty else { return nil }
    items.swapAt(0, items.count - 1)
    let top = items.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < items.count && items[left] < items[smallest] { smallest = left }
      if right < items.count && items[right] < items[smallest] { smallest = right }
      if smallest == parent { break }
      items.swapAt(parent, smallest)
      parent = smallest
    }
    return top
  }

  /// Removes every element, keeping the storage.
  @inlinable public mutating func removeAll() { items.removeAll(keepingCapacity: true) }
}
