extension CodedEventQueue {
  /// Checks the ladder's order and the slot bookkeeping — every slot is filed in the ladder
  /// exactly once or free, and the live ones are counted by `pendingCount` — and returns the
  /// pending events' `(slot, target)` pairs; for tests and debug builds.
  /// - Complexity: O(n + buckets).
  func checkInvariants() -> [(slot: UInt32, target: UInt32)] {
    var seen = [Bool](repeating: false, count: slotCount)
    var pending: [(slot: UInt32, target: UInt32)] = []
    for entry in ladder.checkInvariants() {
      let slot = Int(entry.value.slot)
      precondition(
        slot < slotCount, "CodedEventQueue: the ladder files slot \(slot) ≥ \(slotCount)")
      precondition(!seen[slot], "CodedEventQueue: slot \(slot) is filed twice")
      seen[slot] = true
      if states[slot].target != Self.noTarget {
        pending.append((entry.value.slot, states[slot].target))
      }
    }
    precondition(
      pending.count == livePendingCount,
      "CodedEventQueue: \(pending.count) live entries but pendingCount \(livePendingCount)")
    let filed = seen.filter { $0 }.count
    precondition(
      filed == filedCount,
      "CodedEventQueue: \(filed) entries filed but filedCount \(filedCount)")
    for index in 0..<freeCount {
      let slot = Int(freeSlots[index])
      precondition(slot < slotCount, "CodedEventQueue: free slot \(slot) ≥ \(slotCount)")
      precondition(!seen[slot], "CodedEventQueue: free slot \(slot) is also filed or freed twice")
      precondition(
        states[slot].target == Self.noTarget, "CodedEventQueue: free slot \(slot) has a target")
      seen[slot] = true
    }
    precondition(
      !seen.contains(false), "CodedEventQueue: a slot is neither filed in the ladder nor free")
    return pending
  }
}
