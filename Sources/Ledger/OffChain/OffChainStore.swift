import SimCore

/// A content-addressed store for payloads kept off chain (on a `storage` or `edge` node):
/// `put` returns the reference the chain records, `get` returns the bytes for a hash.
///
/// ```swift
/// var store = OffChainStore()
/// let reference = store.put(serialisedUpdate, work: &work)     // hash + size
/// let transaction = … .modelUpdate(ModelUpdate(…, content: .offChain(reference)))
/// // later, on a reader: transfer reference.byteCount bytes from the storage node, then
/// let bytes = store.get(reference.hash)
/// ```
///
/// The store does not move bytes over the network: a scheme charges a transfer of
/// `reference.byteCount` bytes from the storage node to the reader, and the reader may check
/// what arrives with `ContentReference.matches(_:work:)`. Putting the same bytes twice stores
/// them once. Lookups go through a dictionary; `hashes` lists contents in insertion order.
public struct OffChainStore: Sendable {
  var contents: [ContentHash: [UInt8]] = [:]
  /// Content hashes in the order they were first put.
  public private(set) var hashes: [ContentHash] = []
  /// The bytes stored, each distinct content counted once.
  public private(set) var storedByteCount = ByteCount.zero

  /// An empty store.
  public init() {}

  /// The number of distinct contents stored.
  public var count: Int { hashes.count }

  /// Stores `bytes` under their SHA-256 and returns the reference to record on chain; adds the
  /// hash's work to `work`.
  /// - Complexity: O(`bytes.count`).
  @discardableResult
  public mutating func put(_ bytes: [UInt8], work: inout Work) -> ContentReference {
    let reference = ContentReference(content: bytes, work: &work)
    if contents.updateValue(bytes, forKey: reference.hash) == nil {
      hashes.append(reference.hash)
      storedByteCount += reference.byteCount
    }
    return reference
  }

  /// The bytes stored under `hash`, or `nil`.
  public func get(_ hash: ContentHash) -> [UInt8]? { contents[hash] }

  /// True when content with `hash` is stored.
  public func contains(_ hash: ContentHash) -> Bool { contents[hash] != nil }

  /// The size of the content stored under `hash` (what fetching it transfers), or `nil`.
  public func byteCount(of hash: ContentHash) -> ByteCount? {
    contents[hash].map { ByteCount(bytes: Int64($0.count)) }
  }

  /// Deletes the content under `hash`; returns whether it was stored.
  /// - Complexity: O(n) to keep `hashes` in order.
  @discardableResult
  public mutating func remove(_ hash: ContentHash) -> Bool {
    guard let bytes = contents.removeValue(forKey: hash) else { return false }
    hashes.removeAll { $0 == hash }
    storedByteCount = storedByteCount - ByteCount(bytes: Int64(bytes.count))
    return true
  }
}
