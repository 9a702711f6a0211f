extension EventQueue {
  /// Checks the heap order and the slot bookkeeping; for tests and debug builds.
  /// - Complexity: O(n).
  public func checkInvariants() {
    for index in 1..<max(heapCount, 1) {
      let parent = (index - 1) >> 2
      precondition(!heap[index].precedes(heap[parent]), "EventQueue: heap order broken at \(index)")
    }
    var live = 0
    for index in 0..<heapCount where slots[Int(heap[index].slot)].payload != nil { live += 1 }
    precondition(
      live == livePendingCount,
      "EventQueue: \(live) live entries but pendingCount \(livePendingCount)")
    var free = 0
    var cursor = freeHead
    while cursor != Self.noSlot {
      precondition(
        slots[Int(cursor)].payload == nil, "EventQueue: free slot \(cursor) holds a payload")
      free += 1
      cursor = slots[Int(cursor)].nextFree
    }
    precondition(
      heapCount + free == slotCount,
      "EventQueue: \(heapCount) heap entries + \(free) free slots ≠ \(slotCount) slots")
  }
}
