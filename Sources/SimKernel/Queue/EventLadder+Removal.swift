// MARK: - Removing entries in bulk

extension EventLadder {
  /// Removes every entry `isRemoved` selects and returns how many went. The others keep their
  /// tier and their order within it, so equal keys still leave in insertion order. `isRemoved` is
  /// called exactly once per entry.
  ///
  /// Buckets are emptied into the scratch space and refilled with the entries kept, which returns
  /// the blocks of the removed ones to the pool. A rung left empty is dropped by the next
  /// `refillBottom`, as any exhausted rung.
  /// - Complexity: O(entries + buckets).
  @usableFromInline mutating func removeAll(where isRemoved: (Entry) -> Bool) -> Int {
    var removed = 0
    var kept = 0
    var minimum = UInt64.max
    var maximum: UInt64 = 0
    for position in 0..<topCount {
      let entry = top[position]
      if isRemoved(entry) {
        removed += 1
        continue
      }
      top[kept] = entry
      kept += 1
      minimum = min(minimum, entry.key)
      maximum = max(maximum, entry.key)
    }
    // An emptied top gets `clearTop`'s values back.
    topCount = kept
    topMinimum = minimum
    topMaximum = maximum
    for index in 0..<rungCount {
      let rung = rungs + index
      for bucketIndex in rung.pointee.current..<rung.pointee.bucketCount {
        let bucket = rung.pointee.buckets[bucketIndex]
        guard bucket.count > 0 else { continue }
        let count = Int(bucket.count)
        reserveScratch(count)
        drain(bucket, into: scratch)
        let target = rung.pointee.buckets + bucketIndex
        target.pointee = Bucket(block: Self.none, count: 0)
        for position in 0..<count {
          let entry = scratch[position]
          if isRemoved(entry) {
            removed += 1
          } else {
            append(entry, to: target)
          }
        }
        rung.pointee.entryCount -= count - Int(target.pointee.count)
      }
    }
    kept = bottomHead
    for position in bottomHead..<bottomEnd {
      let entry = bottom[position]
      if isRemoved(entry) {
        removed += 1
        continue
      }
      bottom[kept] = entry
      kept += 1
    }
    bottomEnd = kept
    return removed
  }
}
