import SimCore

/// The events of `ProofOfAuthorityEngine`, packed into the 64-bit codes of `EventHandler`.
///
/// Layout: bit 0 is the kind; bits 1…40 the slot; bits 41…63 the node index.
public enum ProofOfAuthorityEvent: Hashable, Sendable {
  /// Slot `slot` begins: the in-turn signer seals, the others arm their backup deadlines.
  case slotStarted(slot: UInt64)
  /// `node`'s backup deadline in `slot`: it seals unless a block of this slot has arrived.
  case backupDeadline(node: NodeID, slot: UInt64)

  static let slotBits: UInt64 = 40

  /// The packed code.
  /// - Precondition: the slot fits in 40 bits and the node index in 23.
  var code: UInt64 {
    switch self {
    case .slotStarted(let slot):
      precondition(slot >> Self.slotBits == 0, "ProofOfAuthorityEvent: slot \(slot) too large")
      return slot << 1
    case .backupDeadline(let node, let slot):
      precondition(slot >> Self.slotBits == 0, "ProofOfAuthorityEvent: slot \(slot) too large")
      precondition(node.index < 1 << 23, "ProofOfAuthorityEvent: node \(node.index) too large")
      return UInt64(node.index) << (Self.slotBits + 1) | slot << 1 | 1
    }
  }

  /// The event packed in `code`.
  init(code: UInt64) {
    let slot = (code >> 1) & ((1 << Self.slotBits) - 1)
    if code & 1 == 0 {
      self = .slotStarted(slot: slot)
    } else {
      self = .backupDeadline(node: NodeID(Int(code >> (Self.slotBits + 1))), slot: slot)
    }
  }
}
