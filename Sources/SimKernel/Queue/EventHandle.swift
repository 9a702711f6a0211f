/// A reference to a scheduled event, used only to cancel it.
///
/// Handles are small values. Cancelling through a handle whose event has already fired or been
/// cancelled, or through the default handle, does nothing: a slot is reused only after its
/// generation has moved on, so a stale handle can never cancel someone else's event.
public struct EventHandle: Hashable, Sendable {
  @usableFromInline let slot: UInt32
  @usableFromInline let generation: UInt32

  @inlinable init(slot: UInt32, generation: UInt32) {
    self.slot = slot
    self.generation = generation
  }

  /// A handle that refers to no event; cancelling it is a no-op.
  public init() {
    self.slot = .max
    self.generation = 0
  }
}
