/// A binary min-heap over contiguous storage: the next change of each random process element and
/// each availability trace, so that the injector always applies the earliest one.
///
/// Elements that compare equal come out in an unspecified order, so callers give every element a
/// distinct key (the injector's events differ at least in fault or element index).
struct BinaryHeap<Element: Comparable> {
  private var storage: [Element] = []

  var isEmpty: Bool { storage.isEmpty }
  var count: Int { storage.count }

  /// The least element, if any.
  var min: Element? { storage.first }

  /// Adds `element`.
  /// - Complexity: O(log n).
  mutating func insert(_ element: Element) {
    storage.append(element)
    var child = storage.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard storage[child] < storage[parent] else { break }
      storage.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the least element.
  /// - Precondition: the heap is not empty.
  /// - Complexity: O(log n).
  mutating func removeMin() -> Element {
    precondition(!storage.isEmpty, "BinaryHeap: removeMin on an empty heap")
    let least = storage[0]
    let last = storage.removeLast()
    guard !storage.isEmpty else { return least }
    storage[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < storage.count else { break }
      let right = left + 1
      let smaller = right < storage.count && storage[right] < storage[left] ? right : left
      guard storage[smaller] < storage[parent] else { break }
      storage.swapAt(smaller, parent)
      parent = smaller
    }
    return least
  }

  /// Removes every element.
  mutating func removeAll() { storage.removeAll() }
}
