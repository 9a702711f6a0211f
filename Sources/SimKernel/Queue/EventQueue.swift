/// A priority queue of timed events ordered by `(instant, sequence)`: earliest first, and events at
/// the same instant in the order they were scheduled (FIFO).
///
/// The heap is 4-ary over small `Entry` keys (time, sequence, slot); payloads sit in a slot table
/// beside it, so sifting moves 24-byte keys rather than payloads. Cancellation drops the payload
/// in O(1); the stale key is discarded when it reaches the top (lazy deletion), and only then is
/// its slot recycled, with a new generation so that old handles cannot touch the new event.
///
/// - Complexity: `schedule` and `popNext` are O(log₄ n); `cancel` is O(1).
public struct EventQueue<Payload> {
  @usableFromInline struct Entry {
    @usableFromInline var time: Int64
    @usableFromInline var sequence: UInt64
    @usableFromInline var slot: UInt32

    @inlinable init(time: Int64, sequence: UInt64, slot: UInt32) {
      self.time = time
      self.sequence = sequence
      self.slot = slot
    }

    @inlinable @inline(__always) func precedes(_ other: Entry) -> Bool {
      time < other.time || (time == other.time && sequence < other.sequence)
    }
  }

  @usableFromInline var heap: [Entry] = []
  /// Slot table: the payload (nil once fired or cancelled) and the generation of each slot.
  @usableFromInline var payloads: [Payload?] = []
  @usableFromInline var generations: [UInt32] = []
  @usableFromInline var freeSlots: [UInt32] = []
  @usableFromInline var nextSequence: UInt64 = 0
  @usableFromInline var livePendingCount = 0

  /// An empty queue.
  public init() {}

  /// Events scheduled and neither fired nor cancelled.
  @inlinable public var pendingCount: Int { livePendingCount }

  /// True when no event is pending.
  @inlinable public var isEmpty: Bool { livePendingCount == 0 }

  /// Adds `payload` to fire at `time` (nanoseconds) and returns its handle.
  @inlinable @discardableResult
  public mutating func schedule(at time: Int64, _ payload: Payload) -> EventHandle {
    let slot: UInt32
    if let reused = freeSlots.popLast() {
      slot = reused
      payloads[Int(slot)] = payload
    } else {
      precondition(payloads.count < Int(UInt32.max), "EventQueue: more than 2³²−1 pending events")
      slot = UInt32(truncatingIfNeeded: payloads.count)
      payloads.append(payload)
      generations.append(0)
    }
    let entry = Entry(time: time, sequence: nextSequence, slot: slot)
    nextSequence &+= 1
    heap.append(entry)
    heap.withUnsafeMutableBufferPointer { Self.siftUp(entry, from: $0.count - 1, in: $0) }
    livePendingCount += 1
    return EventHandle(slot: slot, generation: generations[Int(slot)])
  }

  /// Cancels the event behind `handle` if it is still pending; returns whether it was.
  @inlinable @discardableResult
  public mutating func cancel(_ handle: EventHandle) -> Bool {
    guard isPending(handle) else { return false }
    payloads[Int(handle.slot)] = nil
    livePendingCount -= 1
    return true
  }

  /// True when the event behind `handle` is still pending.
  @inlinable public func isPending(_ handle: EventHandle) -> Bool {
    let slot = Int(handle.slot)
    return slot < payloads.count && generations[slot] == handle.generation && payloads[slot] != nil
  }

  /// The time of the earliest pending event, or nil.
  @inlinable public mutating func nextTime() -> Int64? {
    while let top = heap.first {
      if payloads[Int(top.slot)] != nil { return top.time }
      removeTop()
      release(slot: top.slot)
    }
    return nil
  }

  /// Removes and returns the earliest pending event, or nil when none is pending.
  @inlinable public mutating func popNext() -> (time: Int64, payload: Payload)? {
    while let top = heap.first {
      removeTop()
      let payload = payloads[Int(top.slot)].take()
      release(slot: top.slot)
      if let payload {
        livePendingCount -= 1
        return (top.time, payload)
      }
    }
    return nil
  }

  // MARK: - Heap maintenance

  @inlinable @inline(__always) mutating func release(slot: UInt32) {
    generations[Int(slot)] &+= 1
    freeSlots.append(slot)
  }

  @inlinable @inline(__always) mutating func removeTop() {
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap.withUnsafeMutableBufferPointer { Self.siftDown(last, from: 0, in: $0) }
    }
  }

  /// Places `moving` at the hole `start`, moving parents down until the order holds.
  @inlinable @inline(__always)
  static func siftUp(_ moving: Entry, from start: Int, in heap: UnsafeMutableBufferPointer<Entry>) {
    var child = start
    while child > 0 {
      let parent = (child - 1) >> 2
      if !moving.precedes(heap[parent]) { break }
      heap[child] = heap[parent]
      child = parent
    }
    heap[child] = moving
  }

  /// Places `moving` at the hole `start`, moving the earliest child up until the order holds.
  @inlinable @inline(__always)
  static func siftDown(_ moving: Entry, from start: Int, in heap: UnsafeMutableBufferPointer<Entry>) {
    let count = heap.count
    var parent = start
    while true {
      let first = 4 * parent + 1
      if first >= count { break }
      var best = first
      let end = min(first + 4, count)
      var candidate = first + 1
      while candidate < end {
        if heap[candidate].precedes(heap[best]) { best = candidate }
        candidate += 1
      }
      if !heap[best].precedes(moving) { break }
      heap[parent] = heap[best]
      parent = best
    }
    heap[parent] = moving
  }
}
