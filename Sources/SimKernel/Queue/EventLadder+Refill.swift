// MARK: - Refilling the bottom (Tang, Goh and Thng 2005, §3.2 "dequeue")

extension EventLadder {
  /// Refills the empty bottom with the earliest keys of the ladder; false when no key is left.
  ///
  /// Takes the last rung's first non-empty bucket (turning the top into rung 0 first if there are
  /// no rungs). A bucket of more than `spawnThreshold` keys that can still be subdivided becomes a
  /// new rung, and the search repeats one rung lower; otherwise its keys are sorted into the bottom.
  /// - Complexity: amortised O(1) per key for the hold model; a bucket is sorted in
  ///   O(k log k) for its k keys.
  @inlinable mutating func refillBottom() -> Bool {
    bottomHead = 0
    bottomEnd = 0
    while true {
      if rungCount == 0 {
        if topCount == 0 { return false }
        if topCount <= Self.smallTop {
          moveTopToBottom()
          return true
        }
        makeRungFromTop()
      }
      let index = rungCount - 1
      if rungs[index].entryCount == 0 {
        // An exhausted rung must go, since the bottom has to lie below the last rung: its
        // remaining span joins the bottom's. Should many keys then land there, the bottom is
        // turned back into rungs (`convertBottomToRungs`).
        rungCount -= 1
        continue
      }
      let rung = rungs + index
      var bucketIndex = rung.pointee.current
      while rung.pointee.buckets[bucketIndex].count == 0 { bucketIndex += 1 }
      let bucket = rung.pointee.buckets[bucketIndex]
      rung.pointee.buckets[bucketIndex] = Bucket(block: Self.none, count: 0)
      rung.pointee.entryCount -= Int(bucket.count)
      let shift = rung.pointee.shift
      let bucketStart = rung.pointee.start &+ UInt64(bucketIndex) &<< shift
      advance(rung: index, to: bucketIndex + 1)
      if Int(bucket.count) > Self.spawnThreshold, shift > 0, rungCount < Self.maximumRungs {
        spawnRung(from: bucket, start: bucketStart, parentShift: shift)
        continue
      }
      moveBucketToBottom(bucket, start: bucketStart, shift: shift)
      return true
    }
  }

  /// Marks the buckets before `current` as consumed and moves the rung's `low` to match, clamped
  /// to the rung's end (the `low` of the rung before it, or `topStart`).
  @inlinable mutating func advance(rung index: Int, to current: Int) {
    let limit = index == 0 ? topStart : rungs[index - 1].low
    rungs[index].current = current
    let (offset, overflowA) = UInt64(current).multipliedReportingOverflow(
      by: 1 &<< rungs[index].shift)
    let (low, overflowB) = rungs[index].start.addingReportingOverflow(offset)
    rungs[index].low = overflowA || overflowB ? limit : min(low, limit)
  }

  /// Readies rung `index` (allocating or reusing its bucket array) with `bucketCount` empty
  /// buckets of width `1 << shift` from `start`.
  @inlinable mutating func prepareRung(
    _ index: Int, start: UInt64, shift: UInt64, bucketCount: Int, entryCount: Int
  ) {
    if index == allocatedRungs {
      let capacity = max(bucketCount, 64)
      (rungs + index).initialize(
        to: Rung(buckets: .allocate(capacity: capacity), capacity: capacity))
      allocatedRungs += 1
    } else if rungs[index].capacity < bucketCount {
      let capacity = max(bucketCount, 2 * rungs[index].capacity)
      rungs[index].buckets.deallocate()
      rungs[index].buckets = .allocate(capacity: capacity)
      rungs[index].capacity = capacity
    }
    rungs[index].buckets.initialize(
      repeating: Bucket(block: Self.none, count: 0), count: bucketCount)
    rungs[index].start = start
    rungs[index].low = start
    rungs[index].shift = shift
    rungs[index].current = 0
    rungs[index].bucketCount = bucketCount
    rungs[index].entryCount = entryCount
  }

  /// The shift of a power-of-two bucket width giving about `keysPerBucket` keys per bucket over
  /// `span`.
  @inlinable static func shift(span: UInt64, keys: Int) -> UInt64 {
    let quotient = span / UInt64(max(1, keys / keysPerBucket))
    return quotient == 0 ? 0 : min(63, UInt64(64 - quotient.leadingZeroBitCount))
  }

