import SimCore

/// Evidence that a leaf sits at `leafIndex` in a Merkle tree of `leafCount` leaves: the sibling
/// hashes on the way from the leaf to the root (RFC 6962 §2.1.1), bottom first.
///
/// A light client holding only a block header checks a transaction's inclusion with
/// `isValid(for:root:work:)`: ⌈log₂ n⌉ node hashes at most.
public struct MerkleProof: Hashable, Sendable {
  /// The leaf's position, from zero.
  public let leafIndex: Int
  /// The number of leaves in the tree.
  public let leafCount: Int
  /// The audit path: sibling hashes from the leaf's level up.
  public let path: [Digest256]

  /// A proof with the given fields (for example received from a peer).
  public init(leafIndex: Int, leafCount: Int, path: [Digest256]) {
    self.leafIndex = leafIndex
    self.leafCount = leafCount
    self.path = path
  }

  /// The bytes the proof occupies on the wire: two `UInt64` positions and the path.
  public var encodedByteCount: Int { 16 + path.count * Digest256.byteCount }

  /// True when this proof shows that `id` is leaf `leafIndex` of the tree whose root is `root`;
  /// adds the hashing work to `work`.
  /// - Complexity: O(path length) hashes.
  public func isValid(for id: TransactionID, root: Digest256, work: inout Work) -> Bool {
    isValid(leafHash: MerkleTree.leafHash(of: id, work: &work), root: root, work: &work)
  }

  /// True when this proof leads from the leaf hash `leafHash` to `root`, following RFC 9162
  /// §2.1.3.2: walk up with fn = index and sn = size − 1; a node is a right child (or the
  /// unpaired last node) when fn is odd or fn = sn; levels where the node has no sibling are
  /// skipped by shifting while fn is even; the proof is valid when it is used up exactly at
  /// sn = 0 and the result equals the root.
  /// - Complexity: O(path length) hashes.
  public func isValid(leafHash: Digest256, root: Digest256, work: inout Work) -> Bool {
    guard leafIndex >= 0, leafIndex < leafCount else { return false }
    var fn = leafIndex
    var sn = leafCount - 1
    var hash = leafHash
    for sibling in path {
      guard sn != 0 else { return false }
      if fn & 1 == 1 || fn == sn {
        hash = MerkleTree.nodeHash(sibling, hash, work: &work)
        while fn & 1 == 0 && fn != 0 {
          fn >>= 1
          sn >>= 1
        }
      } else {
        hash = MerkleTree.nodeHash(hash, sibling, work: &work)
      }
      fn >>= 1
      sn >>= 1
    }
    return sn == 0 && hash == root
  }
}
