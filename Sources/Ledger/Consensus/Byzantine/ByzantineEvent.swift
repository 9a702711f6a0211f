import SimCore

/// The events of `ByzantineEngine`, packed into `EventHandler` codes: the propose timeout of
/// `node` at (`height`, `view`). Layout: node in bits 0…19, view in bits 20…31, height above.
public enum ByzantineEvent: Hashable, Sendable {
  /// `node` has waited its timeout for the proposal of (`height`, `view`).
  case proposeTimeout(node: NodeID, height: Int, view: Int)

  /// The packed code.
  /// - Precondition: node < 2²⁰, view < 2¹², height < 2³².
  var code: UInt64 {
    switch self {
    case .proposeTimeout(let node, let height, let view):
      precondition(
        node.index < 1 << 20 && view < 1 << 12 && height < 1 << 32,
        "ByzantineEvent: node \(node.index), view \(view) or height \(height) too large")
      return UInt64(height) << 32 | UInt64(view) << 20 | UInt64(node.index)
    }
  }

  /// The event packed in `code`.
  init(code: UInt64) {
    self = .proposeTimeout(
      node: NodeID(Int(code & 0xF_FFFF)), height: Int(code >> 32),
      view: Int((code >> 20) & 0xFFF))
  }
}
