/// A priority queue of timed events ordered by `(instant, sequence)`: earliest first, and events at
/// the same instant in the order they were scheduled (FIFO).
///
/// The heap is 4-ary over small `Entry` keys (time, sequence, slot); payloads sit in a slot table
/// beside it, so sifting moves 24-byte keys rather than payloads. Cancellation drops the payload
/// in O(1); the stale key is discarded when it reaches the top (lazy deletion), and only then is
/// its slot recycled, with a new generation so that old handles cannot touch the new event.
///
/// This is the kernel's hottest code (`kernel.*` in `fedchain-bench`). Storage is manually managed
/// behind unsafe pointers in a noncopyable struct: no copy-on-write checks, no bounds checks, no
/// dynamic exclusivity checks per access; the pointers never escape the type.
///
/// - Complexity: `schedule` and `popNext` are O(log₄ n); `cancel` is O(1).
public struct EventQueue<Payload>: ~Copyable {
  @usableFromInline struct Entry {
    @usableFromInline var time: Int64
    @usableFromInline var sequence: UInt64
    @usableFromInline var slot: UInt32

    @inlinable init(time: Int64, sequence: UInt64, slot: UInt32) {
      self.time = time
      self.sequence = sequence
      self.slot = slot
    }

    /// Lexicographic `(time, sequence) <`, as one 128-bit comparison: branch-free, which
    /// matters because heap comparisons on random times are unpredictable. Times are never
    /// negative, so their bit patterns order like the values.
    @inlinable @inline(__always) func precedes(_ other: Entry) -> Bool {
      let mine = UInt128(UInt64(bitPattern: time)) << 64 | UInt128(sequence)
      let theirs = UInt128(UInt64(bitPattern: other.time)) << 64 | UInt128(other.sequence)
      return mine < theirs
    }
  }

  /// A slot of the payload table: the payload while its event is pending, and the generation that
  /// handles must match. Free slots chain through `nextFree`.
  @usableFromInline struct Slot {
    @usableFromInline var payload: Payload?
    @usableFromInline var generation: UInt32
    @usableFromInline var nextFree: UInt32

    @inlinable init(payload: Payload?, generation: UInt32, nextFree: UInt32) {
      self.payload = payload
      self.generation = generation
      self.nextFree = nextFree
    }
  }

  @usableFromInline static var noSlot: UInt32 { .max }

  @usableFromInline var heap: UnsafeMutablePointer<Entry>
  @usableFromInline var heapCount = 0
  @usableFromInline var heapCapacity: Int
  @usableFromInline var slots: UnsafeMutablePointer<Slot>
  @usableFromInline var slotCount = 0
  @usableFromInline var slotCapacity: Int
  @usableFromInline var freeHead: UInt32 = EventQueue.noSlot
  @usableFromInline var nextSequence: UInt64 = 0
  @usableFromInline var livePendingCount = 0

  /// An empty queue with room for `capacity` pending events before it grows.
  public init(capacity: Int = 64) {
    let capacity = max(capacity, 4)
    heapCapacity = capacity
    slotCapacity = capacity
    heap = .allocate(capacity: capacity)
    slots = .allocate(capacity: capacity)
  }

  deinit {
    slots.deinitialize(count: slotCount)
    slots.deallocate()
    heap.deallocate()
  }

  /// Events scheduled and neither fired nor cancelled.
  @inlinable public var pendingCount: Int { livePendingCount }

  /// True when no event is pending.
  @inlinable public var isEmpty: Bool { livePendingCount == 0 }

