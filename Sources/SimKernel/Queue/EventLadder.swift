/// The ordering core of the event queues: a ladder queue of `(key, value)` entries.
///
/// After Tang, Goh and Thng, "Ladder Queue: An O(1) Priority Queue Structure for Large-Scale
/// Discrete Event Simulation", ACM TOMACS 15(3):175–204, 2005. Three tiers partition the key axis:
/// - **top**, an unsorted array of every key at or after `topStart` (the far future);
/// - **rungs**, each an array of buckets of equal power-of-two width: rung 0 spans the keys taken
///   from the top, and each later rung subdivides one bucket of the rung before it. A rung holds
///   the keys from its `low` (the start of its first bucket not yet consumed) up to the `low` of
///   the rung before it (`topStart` for rung 0);
/// - **bottom**, a sorted array of the earliest keys: everything below the last rung's `low`.
///
/// Keys are inserted where they belong in O(1) (top append, bucket append) or, below the last
/// rung, by binary search into the bottom. Popping takes the bottom's head; when the bottom runs
/// dry, the first non-empty bucket of the last rung is either sorted into it or, when it holds
/// more than `spawnThreshold` keys, split into a new rung. Each key is thus moved a bounded number
/// of times, which makes the hold model O(1) per event on average, against O(log n) for a heap.
///
/// **Equal keys leave in insertion order** without a sequence number: every tier receives keys in
/// the order they were scheduled (bulk moves walk their source oldest first, direct insertions are
/// newer than anything already there), every move between tiers preserves that order among equal
/// keys, and the bottom is sorted stably. This is the `(time, sequence)` order of the kernel.
///
/// A bucket is a chain of fixed-size blocks (newest block first) from a shared pool: appending
/// writes one entry, and emptying a bucket reads whole cache lines instead of chasing one pointer
/// per entry, which is what keeps large queues fast when they no longer fit in cache. Storage is
/// manually managed; the pointers never escape the type.
@usableFromInline struct EventLadder<Value: BitwiseCopyable>: ~Copyable {
  /// A key and what its owner files under it (a slot number, or a slot and an event code).
  @usableFromInline struct Entry {
    @usableFromInline var key: UInt64
    @usableFromInline var value: Value

    @inlinable init(key: UInt64, value: Value) {
      self.key = key
      self.value = value
    }
  }

  /// A bucket: its newest block and its number of entries (the newest block holds the last
  /// `count % blockSize` of them, or a full block).
  @usableFromInline struct Bucket {
    @usableFromInline var block: UInt32
    @usableFromInline var count: UInt32

    @inlinable init(block: UInt32, count: UInt32) {
      self.block = block
      self.count = count
    }
  }

  /// One rung: buckets of width `1 << shift` starting at `start`; `current` is the first bucket
  /// not yet consumed and `low == start + current << shift` (clamped to the rung's end).
  @usableFromInline struct Rung {
    @usableFromInline var start: UInt64
    @usableFromInline var low: UInt64
    @usableFromInline var shift: UInt64
    @usableFromInline var current: Int
    @usableFromInline var bucketCount: Int
    @usableFromInline var entryCount: Int
    @usableFromInline var buckets: UnsafeMutablePointer<Bucket>
    @usableFromInline var capacity: Int

    /// An empty rung owning `capacity` buckets.
    @inlinable init(buckets: UnsafeMutablePointer<Bucket>, capacity: Int) {
      start = 0
      low = 0
      shift = 0
      current = 0
      bucketCount = 0
      entryCount = 0
      self.buckets = buckets
      self.capacity = capacity
    }
  }

