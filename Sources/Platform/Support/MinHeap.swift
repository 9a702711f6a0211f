/// A binary min-heap: the router's Dijkstra frontier and the max-min solver's bottleneck queue.
/// Among equal elements the order is whatever `<` says, so callers make `<` total (tie-breaking
/// fields) to keep results deterministic.
///
/// - Complexity: `push` and `pop` are O(log n).
struct MinHeap<Element: Comparable> {
  private var items: [Element] = []

  mutating func push(_ item: Element) {
    items.append(item)
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      if !(items[child] < items[parent]) { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> Element? {
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
}
