extension Mempool {
  /// Checks that the index, the queue and the running totals agree; for tests and debug
  /// builds.
  /// - Complexity: O(n).
  public func checkInvariants() {
    var live = 0
    var bytes = 0
    var gas: UInt64 = 0
    for (slot, entry) in slots.enumerated() {
      guard let entry else { continue }
      live += 1
      bytes += entry.byteCount
      gas += entry.gas
      precondition(
        slotByID[entry.transaction.id] == slot,
        "Mempool: \(entry.transaction.id) sits in slot \(slot) but the index says"
          + " \(String(describing: slotByID[entry.transaction.id]))")
    }
    precondition(live == slotByID.count, "Mempool: \(live) entries but \(slotByID.count) indexed")
    precondition(
      slots.count - live == removedCount,
      "Mempool: \(slots.count - live) holes but removedCount \(removedCount)")
    precondition(bytes == pendingByteCount, "Mempool: \(bytes) bytes but total \(pendingByteCount)")
    precondition(gas == pendingGas, "Mempool: \(gas) gas but total \(pendingGas)")
  }
}
