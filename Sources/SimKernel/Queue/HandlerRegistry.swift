/// The `Simulation`'s table of event handlers: gives each handler with pending events a small
/// integer target, so that the queue files two integers per event instead of a reference.
///
/// A handler is held strongly while it has events pending (counting, while one of its events
/// fires, that event too) — exactly as long as the queue used to hold it — and is let go when the
/// count falls to zero; its target is then reused. Targets are assigned in order of first use from
/// a free list, so they depend only on the run's history, never on addresses or hashing (the
/// dictionary is only ever looked up, never iterated). The last handler looked up is cached:
/// models usually schedule many events for the same handler in a row.
@usableFromInline struct HandlerRegistry: ~Copyable {
  /// A handler and its events pending (plus one while one of them fires); `handler` is nil and
  /// `pendingCount` zero when the target is free.
  @usableFromInline struct Registration {
    /// The handler, held strongly; nil when the target is free, and while it handles an event.
    @usableFromInline var handler: (any EventHandler)?
    /// The same handler, not retained.
    @usableFromInline unowned(unsafe) var unretained: (any EventHandler)?
    @usableFromInline var pendingCount: Int

    @inlinable init(handler: (any EventHandler)?, pendingCount: Int) {
      self.handler = handler
      self.unretained = handler
      self.pendingCount = pendingCount
    }
  }

  @usableFromInline var registrations: UnsafeMutablePointer<Registration>
  @usableFromInline var registrationCount = 0
  @usableFromInline var capacity: Int
  @usableFromInline var freeTargets: [UInt32] = []
  @usableFromInline var targets: [ObjectIdentifier: UInt32] = [:]
  /// The handler looked up last and its target. Valid while that handler is registered (which
  /// keeps it alive, so no other object can share its identifier).
  @usableFromInline var cachedHandler: ObjectIdentifier?
  @usableFromInline var cachedTarget: UInt32 = 0

  @inlinable init() {
    capacity = 16
    registrations = .allocate(capacity: capacity)
  }

  /// Frees the storage, letting every handler go; the owning `Simulation` calls this from its
  /// `deinit`. (A `deinit` here would be called from the simulation's inlinable accessors, which
  /// Swift 6.3's optimiser rejects.)
  @inlinable func deallocate() {
    registrations.deinitialize(count: registrationCount)
    registrations.deallocate()
  }

  /// Handlers currently holding a target.
  @inlinable var registeredCount: Int { targets.count }

  /// The target of `handler`, counting one more pending event against it.
  @inlinable @inline(__always)
  mutating func retainTarget(for handler: some EventHandler) -> UInt32 {
    let identifier = ObjectIdentifier(handler)
    if identifier == cachedHandler {
      registrations[Int(cachedTarget)].pendingCount += 1
      return cachedTarget
    }
    return register(handler, identifier)
  }

  @usableFromInline
  mutating func register(_ handler: any EventHandler, _ identifier: ObjectIdentifier) -> UInt32 {
    let target: UInt32
    if let known = targets[identifier] {
      target = known
    } else if let free = freeTargets.popLast() {
      target = free
      registrations[Int(target)] = Registration(handler: handler, pendingCount: 0)
      targets[identifier] = target
    } else {
      if registrationCount == capacity { grow() }
      precondition(registrationCount < Int(UInt32.max) - 2, "Simulation: too many handlers")
      target = UInt32(registrationCount)
      (registrations + registrationCount).initialize(
        to: Registration(handler: handler, pendingCount: 0))
      registrationCount += 1
      targets[identifier] = target
    }
    registrations[Int(target)].pendingCount += 1
    cachedHandler = identifier
    cachedTarget = target
    return target
  }

  // Delivering an event calls into the model, which may schedule (and so register handlers and
  // move `registrations`). No access to the registry may span that call, so delivery is split:
  // `lend` moves the strong reference out (no reference counting), the caller calls the handler,
  // then `giveBack` puts it back at the registry's current address. The registration's count
  // includes the firing event, so it cannot be dropped meanwhile; a delivery nested in the call
  // (a run loop started inside `handle`) finds the reference out and uses `unretainedHandler`,
  // which the outer call keeps alive.

  /// Moves out the handler of `target` for a delivery; nil if it is out already.
  @inlinable @inline(__always) mutating func lend(_ target: UInt32) -> (any EventHandler)? {
    registrations[Int(target)].handler.take()
  }

  /// Puts back a handler taken by `lend`.
  @inlinable @inline(__always)
  mutating func giveBack(_ handler: consuming any EventHandler, to target: UInt32) {
    registrations[Int(target)].handler = handler
  }

  /// The handler of `target` while it is lent out (a nested delivery).
  @inlinable func unretainedHandler(_ target: UInt32) -> any EventHandler {
    registrations[Int(target)].unretained.unsafelyUnwrapped
  }

  /// Counts one event of `target` as gone (fired or cancelled). At zero the registration ends and
  /// the handler is returned rather than released here: releasing it may run its `deinit`, which
  /// must not run inside an access to the registry.
  @inlinable @inline(__always) @discardableResult
  mutating func releaseTarget(_ target: UInt32) -> (any EventHandler)? {
    registrations[Int(target)].pendingCount -= 1
    if registrations[Int(target)].pendingCount == 0 { return unregister(target) }
    return nil
  }

  @usableFromInline mutating func unregister(_ target: UInt32) -> (any EventHandler)? {
    let handler = registrations[Int(target)].handler.take()
    registrations[Int(target)].unretained = nil
    if let handler { targets[ObjectIdentifier(handler)] = nil }
    freeTargets.append(target)
    if cachedTarget == target { cachedHandler = nil }
    return handler
  }

  @usableFromInline mutating func grow() {
    let newCapacity = 2 * capacity
    let newRegistrations = UnsafeMutablePointer<Registration>.allocate(capacity: newCapacity)
    newRegistrations.moveInitialize(from: registrations, count: registrationCount)
    registrations.deallocate()
    registrations = newRegistrations
    capacity = newCapacity
  }
}
