import SimCore

/// A cryptographic hash function with an incremental interface: a value that absorbs bytes with
/// `update` and produces a digest with `finalize()`.
///
/// `SHA256` and `SHA512` conform; `HMAC` is generic over it. Every conformer is a Merkle–Damgård
/// construction over fixed-size blocks (FIPS 180-4 §5), so the work it reports is
/// `blockByteCount` × the number of blocks run through the compression function, padding
/// included.
public protocol HashFunction: Sendable {
  /// The size of one compression-function input block, in bytes (64 for SHA-256, 128 for
  /// SHA-512); HMAC pads keys to this size.
  static var blockByteCount: Int { get }
  /// The size of a digest, in bytes.
  static var digestByteCount: Int { get }

  /// A hasher that has absorbed nothing yet.
  init()

  /// Absorbs the bytes of `buffer`, in order.
  /// - Complexity: O(`buffer.count`).
  mutating func update(bufferPointer buffer: UnsafeRawBufferPointer)

  /// The digest of everything absorbed so far. The hasher itself is unchanged and may keep
  /// absorbing: the padding is applied to a copy.
  func finalize() -> [UInt8]

  /// The digest of everything absorbed so far; adds to `work` the work of the whole message:
  /// every block compressed so far plus the one or two padding blocks `finalize` compresses.
  func finalize(work: inout Work) -> [UInt8]

  /// The work of the blocks compressed so far (excluding the padding `finalize` will add).
  var work: Work { get }

  /// The digest of `bytes`: `digestByteCount` bytes.
  /// - Complexity: O(`bytes.count`).
  static func hash(_ bytes: [UInt8]) -> [UInt8]

  /// The digest of `bytes`; adds the work done to `work`, the same as
  /// `work(forMessageByteCount: bytes.count)`.
  /// - Complexity: O(`bytes.count`).
  static func hash(_ bytes: [UInt8], work: inout Work) -> [UInt8]

  /// The work of hashing a message of `byteCount` bytes in one go: `blockByteCount` × the number
  /// of padded blocks. Lets a caller charge a hash without hashing.
  static func work(forMessageByteCount byteCount: Int) -> Work
}

extension HashFunction {
  /// Absorbs `bytes`, in order. Contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`,
  /// `String.UTF8View` of a native string, …) are read in place; other sequences are copied once.
  /// - Complexity: O(number of bytes).
  public mutating func update(_ bytes: some Sequence<UInt8>) {
    let absorbed: Void? = bytes.withContiguousStorageIfAvailable { buffer in
      update(bufferPointer: UnsafeRawBufferPointer(buffer))
    }
    if absorbed == nil {
      Array(bytes).withUnsafeBytes { update(bufferPointer: $0) }
    }
  }
}
