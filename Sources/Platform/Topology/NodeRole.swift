/// What a node does in a scenario. A node may hold several roles.
public enum NodeRole: String, CaseIterable, Sendable, Comparable {
  /// A data owner: trains on its local data.
  case client
  /// An edge (MEC) server near clients.
  case edge
  /// A miner or consensus node.
  case validator
  /// A cloud aggregator.
  case server
  /// An off-chain store.
  case storage
  /// Forwards traffic only.
  case router

  public static func < (a: NodeRole, b: NodeRole) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
