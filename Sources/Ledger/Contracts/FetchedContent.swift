import Cryptography
import SimCore

/// The off-chain payloads a validator has fetched for the block it executes, as a contract reads
/// them: each checked against the size and SHA-256 its reference records on chain.
///
/// With `isContentAddressed`, the bytes come from a content-addressed store (`OffChainStore`)
/// that computed their hash when they were put, so their match is known: the check's work is
/// still charged, its computation not repeated (as `SignatureMemo` does for signatures).
public struct FetchedContent {
  /// True when the bytes come from a content-addressed store (see the type's overview).
  public let isContentAddressed: Bool
  let lookup: (ContentReference) -> [UInt8]?

  /// Content that `lookup` returns: the bytes a reference names, or nil when they were not
  /// fetched.
  public init(
    isContentAddressed: Bool = false, lookup: @escaping (ContentReference) -> [UInt8]?
  ) {
    self.isContentAddressed = isContentAddressed
    self.lookup = lookup
  }

  /// No payload fetched: every read returns nil.
  public static var none: FetchedContent { FetchedContent { _ in nil } }

  /// The bytes `reference` names, or nil when they were not fetched or do not match its size or
  /// hash. Adds the hash check's work to `work` (none when the bytes are missing or the size
  /// already differs).
  /// - Complexity: O(`reference.byteCount`).
  public func bytes(for reference: ContentReference, work: inout Work) -> [UInt8]? {
    guard let content = lookup(reference), Int64(content.count) == reference.byteCount.bytes
    else { return nil }
    if isContentAddressed {
      work += SHA256.work(forMessageByteCount: content.count)
    } else if !reference.matches(content, work: &work) {
      return nil
    }
    return content
  }
}
