extension EventQueue {
  /// Checks the ladder's order and the slot bookkeeping: every slot is filed in the ladder exactly
  /// once or free, and the live ones are counted by `pendingCount`; for tests and debug builds.
  /// - Complexity: O(n + buckets).
  public func checkInvariants() {
    var filed = [Bool](repeating: false, count: slotCount)
    var live = 0
    for entry in ladder.checkInvariants() {
      let slot = Int(entry.value)
      precondition(slot < slotCount, "EventQueue: the ladder files slot \(slot) ≥ \(slotCount)")
      precondition(!filed[slot], "EventQueue: slot \(slot) is filed twice")
      filed[slot] = true
      if slots[slot].payload != nil { live += 1 }
    }
    precondition(
      live == livePendingCount,
      "EventQueue: \(live) live entries but pendingCount \(livePendingCount)")
    var cursor = freeHead
    while cursor != Ladder.none {
      let slot = Int(cursor)
      precondition(slot < slotCount, "EventQueue: the free list reaches slot \(slot)")
      precondition(!filed[slot], "EventQueue: free slot \(slot) is also filed or listed twice")
      precondition(slots[slot].payload == nil, "EventQueue: free slot \(slot) holds a payload")
      filed[slot] = true
      cursor = slots[slot].nextFree
    }
    precondition(
      !filed.contains(false), "EventQueue: a slot is neither filed in the ladder nor free")
  }
}
