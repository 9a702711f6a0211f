// MARK: - The bottom: a sorted array of the earliest keys

extension EventLadder {
  /// Inserts below the last rung: after every equal key (FIFO), shifting whichever side of the
  /// insertion point is shorter. A bottom grown past `bottomLimit` becomes rungs again.
  /// - Complexity: O(log b + min(i, b − i)) for a bottom of b keys inserted at i.
  @inlinable mutating func insertIntoBottom(_ entry: Entry) {
    if bottomHead == bottomEnd {
      bottomHead = 0
      bottomEnd = 0
    }
    var low = bottomHead
    var high = bottomEnd
    while low < high {
      let middle = (low + high) >> 1
      if bottom[middle].key <= entry.key { low = middle + 1 } else { high = middle }
    }
    if bottomHead > 0, low - bottomHead <= bottomEnd - low {
      (bottom + bottomHead - 1).moveInitialize(from: bottom + bottomHead, count: low - bottomHead)
      bottomHead -= 1
      bottom[low - 1] = entry
    } else {
      if bottomEnd == bottomCapacity { reserveBottom(bottomEnd - bottomHead + 1, from: &low) }
      (bottom + low + 1).moveInitialize(from: bottom + low, count: bottomEnd - low)
      bottom[low] = entry
      bottomEnd += 1
    }
    if bottomEnd - bottomHead > Self.bottomLimit { convertBottomToRungs() }
  }

  /// Makes room for `count` keys in the bottom, compacting its live part to the front.
  @inlinable mutating func reserveBottom(_ count: Int) {
    var ignored = 0
    reserveBottom(count, from: &ignored)
  }

  /// Makes room for `count` keys in the bottom, compacting its live part to the front and
  /// shifting `position` (an index into the bottom) along with it.
  @inlinable mutating func reserveBottom(_ count: Int, from position: inout Int) {
    let live = bottomEnd - bottomHead
    if count > bottomCapacity {
      let newCapacity = max(count, 2 * bottomCapacity)
      let newBottom = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
      newBottom.moveInitialize(from: bottom + bottomHead, count: live)
      bottom.deallocate()
      bottom = newBottom
      bottomCapacity = newCapacity
    } else {
      bottom.moveInitialize(from: bottom + bottomHead, count: live)
    }
    position -= bottomHead
    bottomHead = 0
    bottomEnd = live
  }

  @inlinable mutating func reserveScratch(_ count: Int) {
    guard count > scratchCapacity else { return }
    let newCapacity = max(count, 2 * scratchCapacity)
    scratch.deallocate()
    scratch = .allocate(capacity: newCapacity)
    scratchCapacity = newCapacity
  }

  /// Turns an oversized bottom into rungs (Tang et al. §3.3): a rung of about one bucket per key
  /// over the bottom's keys and, if that rung ends before the last rung's `low`, a one-bucket rung
  /// for the gap, which is subdivided like any other when its turn comes. Skipped when all keys
  /// are equal (new equal keys append in O(1)) or when two rungs are not available.
  @inlinable mutating func convertBottomToRungs() {
    guard rungCount + 2 <= Self.maximumRungs else { return }
    let count = bottomEnd - bottomHead
    let first = bottom[bottomHead].key
    let last = bottom[bottomEnd - 1].key
    guard first != last else { return }
    let limit = rungCount == 0 ? topStart : rungs[rungCount - 1].low
    let shift = Self.shift(span: last - first, keys: count)
    let bucketCount = Int((last - first) &>> shift) + 1
    let (width, overflowA) = UInt64(bucketCount).multipliedReportingOverflow(by: 1 &<< shift)
    let (end, overflowB) = first.addingReportingOverflow(width)
    if !overflowA, !overflowB, end < limit {
      let gap = limit - end
      let gapShift = gap <= 1 ? 0 : min(63, UInt64(64 - (gap - 1).leadingZeroBitCount))
      prepareRung(
        rungCount, start: end, shift: gapShift, bucketCount: Int((gap - 1) &>> gapShift) + 1,
        entryCount: 0)
      rungCount += 1
    }
    let index = rungCount
    prepareRung(index, start: first, shift: shift, bucketCount: bucketCount, entryCount: count)
    let buckets = rungs[index].buckets
    for position in bottomHead..<bottomEnd {
      let entry = bottom[position]
      append(entry, to: buckets + Int(truncatingIfNeeded: (entry.key &- first) &>> shift))
    }
    rungCount += 1
    bottomHead = 0
    bottomEnd = 0
  }

  // MARK: - Stable sorting

  /// Sorts the bottom's live part by key, keeping equal keys in their order (stable).
  /// - Complexity: O(k log k): insertion-sorted runs of 16 keys, merged bottom-up.
  @inlinable mutating func sortBottom() {
    let count = bottomEnd - bottomHead
    guard count > 1 else { return }
    let base = bottom + bottomHead
    let run = 16
    var runStart = 0
    while runStart < count {
      Self.insertionSort(base + runStart, count: min(run, count - runStart))
      runStart += run
    }
    guard count > run else { return }
    reserveScratch(count)
    var source = base
    var target = scratch
    var width = run
    while width < count {
      var left = 0
      while left < count {
        let middle = min(left + width, count)
        let right = min(left + 2 * width, count)
        Self.merge(source, left, middle, right, into: target)
        left = right
      }
      swap(&source, &target)
      width *= 2
    }
    if source != base { base.update(from: source, count: count) }
  }

  @inlinable static func insertionSort(_ base: UnsafeMutablePointer<Entry>, count: Int) {
    var index = 1
    while index < count {
      let entry = base[index]
      var hole = index
      while hole > 0, base[hole - 1].key > entry.key {
        base[hole] = base[hole - 1]
        hole -= 1
      }
      base[hole] = entry
      index += 1
    }
  }

  /// Merges the sorted runs `left..<middle` and `middle..<right` of `source` into `target`,
  /// taking from the left run on ties (stability).
  @inlinable static func merge(
    _ source: UnsafeMutablePointer<Entry>, _ left: Int, _ middle: Int, _ right: Int,
    into target: UnsafeMutablePointer<Entry>
  ) {
    var i = left
    var j = middle
    var k = left
    while i < middle, j < right {
      if source[j].key < source[i].key {
        target[k] = source[j]
        j += 1
      } else {
        target[k] = source[i]
        i += 1
      }
      k += 1
    }
    while i < middle {
      target[k] = source[i]
      i += 1
      k += 1
    }
    while j < right {
      target[k] = source[j]
      j += 1
      k += 1
    }
  }
}