  /// Adds `payload` to fire at `time` (nanoseconds) and returns its handle.
  @inlinable @discardableResult
  public mutating func schedule(at time: Int64, _ payload: Payload) -> EventHandle {
    let slot: UInt32
    if freeHead != Self.noSlot {
      slot = freeHead
      freeHead = slots[Int(slot)].nextFree
      slots[Int(slot)].payload = payload
    } else {
      if slotCount == slotCapacity { growSlots() }
      slot = UInt32(truncatingIfNeeded: slotCount)
      (slots + slotCount).initialize(
        to: Slot(payload: payload, generation: 0, nextFree: Self.noSlot))
      slotCount += 1
    }
    if heapCount == heapCapacity { growHeap() }
    Self.siftUp(Entry(time: time, sequence: nextSequence, slot: slot), from: heapCount, in: heap)
    heapCount += 1
    nextSequence &+= 1
    livePendingCount += 1
    return EventHandle(slot: slot, generation: slots[Int(slot)].generation)
  }

  /// Cancels the event behind `handle` if it is still pending; returns whether it was.
  @inlinable @discardableResult
  public mutating func cancel(_ handle: EventHandle) -> Bool {
    guard isPending(handle) else { return false }
    slots[Int(handle.slot)].payload = nil
    livePendingCount -= 1
    return true
  }

  /// True when the event behind `handle` is still pending.
  @inlinable public func isPending(_ handle: EventHandle) -> Bool {
    let slot = Int(handle.slot)
    return slot < slotCount && slots[slot].generation == handle.generation
      && slots[slot].payload != nil
  }

  /// The time of the earliest pending event, or nil.
  @inlinable public mutating func nextTime() -> Int64? {
    while heapCount > 0 {
      let top = heap[0]
      if slots[Int(top.slot)].payload != nil { return top.time }
      removeTop()
      release(slot: top.slot)
    }
    return nil
  }

  /// Removes and returns the earliest pending event, or nil when none is pending.
  @inlinable public mutating func popNext() -> (time: Int64, payload: Payload)? {
    while heapCount > 0 {
      let top = heap[0]
      removeTop()
      let payload = slots[Int(top.slot)].payload.take()
      release(slot: top.slot)
      if let payload {
        livePendingCount -= 1
        return (top.time, payload)
      }
    }
    return nil
  }

  // MARK: - Storage

  @inlinable @inline(__always) mutating func release(slot: UInt32) {
    slots[Int(slot)].generation &+= 1
    slots[Int(slot)].nextFree = freeHead
    freeHead = slot
  }

  @usableFromInline mutating func growHeap() {
    let newCapacity = heapCapacity * 2
    let newHeap = UnsafeMutablePointer<Entry>.allocate(capacity: newCapacity)
    newHeap.moveInitialize(from: heap, count: heapCount)
    heap.deallocate()
    heap = newHeap
    heapCapacity = newCapacity
  }

  @usableFromInline mutating func growSlots() {
    precondition(slotCapacity < Int(UInt32.max) / 2, "EventQueue: more than 2³¹ pending events")
    let newCapacity = slotCapacity * 2
    let newSlots = UnsafeMutablePointer<Slot>.allocate(capacity: newCapacity)
    newSlots.moveInitialize(from: slots, count: slotCount)
    slots.deallocate()
    slots = newSlots
    slotCapacity = newCapacity
  }

  // MARK: - Heap maintenance

  @inlinable @inline(__always) mutating func removeTop() {
    heapCount -= 1
    if heapCount > 0 { Self.siftDown(heap[heapCount], count: heapCount, in: heap) }
  }

  /// Places `moving` at the hole `start`, moving parents down until the order holds.
  @inlinable @inline(__always)
  static func siftUp(_ moving: Entry, from start: Int, in heap: UnsafeMutablePointer<Entry>) {
    var child = start
    while child > 0 {
      let parent = (child - 1) >> 2
      if !moving.precedes(heap[parent]) { break }
      heap[child] = heap[parent]
      child = parent
    }
    heap[child] = moving
  }

  /// Places `moving` at the root hole, moving the earliest child up until the order holds.
  @inlinable @inline(__always)
  static func siftDown(_ moving: Entry, count: Int, in heap: UnsafeMutablePointer<Entry>) {
    var parent = 0
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
