extension EventLadder {
  /// Checks that every tier holds only keys of its span, that blocks, buckets and counts agree,
  /// that the bottom is sorted and that no block is both used and free; returns every entry filed.
  /// - Complexity: O(entries + buckets + blocks).
  func checkInvariants() -> [Entry] {
    var filed: [Entry] = []
    var blockSeen = [Bool](repeating: false, count: blockCount)
    // A key equal to a saturated limit (`.max`) is allowed: it is older than the keys above it.
    func isBelow(_ key: UInt64, _ limit: UInt64) -> Bool { key < limit || limit == .max }
    func visitBlock(_ block: UInt32, _ place: String) {
      precondition(
        Int(block) < blockCount, "EventLadder: \(place) uses block \(block) ≥ \(blockCount)")
      precondition(!blockSeen[Int(block)], "EventLadder: block \(block) used twice (in \(place))")
      blockSeen[Int(block)] = true
    }

    for position in 0..<topCount {
      let entry = top[position]
      precondition(
        entry.key >= topStart && entry.key >= topMinimum && entry.key <= topMaximum,
        "EventLadder: top key \(entry.key) outside [\(topStart), ∞) or [\(topMinimum), \(topMaximum)]"
      )
      filed.append(entry)
    }
    var limit = topStart
    for index in 0..<rungCount {
      let rung = rungs[index]
      precondition(rung.low <= limit, "EventLadder: rung \(index) low \(rung.low) > limit \(limit)")
      var total = 0
      for bucketIndex in 0..<rung.bucketCount {
        let bucket = rung.buckets[bucketIndex]
        let place = "rung \(index) bucket \(bucketIndex)"
        if bucketIndex < rung.current || bucket.count == 0 {
          precondition(
            bucket.count == 0 && bucket.block == Self.none, "EventLadder: \(place) should be empty")
          continue
        }
        var blocksExpected = (Int(bucket.count) + Self.blockSize - 1) / Self.blockSize
        var block = bucket.block
        while block != Self.none {
          visitBlock(block, place)
          blocksExpected -= 1
          block = blockLinks[Int(block)]
        }
        precondition(blocksExpected == 0, "EventLadder: \(place) has the wrong number of blocks")
        let entries = UnsafeMutablePointer<Entry>.allocate(capacity: Int(bucket.count))
        defer { entries.deallocate() }
        // `drain` is mutating; read the chain the same way without releasing it.
        var end = Int(bucket.count)
        var filled = end % Self.blockSize == 0 ? Self.blockSize : end % Self.blockSize
        block = bucket.block
        while block != Self.none {
          end -= filled
          for offset in 0..<filled {
            entries[end + offset] = blocks[Int(block) * Self.blockSize + offset]
          }
          block = blockLinks[Int(block)]
          filled = Self.blockSize
        }
        for offset in 0..<Int(bucket.count) {
          let key = entries[offset].key
          precondition(
            (key &- rung.start) &>> rung.shift == UInt64(bucketIndex) && key >= rung.low
              && isBelow(key, limit),
            "EventLadder: key \(key) misfiled in \(place)")
          filed.append(entries[offset])
        }
        total += Int(bucket.count)
      }
      precondition(
        total == rung.entryCount,
        "EventLadder: rung \(index) holds \(total) keys, counts \(rung.entryCount)")
      limit = rung.low
    }
    for position in bottomHead..<bottomEnd {
      let entry = bottom[position]
      precondition(
        isBelow(entry.key, limit), "EventLadder: bottom key \(entry.key) ≥ limit \(limit)")
      precondition(
        position == bottomHead || bottom[position - 1].key <= entry.key,
        "EventLadder: bottom unsorted at \(position)")
      filed.append(entry)
    }
    var block = freeBlock
    while block != Self.none {
      visitBlock(block, "the free list")
      block = blockLinks[Int(block)]
    }
    precondition(
      !blockSeen.contains(false), "EventLadder: a block is neither in a bucket nor free")
    return filed
  }
}
