extension HandlerRegistry {
  /// Checks that each registration counts exactly the pending events filed for it (`pending`
  /// holds one target per pending handler event), that the identifier table and the free list
  /// agree with the registrations, and that the cache names a registered handler; for tests.
  /// - Complexity: O(registrations + pending events).
  func checkInvariants(pendingTargets pending: [UInt32]) {
    var counts = [Int](repeating: 0, count: registrationCount)
    for target in pending {
      precondition(
        Int(target) < registrationCount, "HandlerRegistry: event for unknown target \(target)")
      counts[Int(target)] += 1
    }
    var free = [Bool](repeating: false, count: registrationCount)
    for target in freeTargets {
      precondition(!free[Int(target)], "HandlerRegistry: target \(target) freed twice")
      free[Int(target)] = true
    }
    var registered = 0
    for target in 0..<registrationCount {
      let registration = registrations[target]
      if free[target] {
        precondition(
          registration.handler == nil && registration.pendingCount == 0 && counts[target] == 0,
          "HandlerRegistry: free target \(target) is still in use")
        continue
      }
      registered += 1
      precondition(
        registration.pendingCount == counts[target],
        "HandlerRegistry: target \(target) counts \(registration.pendingCount) events, \(counts[target]) are pending"
      )
      let handler = registration.handler.unsafelyUnwrapped
      precondition(
        targets[ObjectIdentifier(handler)] == UInt32(target),
        "HandlerRegistry: target \(target)'s handler is not found under its identifier")
    }
    precondition(
      registered == targets.count,
      "HandlerRegistry: \(registered) registrations but \(targets.count) identifiers")
    if let cachedHandler {
      precondition(
        targets[cachedHandler] == cachedTarget, "HandlerRegistry: the cache names a stale handler")
    }
  }
}