  @usableFromInline static var none: UInt32 { .max }
  /// Entries per block (a power of two): 64 bytes of `EventQueue`'s 16-byte entries, 96 of the
  /// simulation's 24-byte ones.
  @usableFromInline static var blockSize: Int { 4 }
  /// A bucket holding more keys than this is split into a new rung rather than sorted (Tang et
  /// al. use 50).
  @usableFromInline static var spawnThreshold: Int { 50 }
  /// Keys per bucket aimed at when a rung is laid over a set of keys. Buckets near the front end
  /// up fuller, because events are denser there by the time they are taken (in the hold model,
  /// ten times or more); of 1 to 8, 2 measured fastest at 10³ and 10⁵ pending events.
  @usableFromInline static var keysPerBucket: Int { 2 }
  /// The deepest ladder; past it, large buckets are sorted into the bottom. Tang et al. use 8;
  /// converting an oversized bottom takes two rungs at a time, hence more here.
  @usableFromInline static var maximumRungs: Int { 16 }
  /// A bottom larger than this, when inserted into, is turned back into rungs (Tang et al.'s
  /// remedy for many events scheduled into the current bucket's window).
  @usableFromInline static var bottomLimit: Int { 4 * spawnThreshold }
  /// The largest bucket sorted by distributing it into sub-ranges first; also the number of
  /// sub-ranges at most.
  @usableFromInline static var histogramSize: Int { 128 }
  /// A top this small goes straight to the bottom instead of into a rung.
  @usableFromInline static var smallTop: Int { 16 }

  @usableFromInline var top: UnsafeMutablePointer<Entry>
  @usableFromInline var topCount = 0
  @usableFromInline var topCapacity: Int
  @usableFromInline var topStart: UInt64 = 0
  @usableFromInline var topMinimum: UInt64 = .max
  @usableFromInline var topMaximum: UInt64 = 0

  @usableFromInline var rungs: UnsafeMutablePointer<Rung>
  @usableFromInline var rungCount = 0
  /// Rungs whose bucket arrays have been allocated (kept for reuse).
  @usableFromInline var allocatedRungs = 0

  /// The block pool: `blockSize` entries per block, and each block's older neighbour in its chain
  /// (or the next free block).
  @usableFromInline var blocks: UnsafeMutablePointer<Entry>
  @usableFromInline var blockLinks: UnsafeMutablePointer<UInt32>
  @usableFromInline var blockCount = 0
  @usableFromInline var blockCapacity: Int
  @usableFromInline var freeBlock: UInt32 = .max

  @usableFromInline var bottom: UnsafeMutablePointer<Entry>
  @usableFromInline var bottomHead = 0
  @usableFromInline var bottomEnd = 0
  @usableFromInline var bottomCapacity: Int

  /// Scratch space for splitting buckets and sorting the bottom.
  @usableFromInline var scratch: UnsafeMutablePointer<Entry>
  @usableFromInline var scratchCapacity: Int
  /// Counters for distributing a bucket into sub-ranges (`moveBucketToBottom`).
  @usableFromInline var histogram: UnsafeMutablePointer<Int>

  @inlinable init(capacity: Int) {
    let capacity = max(capacity, 16)
    topCapacity = capacity
    top = .allocate(capacity: capacity)
    blockCapacity = capacity / Self.blockSize
    blocks = .allocate(capacity: blockCapacity * Self.blockSize)
    blockLinks = .allocate(capacity: blockCapacity)
    bottomCapacity = 2 * Self.spawnThreshold
    bottom = .allocate(capacity: bottomCapacity)
    scratchCapacity = 2 * Self.spawnThreshold
    scratch = .allocate(capacity: scratchCapacity)
    histogram = .allocate(capacity: Self.histogramSize)
    rungs = .allocate(capacity: Self.maximumRungs)
  }

  /// Frees the storage; the owning `EventQueue` calls this from its `deinit`. (A `deinit` here
  /// would be called from the queue's inlinable accessors, which Swift 6.3's optimiser rejects.)
  @inlinable func deallocate() {
    for index in 0..<allocatedRungs { rungs[index].buckets.deallocate() }
    rungs.deallocate()
    histogram.deallocate()
    scratch.deallocate()
    bottom.deallocate()
    blockLinks.deallocate()
    blocks.deallocate()
    top.deallocate()
  }

  // MARK: - Keys

  /// The key of a time: flipping the sign bit maps `Int64` order onto `UInt64` order.
  @inlinable @inline(__always) static func key(_ time: Int64) -> UInt64 {
    UInt64(bitPattern: time) ^ (1 << 63)
  }

