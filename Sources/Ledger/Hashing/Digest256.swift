import Cryptography
import SimCore

/// A 256-bit digest: the value behind transaction IDs, block hashes, Merkle roots, commitments
/// and content hashes.
///
/// Stored as four 64-bit words, big-endian within the digest (`w0` holds bytes 0…7), so
/// equality, hashing and ordering cost four word operations and the order is the lexicographic
/// order of the bytes.
public struct Digest256: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// A digest's size: 32 bytes.
  public static let byteCount = 32
  /// The all-zero digest: the parent hash of a genesis block.
  public static let zero = Digest256(w0: 0, w1: 0, w2: 0, w3: 0)

  @usableFromInline let w0, w1, w2, w3: UInt64

  @inlinable init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
    self.w0 = w0
    self.w1 = w1
    self.w2 = w2
    self.w3 = w3
  }

  /// The digest whose bytes are `bytes`.
  /// - Throws: `LedgerError.wrongByteCount` unless `bytes` has exactly 32 elements.
  public init(bytes: [UInt8]) throws(LedgerError) {
    guard bytes.count == Self.byteCount else {
      throw .wrongByteCount(field: "digest", byteCount: bytes.count, expected: Self.byteCount)
    }
    self.init(uncheckedBytes: bytes)
  }

  /// The digest of 32 bytes already known to be 32 long (a SHA-256 output).
  init(uncheckedBytes bytes: [UInt8]) {
    precondition(bytes.count == Self.byteCount, "Digest256: \(bytes.count) bytes, expected 32")
    func word(_ start: Int) -> UInt64 {
      var value: UInt64 = 0
      for index in start..<(start + 8) { value = value << 8 | UInt64(bytes[index]) }
      return value
    }
    self.init(w0: word(0), w1: word(8), w2: word(16), w3: word(24))
  }

  /// SHA-256 of `bytes` (FIPS 180-4); adds the hash's work to `work`.
  /// - Complexity: O(`bytes.count`).
  public static func sha256(_ bytes: [UInt8], work: inout Work) -> Digest256 {
    Digest256(uncheckedBytes: SHA256.hash(bytes, work: &work))
  }

  /// The 32 bytes of the digest.
  public var bytes: [UInt8] {
    var writer = ByteWriter(capacity: Self.byteCount)
    writer.append(self)
    return writer.bytes
  }

  /// Lexicographic order of the bytes.
  @inlinable public static func < (a: Digest256, b: Digest256) -> Bool {
    if a.w0 != b.w0 { return a.w0 < b.w0 }
    if a.w1 != b.w1 { return a.w1 < b.w1 }
    if a.w2 != b.w2 { return a.w2 < b.w2 }
    return a.w3 < b.w3
  }

  /// The 64 lower-case hexadecimal digits of the bytes.
  public var description: String { Self.hex(bytes) }

  /// The first 8 hexadecimal digits, for logs and error messages.
  public var shortDescription: String { String(description.prefix(8)) }

  /// `bytes` in lower-case hexadecimal.
  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var text = ""
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return text
  }
}
