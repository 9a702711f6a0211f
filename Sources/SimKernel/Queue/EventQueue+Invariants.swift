extension EventQueue {
  /// Checks the heap order and the slot bookkeeping; for tests and debug builds.
  /// - Complexity: O(n).
  public func checkInvariants() {
    for index in heap.indices.dropFirst() {
      let parent = (index - 1) >> 2
      precondition(!heap[index].precedes(heap[parent]), "EventQueue: heap order broken at \(index)")
    }
    let live = heap.reduce(0) { $0 + (payloads[Int($1.slot)] == nil ? 0 : 1) }
    precondition(live == livePendingCount, "EventQueue: \(live) live entries but pendingCount \(livePendingCount)")
    precondition(
      heap.count + freeSlots.count == payloads.count,
      "EventQueue: \(heap.count) heap entries + \(freeSlots.count) free slots ≠ \(payloads.count) slots")
  }
}
