/// A priority queue of timed events ordered by `(instant, sequence)`: earliest first, and events at
/// the same instant in the order they were scheduled (FIFO).
///
/// Ordering is done by an `EventLadder` (a ladder queue, Tang, Goh and Thng 2005) over 16-byte
/// `(time, slot)` entries; payloads sit in a slot table beside it. Cancellation drops the payload
/// in O(1); the stale entry is discarded when it reaches the front (lazy deletion), and only then
/// is its slot recycled, with a new generation so that old handles cannot touch the new event.
///
/// This is the kernel's hottest code (`kernel.*` in `fedchain-bench`). Storage is manually managed
/// behind unsafe pointers in a noncopyable struct: no copy-on-write checks, no bounds checks, no
/// dynamic exclusivity checks per access; the pointers never escape the type.
///
/// - Complexity: `schedule` and `popNext` are amortised O(1) for the event times simulations
///   produce (measured with exponential, uniform, bimodal, tiny, zero and equal delays and delays
///   spread over 40 binary orders of magnitude). A bucket of k events is sorted in O(k log k), so
///   adversarial times cost up to O(log n) per event, and more only once all of the ladder's 16
///   rungs are in use (then insertions below the last rung shift a sorted array). `cancel` is O(1).
public struct EventQueue<Payload>: ~Copyable {
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

  /// The ladder files each event's slot under its time.
  @usableFromInline typealias Ladder = EventLadder<UInt32>

  @usableFromInline var ladder: Ladder
  @usableFromInline var slots: UnsafeMutablePointer<Slot>
  @usableFromInline var slotCount = 0
  @usableFromInline var slotCapacity: Int
  @usableFromInline var freeHead: UInt32 = Ladder.none
  @usableFromInline var livePendingCount = 0

  /// An empty queue with room for `capacity` pending events before it grows.
  public init(capacity: Int = 64) {
    ladder = Ladder(capacity: capacity)
    slotCapacity = max(capacity, 4)
    slots = .allocate(capacity: slotCapacity)
  }

  deinit {
    slots.deinitialize(count: slotCount)
    slots.deallocate()
    ladder.deallocate()
  }

  /// Events scheduled and neither fired nor cancelled.
  @inlinable public var pendingCount: Int { livePendingCount }

  /// True when no event is pending.
  @inlinable public var isEmpty: Bool { livePendingCount == 0 }

  /// Adds `payload` to fire at `time` (nanoseconds) and returns its handle.
  @inlinable @discardableResult
  public mutating func schedule(at time: Int64, _ payload: Payload) -> EventHandle {
    let slot: UInt32
    if freeHead != Ladder.none {
      // The most recently released slot: still in cache.
      slot = freeHead
      freeHead = slots[Int(slot)].nextFree
      slots[Int(slot)].payload = payload
    } else {
      if slotCount == slotCapacity { growSlots() }
      slot = UInt32(truncatingIfNeeded: slotCount)
      (slots + slotCount).initialize(
        to: Slot(payload: payload, generation: 0, nextFree: Ladder.none))
      slotCount += 1
    }
    ladder.insert(Ladder.Entry(key: Ladder.key(time), value: slot))
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
    guard let entry = firstLiveEntry() else { return nil }
    return Ladder.time(entry.key)
  }

  /// Removes and returns the earliest pending event, or nil when none is pending.
  @inlinable public mutating func popNext() -> (time: Int64, payload: Payload)? {
    guard let entry = firstLiveEntry() else { return nil }
    ladder.bottomHead += 1
    // Live: `firstLiveEntry` checked it.
    let payload = slots[Int(entry.value)].payload.take().unsafelyUnwrapped
    release(entry.value)
    livePendingCount -= 1
    return (Ladder.time(entry.key), payload)
  }

  /// The ladder's first entry whose event is still pending, discarding cancelled ones before it.
  @inlinable @inline(__always) mutating func firstLiveEntry() -> Ladder.Entry? {
    while true {
      if ladder.bottomHead == ladder.bottomEnd {
        guard ladder.refillBottom() else { return nil }
        discardCancelledInBottom()
        continue
      }
      let entry = ladder.bottom[ladder.bottomHead]
      if slots[Int(entry.value)].payload != nil { return entry }
      ladder.bottomHead += 1
      release(entry.value)
    }
  }

  /// Drops cancelled entries from a freshly filled bottom. Besides freeing their slots early, this
  /// reads every slot about to fire in one pass of independent loads, so the pops that follow find
  /// their payloads in cache instead of each waiting for memory in turn.
  @inlinable mutating func discardCancelledInBottom() {
    var kept = ladder.bottomHead
    for position in ladder.bottomHead..<ladder.bottomEnd {
      let entry = ladder.bottom[position]
      if slots[Int(entry.value)].payload == nil {
        release(entry.value)
      } else {
        ladder.bottom[kept] = entry
        kept += 1
      }
    }
    ladder.bottomEnd = kept
  }

  // MARK: - Storage

  @inlinable @inline(__always) mutating func release(_ slot: UInt32) {
    slots[Int(slot)].generation &+= 1
    slots[Int(slot)].nextFree = freeHead
    freeHead = slot
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
}
