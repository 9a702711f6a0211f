import SimCore

/// The events of `ByzantineEngine`, packed into `EventHandler` codes: one of `node`'s timeouts
/// at (`height`, `view`). Layout: node in bits 0…19, view in bits 20…31, height in bits 32…61,
/// the kind in bits 62…63 (0 for the propose timeout, so its code is the height, view and node
/// alone).
public enum ByzantineEvent: Hashable, Sendable {
  /// `node` has waited its timeout for the proposal of (`height`, `view`).
  case proposeTimeout(node: NodeID, height: Int, view: Int)
  /// `node` has waited its timeout since it saw 2f + 1 prevotes of (`height`, `view`) that
  /// agree on nothing it can precommit.
  case prevoteTimeout(node: NodeID, height: Int, view: Int)
  /// `node` has waited its timeout since it saw 2f + 1 precommits of (`height`, `view`) that
  /// commit nothing it holds.
  case precommitTimeout(node: NodeID, height: Int, view: Int)
  /// `node` has spent another timeout in (`height`, `view`) without deciding it: time to send
  /// its status to the others again.
  case gossipTimeout(node: NodeID, height: Int, view: Int)

  /// The packed code.
  /// - Precondition: node < 2²⁰, view < 2¹², height < 2³⁰.
  var code: UInt64 {
    let (kind, node, height, view): (UInt64, NodeID, Int, Int)
    switch self {
    case .proposeTimeout(let n, let h, let v): (kind, node, height, view) = (0, n, h, v)
    case .prevoteTimeout(let n, let h, let v): (kind, node, height, view) = (1, n, h, v)
    case .precommitTimeout(let n, let h, let v): (kind, node, height, view) = (2, n, h, v)
    case .gossipTimeout(let n, let h, let v): (kind, node, height, view) = (3, n, h, v)
    }
    precondition(
      node.index < 1 << 20 && view < 1 << 12 && height < 1 << 30,
      "ByzantineEvent: node \(node.index), view \(view) or height \(height) too large")
    return kind << 62 | UInt64(height) << 32 | UInt64(view) << 20 | UInt64(node.index)
  }

  /// The event packed in `code`.
  init(code: UInt64) {
    let node = NodeID(Int(code & 0xF_FFFF))
    let height = Int((code >> 32) & 0x3FFF_FFFF)
    let view = Int((code >> 20) & 0xFFF)
    switch code >> 62 {
    case 0: self = .proposeTimeout(node: node, height: height, view: view)
    case 1: self = .prevoteTimeout(node: node, height: height, view: view)
    case 2: self = .precommitTimeout(node: node, height: height, view: view)
    default: self = .gossipTimeout(node: node, height: height, view: view)
    }
  }
}
