/// The `Simulation`'s queue: events that are plain integers, a 32-bit target (whom to call) and a
/// 64-bit code (what to tell it), ordered by `(time, sequence)` like `EventQueue`.
///
/// Where `EventQueue` keeps an arbitrary payload in a slot table, this queue files the code inside
/// the ladder entry itself and keeps only 8 bytes per slot (generation and target), so firing an
/// event reads the entry the ladder has just sorted plus one small, usually cached, slot record. The
/// owner maps targets to objects (handlers, or closures stored by slot).
///
/// Handles, cancellation and slot reuse behave exactly as in `EventQueue`: a cancelled entry stays
/// filed until it reaches the front, and a slot's generation moves on whenever its event fires or
/// its cancelled entry is discarded, so stale handles never match.
///
/// Unlike `EventQueue`, this queue also bounds what cancelled entries hold: once they outnumber
/// both the pending events and `purgeMinimum`, one pass removes them all from the ladder
/// (`purgeCancelled`), keeping the order of the rest. So the ladder holds at most 2 × (the most
/// events pending since the last purge) + `purgeMinimum` entries: a model that moves every pending
/// event at every step (a flow network re-timing all its flows) holds O(pending) entries, not
/// O(cancellations).
///
/// - Complexity: as `EventQueue`: amortised O(1) `schedule` and `popNext`; amortised O(1)
///   `cancel` (a purge costs O(filed entries + ladder buckets) and removes at least half the
///   entries filed).
@usableFromInline struct CodedEventQueue: ~Copyable {
  /// What the ladder files: the event's slot and code.
  @usableFromInline struct Filed: BitwiseCopyable {
    @usableFromInline var slot: UInt32
    @usableFromInline var code: UInt64

    @inlinable init(slot: UInt32, code: UInt64) {
      self.slot = slot
      self.code = code
    }
  }

  /// A slot's record: the generation handles must match, and the pending event's target, or
  /// `noTarget` when the slot is free or its event was cancelled.
  @usableFromInline struct SlotState {
    @usableFromInline var generation: UInt32
    @usableFromInline var target: UInt32

    @inlinable init(generation: UInt32, target: UInt32) {
      self.generation = generation
      self.target = target
    }
  }

  /// An event taken off the queue.
  @usableFromInline struct Fired {
    @usableFromInline var time: Int64
    @usableFromInline var slot: UInt32
    @usableFromInline var target: UInt32
    @usableFromInline var code: UInt64

    @inlinable init(time: Int64, slot: UInt32, target: UInt32, code: UInt64) {
      self.time = time
      self.slot = slot
      self.target = target
      self.code = code
    }
  }

  @usableFromInline typealias Ladder = EventLadder<Filed>

  /// The target of no event: marks free slots and cancelled events.
  @usableFromInline static var noTarget: UInt32 { .max }

  @usableFromInline var ladder: Ladder
  @usableFromInline var states: UnsafeMutablePointer<SlotState>
  @usableFromInline var slotCount = 0
  @usableFromInline var slotCapacity: Int
  /// Free slots, most recently released on top (still in cache when reused).
  @usableFromInline var freeSlots: UnsafeMutablePointer<UInt32>
  @usableFromInline var freeCount = 0
  @usableFromInline var livePendingCount = 0
  /// Entries still filed in the ladder whose event was cancelled.
  @usableFromInline var cancelledFiledCount = 0
  /// Cancelled entries are purged only beyond this many, so that small queues never pay a pass.
  @usableFromInline let purgeMinimum: Int

  /// An empty queue with room for `capacity` pending events before it grows, purging cancelled
  /// entries once there are more than `purgeMinimum` of them and more than pending events.
  @inlinable init(capacity: Int = 64, purgeMinimum: Int = 4_096) {
    self.purgeMinimum = purgeMinimum
    ladder = Ladder(capacity: capacity)
    slotCapacity = max(capacity, 4)
    states = .allocate(capacity: slotCapacity)
    freeSlots = .allocate(capacity: slotCapacity)
  }

  /// Frees the storage; the owning `Simulation` calls this from its `deinit`. (A `deinit` here
  /// would be called from the simulation's inlinable accessors, which Swift 6.3's optimiser
  /// rejects.)
  @inlinable func deallocate() {
    freeSlots.deallocate()
    states.deallocate()
    ladder.deallocate()
  }

  /// Events scheduled and neither fired nor cancelled.
  @inlinable var pendingCount: Int { livePendingCount }

  /// Entries the ladder holds: the pending events and the cancelled ones not yet discarded.
  @inlinable var filedCount: Int { livePendingCount + cancelledFiledCount }

