import SimCore

/// The address of a payload in an `OffChainStore`: SHA-256 of its bytes, so anyone who fetches
/// the bytes can check them against the hash the chain holds.
public struct ContentHash: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 32-byte SHA-256 digest of the content.
  public let digest: Digest256

  /// The content hash with `digest`.
  public init(_ digest: Digest256) { self.digest = digest }

  /// Byte order of the digests.
  public static func < (a: ContentHash, b: ContentHash) -> Bool { a.digest < b.digest }

  /// `content:` and the first 8 hexadecimal digits.
  public var description: String { "content:\(digest.shortDescription)" }
}
