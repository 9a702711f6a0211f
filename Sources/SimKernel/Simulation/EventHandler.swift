/// A model object that receives typed events: the allocation-free alternative to closures for
/// models that schedule millions of events.
///
/// Scheduling a closure allocates its captured context; scheduling `(handler, event)` stores a
/// reference and a 64-bit code, which the handler decodes (an index, a packed pair of IDs, an enum
/// raw value). Both kinds of event share one queue and one order.
public protocol EventHandler: AnyObject {
  /// Handles `event`, scheduled for the current instant `simulation.now`.
  func handle(_ event: UInt64, in simulation: Simulation)
}