  /// The time of a key.
  @inlinable @inline(__always) static func time(_ key: UInt64) -> Int64 {
    Int64(bitPattern: key ^ (1 << 63))
  }

  // MARK: - Insertion and removal

  /// Files `entry` in the tier that spans its key.
  @inlinable @inline(__always) mutating func insert(_ entry: Entry) {
    if entry.key >= topStart {
      appendToTop(entry)
      return
    }
    var index = 0
    while index < rungCount {
      let rung = rungs + index
      if entry.key >= rung.pointee.low {
        append(
          entry,
          to: rung.pointee.buckets
            + Int(truncatingIfNeeded: (entry.key &- rung.pointee.start) &>> rung.pointee.shift))
        rung.pointee.entryCount &+= 1
        return
      }
      index += 1
    }
    insertIntoBottom(entry)
  }

  @inlinable @inline(__always) mutating func appendToTop(_ entry: Entry) {
    if topCount == topCapacity { growTop() }
    top[topCount] = entry
    topCount += 1
    topMinimum = min(topMinimum, entry.key)
    topMaximum = max(topMaximum, entry.key)
  }

  /// Appends `entry` to a bucket, starting a new block when the newest one is full.
  @inlinable @inline(__always) mutating func append(
    _ entry: Entry, to bucket: UnsafeMutablePointer<Bucket>
  ) {
    let position = Int(bucket.pointee.count) & (Self.blockSize - 1)
    if position == 0 {
      let block = allocateBlock()
      blockLinks[Int(block)] = bucket.pointee.block
      bucket.pointee.block = block
    }
    blocks[Int(bucket.pointee.block) &* Self.blockSize &+ position] = entry
    bucket.pointee.count &+= 1
  }

  // MARK: - Storage

  @inlinable @inline(__always) mutating func allocateBlock() -> UInt32 {
    if freeBlock != Self.none {
      let block = freeBlock
      freeBlock = blockLinks[Int(block)]
      return block
    }
    if blockCount == blockCapacity { growBlocks() }
    blockCount += 1
    return UInt32(truncatingIfNeeded: blockCount - 1)
  }

  @inlinable @inline(__always) mutating func releaseBlock(_ block: UInt32) {
    blockLinks[Int(block)] = freeBlock
    freeBlock = block
  }

  @inlinable mutating func growBlocks() {
    precondition(blockCapacity < Int(UInt32.max) / 2, "EventQueue: more than 2³¹ blocks in use")
    let newCapacity = 2 * blockCapacity
    let newBlocks = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity * Self.blockSize)
    newBlocks.moveInitialize(from: blocks, count: blockCount * Self.blockSize)
    blocks.deallocate()
    blocks = newBlocks
    let newLinks = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newLinks.moveInitialize(from: blockLinks, count: blockCount)
    blockLinks.deallocate()
    blockLinks = newLinks
    blockCapacity = newCapacity
  }

  @inlinable mutating func growTop() {
    let newCapacity = topCapacity * 2
    let newTop = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
    newTop.moveInitialize(from: top, count: topCount)
    top.deallocate()
    top = newTop
    topCapacity = newCapacity
  }

  /// Copies a bucket's entries, oldest first, to `target[0..<count]` and returns its blocks to
  /// the pool.
  @inlinable mutating func drain(
    _ bucket: Bucket, into target: UnsafeMutablePointer<Entry>
  ) {
    var end = Int(bucket.count)
    var filled = end & (Self.blockSize - 1)
    if filled == 0 { filled = Self.blockSize }
    var block = bucket.block
    while block != Self.none {
      end -= filled
      // A plain loop: at most `blockSize` entries, too few for a `memmove` call to pay.
      let source = blocks + Int(block) &* Self.blockSize
      for offset in 0..<filled { target[end &+ offset] = source[offset] }
      let older = blockLinks[Int(block)]
      releaseBlock(block)
      block = older
      filled = Self.blockSize
    }
  }
}
