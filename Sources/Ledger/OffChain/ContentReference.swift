import SimCore

/// What the chain records about a payload kept off chain: its content hash and its size, so a
/// reader knows where to fetch it, how many bytes the fetch moves, and how to check what
/// arrives.
///
/// Encoded on chain as the 32-byte hash followed by the size as a big-endian `UInt64`: 40
/// bytes, whatever the payload's size.
public struct ContentReference: Hashable, Sendable, CustomStringConvertible {
  /// The encoded size of a reference: 32 + 8 bytes.
  public static let encodedByteCount = Digest256.byteCount + 8

  /// SHA-256 of the content.
  public let hash: ContentHash
  /// The content's size: what fetching it transfers.
  public let byteCount: ByteCount

  /// A reference to `byteCount` bytes whose SHA-256 is `hash`.
  /// - Precondition: `byteCount` is not negative.
  public init(hash: ContentHash, byteCount: ByteCount) {
    precondition(byteCount.bytes >= 0, "ContentReference: negative size \(byteCount.bytes)")
    self.hash = hash
    self.byteCount = byteCount
  }

  /// The reference to `content`; adds the SHA-256 work to `work`.
  /// - Complexity: O(`content.count`).
  public init(content: [UInt8], work: inout Work) {
    self.init(
      hash: ContentHash(Digest256.sha256(content, work: &work)),
      byteCount: ByteCount(bytes: Int64(content.count)))
  }

  /// True when `content` is what this reference names: the same size and SHA-256. Adds the
  /// hash's work to `work` (none when the size already differs).
  /// - Complexity: O(`content.count`).
  public func matches(_ content: [UInt8], work: inout Work) -> Bool {
    guard Int64(content.count) == byteCount.bytes else { return false }
    return Digest256.sha256(content, work: &work) == hash.digest
  }

  /// The hash and the size.
  public var description: String { "\(hash) (\(byteCount))" }
}
