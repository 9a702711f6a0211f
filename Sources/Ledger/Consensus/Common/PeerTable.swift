import SimCore

/// Which peers each node gossips to: one list per node, indexed by `NodeID.index`.
///
/// Engines forward every block (or vote) they accept to their peers; a node that has already
/// seen a message drops the copy. Lists are arrays in a fixed order, so gossip order is
/// deterministic.
public struct PeerTable: Hashable, Sendable {
  /// `peers[i]`: the nodes node i sends to, ascending.
  public let peers: [[NodeID]]

  /// A table with the given lists.
  /// - Precondition: every peer is a node of the table and no node lists itself.
  public init(peers: [[NodeID]]) {
    for (index, list) in peers.enumerated() {
      for peer in list {
        precondition(
          peer.index >= 0 && peer.index < peers.count && peer.index != index,
          "PeerTable: node \(index) lists peer \(peer.index) (nodes 0..<\(peers.count))")
      }
    }
    self.peers = peers
  }

  /// The number of nodes.
  public var nodeCount: Int { peers.count }

  /// Every node linked to every other.
  /// - Complexity: O(n²).
  public static func fullMesh(nodeCount: Int) -> PeerTable {
    PeerTable(
      peers: (0..<nodeCount).map { node in
        (0..<nodeCount).filter { $0 != node }.map(NodeID.init)
      })
  }

  /// A random undirected graph where each node picks `degree` distinct peers uniformly (the
  /// links are then made symmetric, so a node may end with more), plus a ring through all nodes
  /// so the graph is connected. Draws from `streams.make(.consensusPeers)`.
  /// - Precondition: 0 ≤ `degree` < `nodeCount`.
  /// - Complexity: O(n · degree · log(n · degree)).
  public static func random(nodeCount: Int, degree: Int, streams: RandomStreams) -> PeerTable {
    precondition(
      degree >= 0 && degree < nodeCount,
      "PeerTable: degree \(degree) must be in 0..<\(nodeCount)")
    var generator = streams.make(.consensusPeers)
    var sets = [Set<Int>](repeating: [], count: nodeCount)
    func link(_ a: Int, _ b: Int) {
      guard a != b else { return }
      sets[a].insert(b)
      sets[b].insert(a)
    }
    for node in 0..<nodeCount {
      if nodeCount > 1 { link(node, (node + 1) % nodeCount) }
      for pick in generator.sampleIndices(degree, from: nodeCount - 1) {
        // Indices 0..<n−1 skip the node itself.
        link(node, pick < node ? pick : pick + 1)
      }
    }
    // Sorted: set order must not reach gossip order.
    return PeerTable(peers: sets.map { $0.sorted().map(NodeID.init) })
  }
}

extension StreamPurpose {
  /// Random peer graphs for gossip (`PeerTable.random`).
  public static let consensusPeers = StreamPurpose("consensusPeers")
  /// Signing keys of consensus nodes (`ConsensusKeys`).
  public static let consensusKeys = StreamPurpose("consensusKeys")
  /// Proof-of-work block discovery, one stream per miner.
  public static let proofOfWorkMining = StreamPurpose("proofOfWorkMining")
}
