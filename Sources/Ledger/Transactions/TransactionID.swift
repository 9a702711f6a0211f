import SimCore

/// A transaction's identity: SHA-256 of its encoding without the signature (see
/// `Transaction`). The sender signs this ID, and blocks commit to transactions through a Merkle
/// tree over their IDs.
public struct TransactionID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 32-byte SHA-256 digest.
  public let digest: Digest256

  /// The transaction ID with `digest`.
  public init(_ digest: Digest256) { self.digest = digest }

  /// Byte order of the digests.
  public static func < (a: TransactionID, b: TransactionID) -> Bool { a.digest < b.digest }

  /// `tx:` and the first 8 hexadecimal digits.
  public var description: String { "tx:\(digest.shortDescription)" }
}
