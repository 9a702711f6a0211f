import Cryptography
import SimCore

/// The Merkle tree a block header commits to: RFC 6962 §2.1 (Certificate Transparency) over
/// SHA-256, with the transaction IDs as leaves.
///
/// - leaf hash: SHA-256(0x00 ‖ leaf); interior node: SHA-256(0x01 ‖ left ‖ right);
/// - n > 1 leaves split at k, the largest power of two below n: MTH(D[0..<k]) and MTH(D[k..<n]);
/// - the empty tree's root is SHA-256 of the empty string.
///
/// **Why RFC 6962 rather than Bitcoin's tree.** Bitcoin pairs an odd level's last node with a
/// copy of itself, so a list and the same list with its last transaction repeated have the same
/// root (CVE-2012-2459), and its leaves and interior nodes hash alike, so an interior node can
/// pose as a leaf. RFC 6962 promotes an unpaired node unchanged and separates leaves from nodes
/// with the 0x00/0x01 prefixes: one root per list, no second preimages by shape. It also has
/// published test vectors (the Certificate Transparency reference tests) and a specified
/// inclusion-proof verification (RFC 9162 §2.1.3.2).
///
/// Computed bottom-up: pairing each level's nodes left to right and carrying an unpaired last
/// node up unchanged builds exactly the tree of the recursive definition.
///
/// **Work.** A 32-byte leaf hashes 33 bytes (one 64-byte block); a node hashes 65 bytes (two
/// blocks, 128 bytes); so n ≥ 1 IDs cost 64·n + 128·(n − 1) bytes hashed.
public enum MerkleTree {
  /// The root over `ids`, in order; adds the hashing work to `work`.
  /// - Complexity: O(n) hashes.
  public static func root(of ids: [TransactionID], work: inout Work) -> Digest256 {
    root(ofLeafHashes: ids.map { leafHash(of: $0, work: &work) }, work: &work)
  }

  /// The root over leaves already hashed with `leafHash`; adds the node hashes' work to `work`.
  /// An empty list gives SHA-256 of the empty string.
  /// - Complexity: O(n) hashes.
  public static func root(ofLeafHashes leafHashes: [Digest256], work: inout Work) -> Digest256 {
    guard !leafHashes.isEmpty else { return Digest256.sha256([], work: &work) }
    var level = leafHashes
    while level.count > 1 { level = parentLevel(of: level, work: &work) }
    return level[0]
  }

  /// The inclusion proof of the leaf at `index` among `ids` (RFC 6962 §2.1.1 audit path); adds
  /// the hashing work of rebuilding the tree to `work`.
  /// - Precondition: `index` is a valid index of `ids`.
  /// - Complexity: O(n) hashes.
  public static func inclusionProof(forLeafAt index: Int, in ids: [TransactionID], work: inout Work)
    -> MerkleProof
  {
    precondition(
      ids.indices.contains(index), "MerkleTree: leaf \(index) is outside 0..<\(ids.count)")
    return inclusionProof(
      forLeafAt: index, leafHashes: ids.map { leafHash(of: $0, work: &work) }, work: &work)
  }

  /// The inclusion proof of leaf `index` in the tree over `leafHashes`; the path lists the
  /// siblings from the leaf up.
  /// - Precondition: `index` is a valid index of `leafHashes`.
  /// - Complexity: O(n) hashes.
  public static func inclusionProof(
    forLeafAt index: Int, leafHashes: [Digest256], work: inout Work
  ) -> MerkleProof {
    precondition(
      leafHashes.indices.contains(index),
      "MerkleTree: leaf \(index) is outside 0..<\(leafHashes.count)")
    var path: [Digest256] = []
    var level = leafHashes
    var position = index
    while level.count > 1 {
      let sibling = position ^ 1
      // An unpaired last node has no sibling at this level: it moves up unchanged.
      if sibling < level.count { path.append(level[sibling]) }
      level = parentLevel(of: level, work: &work)
      position >>= 1
    }
    return MerkleProof(leafIndex: index, leafCount: leafHashes.count, path: path)
  }

  /// The level above `level`: its nodes paired left to right, an unpaired last node carried up
  /// unchanged (RFC 6962's split at the largest power of two, built bottom-up).
  /// - Complexity: ⌊n / 2⌋ node hashes for n nodes.
  private static func parentLevel(of level: [Digest256], work: inout Work) -> [Digest256] {
    var next: [Digest256] = []
    next.reserveCapacity((level.count + 1) / 2)
    var index = 0
    while index + 1 < level.count {
      next.append(nodeHash(level[index], level[index + 1], work: &work))
      index += 2
    }
    if index < level.count { next.append(level[index]) }
    return next
  }

  /// SHA-256(0x00 ‖ `id`): the leaf hash of a transaction ID; adds one 64-byte block of work.
  public static func leafHash(of id: TransactionID, work: inout Work) -> Digest256 {
    var writer = ByteWriter(capacity: 1 + Digest256.byteCount)
    writer.append(0x00 as UInt8)
    writer.append(id.digest)
    return Digest256.sha256(writer.bytes, work: &work)
  }

  /// SHA-256(0x00 ‖ `leaf`): the leaf hash of arbitrary leaf bytes (RFC 6962 allows any).
  /// - Complexity: O(`leaf.count`).
  public static func leafHash(ofBytes leaf: [UInt8], work: inout Work) -> Digest256 {
    Digest256.sha256([0x00] + leaf, work: &work)
  }

  /// SHA-256(0x01 ‖ `left` ‖ `right`): an interior node; adds two 64-byte blocks of work.
  public static func nodeHash(_ left: Digest256, _ right: Digest256, work: inout Work)
    -> Digest256
  {
    var writer = ByteWriter(capacity: 1 + 2 * Digest256.byteCount)
    writer.append(0x01 as UInt8)
    writer.append(left)
    writer.append(right)
    return Digest256.sha256(writer.bytes, work: &work)
  }
}
