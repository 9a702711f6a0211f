import SimCore

/// A block's identity: SHA-256 of its encoded header (see `BlockHeader`). The proposer signs
/// it, children name it as their parent, and the chain store indexes blocks by it.
public struct BlockHash: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 32-byte SHA-256 digest.
  public let digest: Digest256

  /// The block hash with `digest`.
  public init(_ digest: Digest256) { self.digest = digest }

  /// The parent hash of a genesis block: all zeros.
  public static let zero = BlockHash(.zero)

  /// Byte order of the digests.
  public static func < (a: BlockHash, b: BlockHash) -> Bool { a.digest < b.digest }

  /// `block:` and the first 8 hexadecimal digits.
  public var description: String { "block:\(digest.shortDescription)" }
}