  /// Files the event `(target, code)` at `time` (nanoseconds) and returns its handle.
  /// - Precondition: `target` is not `noTarget`.
  @inlinable @inline(__always)
  mutating func schedule(at time: Int64, target: UInt32, code: UInt64) -> EventHandle {
    let slot: UInt32
    if freeCount > 0 {
      freeCount -= 1
      slot = freeSlots[freeCount]
      states[Int(slot)].target = target
    } else {
      if slotCount == slotCapacity { growSlots() }
      slot = UInt32(truncatingIfNeeded: slotCount)
      (states + slotCount).initialize(to: SlotState(generation: 0, target: target))
      slotCount += 1
    }
    ladder.insert(Ladder.Entry(key: Ladder.key(time), value: Filed(slot: slot, code: code)))
    livePendingCount += 1
    return EventHandle(slot: slot, generation: states[Int(slot)].generation)
  }

  /// Cancels the event behind `handle` if it is still pending and returns its target (so the
  /// owner can let go of what the target held); nil when the event had fired or was cancelled.
  @inlinable mutating func cancel(_ handle: EventHandle) -> UInt32? {
    guard isPending(handle) else { return nil }
    let target = states[Int(handle.slot)].target
    states[Int(handle.slot)].target = Self.noTarget
    livePendingCount -= 1
    cancelledFiledCount += 1
    if cancelledFiledCount > purgeMinimum, cancelledFiledCount > livePendingCount {
      purgeCancelled()
    }
    return target
  }

  /// Removes every cancelled entry from the ladder and frees its slot.
  /// - Complexity: O(filed entries + ladder buckets).
  @usableFromInline mutating func purgeCancelled() {
    // Local copies: the closure must not capture `self` while the ladder is being mutated.
    let states = self.states
    let freeSlots = self.freeSlots
    var freeCount = self.freeCount
    let removed = ladder.removeAll { entry in
      let slot = entry.value.slot
      guard states[Int(slot)].target == Self.noTarget else { return false }
      states[Int(slot)].generation &+= 1
      freeSlots[freeCount] = slot
      freeCount += 1
      return true
    }
    self.freeCount = freeCount
    cancelledFiledCount -= removed
  }

  /// True when the event behind `handle` is still pending.
  @inlinable func isPending(_ handle: EventHandle) -> Bool {
    let slot = Int(handle.slot)
    return slot < slotCount && states[slot].generation == handle.generation
      && states[slot].target != Self.noTarget
  }

  /// The time of the earliest pending event, or nil.
  @inlinable mutating func nextTime() -> Int64? {
    guard let entry = firstLiveEntry() else { return nil }
    return Ladder.time(entry.key)
  }

  /// Removes and returns the earliest pending event, or nil when none is pending. Its slot is
  /// free again (and its handle stale) once this returns.
  @inlinable @inline(__always) mutating func popNext() -> Fired? {
    guard let entry = firstLiveEntry() else { return nil }
    ladder.bottomHead += 1
    let slot = entry.value.slot
    let target = states[Int(slot)].target
    release(slot)
    livePendingCount -= 1
    return Fired(time: Ladder.time(entry.key), slot: slot, target: target, code: entry.value.code)
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
      if states[Int(entry.value.slot)].target != Self.noTarget { return entry }
      ladder.bottomHead += 1
      release(entry.value.slot)
      cancelledFiledCount -= 1
    }
  }

  /// Drops cancelled entries from a freshly filled bottom; this also reads every slot about to
  /// fire in one pass of independent loads, so the pops that follow find them in cache.
  @inlinable mutating func discardCancelledInBottom() {
    var kept = ladder.bottomHead
    for position in ladder.bottomHead..<ladder.bottomEnd {
      let entry = ladder.bottom[position]
      if states[Int(entry.value.slot)].target == Self.noTarget {
        release(entry.value.slot)
        cancelledFiledCount -= 1
      } else {
        ladder.bottom[kept] = entry
        kept += 1
      }
    }
    ladder.bottomEnd = kept
  }

  // MARK: - Storage

  /// Frees a slot whose entry has left the ladder; its handles go stale.
  @inlinable @inline(__always) mutating func release(_ slot: UInt32) {
    states[Int(slot)].generation &+= 1
    states[Int(slot)].target = Self.noTarget
    freeSlots[freeCount] = slot
    freeCount += 1
  }

  @inlinable mutating func growSlots() {
    precondition(slotCapacity < Int(UInt32.max) / 2, "Simulation: more than 2³¹ pending events")
    let newCapacity = slotCapacity * 2
    let newStates = UnsafeMutablePointer<SlotState>.allocate(capacity: newCapacity)
    newStates.moveInitialize(from: states, count: slotCount)
    states.deallocate()
    states = newStates
    let newFree = UnsafeMutablePointer<UInt32>.allocate(capacity: newCapacity)
    newFree.moveInitialize(from: freeSlots, count: freeCount)
    freeSlots.deallocate()
    freeSlots = newFree
    slotCapacity = newCapacity
  }
}