  /// Makes rung 0 from the whole top, oldest key first, and moves `topStart` past its end.
  @inlinable mutating func makeRungFromTop() {
    let span = topMaximum &- topMinimum
    let shift = Self.shift(span: span, keys: topCount)
    let bucketCount = Int(span &>> shift) + 1
    let start = topMinimum
    prepareRung(0, start: start, shift: shift, bucketCount: bucketCount, entryCount: topCount)
    let (width, overflowA) = UInt64(bucketCount).multipliedReportingOverflow(by: 1 &<< shift)
    let (end, overflowB) = start.addingReportingOverflow(width)
    // Saturated, the top would take keys equal to the rung's largest; they are newer, so FIFO holds.
    topStart = overflowA || overflowB ? .max : end
    let buckets = rungs[0].buckets
    for position in 0..<topCount {
      let entry = top[position]
      append(entry, to: buckets + Int(truncatingIfNeeded: (entry.key &- start) &>> shift))
    }
    rungCount = 1
    clearTop()
  }

  /// Moves a small top straight into the bottom, which then spans every key below `topStart`.
  @inlinable mutating func moveTopToBottom() {
    reserveBottom(topCount)
    bottom.update(from: top, count: topCount)
    bottomHead = 0
    bottomEnd = topCount
    topStart = topMaximum == .max ? .max : topMaximum + 1
    clearTop()
    sortBottom()
  }

  @inlinable mutating func clearTop() {
    topCount = 0
    topMinimum = .max
    topMaximum = 0
  }

  /// Splits a bucket of width `1 << parentShift` starting at `start` into a new last rung of
  /// `2^m ≥ count / keysPerBucket` buckets. (Tang et al. spawn rungs of `THRES` buckets; a power
  /// of two keeps the bucket index a shift.)
  @inlinable mutating func spawnRung(from bucket: Bucket, start: UInt64, parentShift: UInt64) {
    let count = Int(bucket.count)
    let wanted = UInt64(count / Self.keysPerBucket)
    let levels = min(parentShift, UInt64(64 - (wanted - 1).leadingZeroBitCount))
    let shift = parentShift - levels
    let index = rungCount
    prepareRung(index, start: start, shift: shift, bucketCount: 1 << levels, entryCount: count)
    reserveScratch(count)
    drain(bucket, into: scratch)
    let buckets = rungs[index].buckets
    for position in 0..<count {
      let entry = scratch[position]
      append(entry, to: buckets + Int(truncatingIfNeeded: (entry.key &- start) &>> shift))
    }
    rungCount += 1
  }

  /// Moves a bucket of width `1 << shift` starting at `start` into the empty bottom, sorted
  /// stably by key.
  ///
  /// A small bucket is first distributed by the top bits of its keys' offsets into about one
  /// sub-range per key (a stable counting sort, as a child rung would do without the rung), which
  /// leaves only a few neighbours for the final insertion sort to swap: far fewer moves and
  /// mispredicted branches than insertion-sorting the bucket outright. Larger buckets (past the
  /// deepest rung) are merge-sorted.
  @inlinable mutating func moveBucketToBottom(_ bucket: Bucket, start: UInt64, shift: UInt64) {
    let count = Int(bucket.count)
    reserveBottom(count)
    bottomHead = 0
    bottomEnd = count
    if shift == 0 || count < 4 || count > Self.histogramSize {
      drain(bucket, into: bottom)
      if shift > 0 { sortBottom() }
      return
    }
    // 2^bits ≥ count sub-ranges, each `1 << low` wide. The counting sort reads the blocks in
    // place: one pass to count, one to place. The chain runs newest block first, so the second
    // pass goes newest entry first and fills each sub-range from its end, which keeps it stable.
    let bits = min(shift, UInt64(64 - UInt64(count - 1).leadingZeroBitCount))
    let low = shift - bits
    let ranges = 1 << bits
    histogram.update(repeating: 0, count: ranges)
    var filled = count & (Self.blockSize - 1)
    if filled == 0 { filled = Self.blockSize }
    var block = bucket.block
    var size = filled
    while block != Self.none {
      let entries = blocks + Int(block) &* Self.blockSize
      for offset in 0..<size {
        histogram[Int(truncatingIfNeeded: (entries[offset].key &- start) &>> low)] &+= 1
      }
      block = blockLinks[Int(block)]
      size = Self.blockSize
    }
    var end = 0
    for range in 0..<ranges {
      end &+= histogram[range]
      histogram[range] = end
    }
    block = bucket.block
    size = filled
    while block != Self.none {
      let entries = blocks + Int(block) &* Self.blockSize
      var offset = size
      while offset > 0 {
        offset &-= 1
        let entry = entries[offset]
        let range = Int(truncatingIfNeeded: (entry.key &- start) &>> low)
        histogram[range] &-= 1
        bottom[histogram[range]] = entry
      }
      let older = blockLinks[Int(block)]
      releaseBlock(block)
      block = older
      size = Self.blockSize
    }
    Self.insertionSort(bottom, count: count)
  }
}
