import SimCore

/// SHA-256 (FIPS 180-4 §6.2): a 32-byte digest of a message of any length.
///
/// One-shot: `SHA256.hash(bytes)`. Incremental:
/// ```
/// var hasher = SHA256()
/// hasher.update(header)
/// hasher.update(payload)
/// let digest = hasher.finalize()
/// ```
/// The work reported is `bytesHashed` = 64 × the blocks compressed, padding included, so a
/// message of n bytes costs 64 × ⌈(n + 9) / 64⌉ bytes (a 64-byte Merkle node costs 128).
public struct SHA256: HashFunction {
  /// One compression block: 512 bits.
  public static let blockByteCount = 64
  /// A digest: 256 bits.
  public static let digestByteCount = 32

  /// The running hash value H(i) between blocks (FIPS 180-4 §6.2.2).
  struct State: Sendable {
    var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    /// H(0), FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots
    /// of the first eight primes.
    static let initial = State(
      h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
      h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)

    /// Writes H0…H7 as big-endian words: the digest (FIPS 180-4 §6.2.2, last step).
    func storeBigEndian(into bytes: UnsafeMutableRawBufferPointer) {
      bytes.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
      bytes.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
      bytes.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
      bytes.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
      bytes.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
      bytes.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
      bytes.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
      bytes.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
    }
  }

  var state = State.initial
  var buffer = MessageBlockBuffer()

  /// A hasher that has absorbed nothing yet.
  public init() {}

  /// The SHA-256 digest of `bytes`: 32 bytes.
  /// - Complexity: O(`bytes.count`).
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var work = Work.zero
    return hash(bytes, work: &work)
  }

  /// The SHA-256 digest of `bytes`; adds the work done to `work`: 64 × ⌈(`bytes.count` + 9) / 64⌉
  /// bytes hashed, the same as `work(forMessageByteCount: bytes.count)`.
  /// - Complexity: O(`bytes.count`).
  public static func hash(_ bytes: [UInt8], work: inout Work) -> [UInt8] {
    var hasher = SHA256()
    bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    return hasher.finalize(work: &work)
  }

  /// The work of hashing `byteCount` bytes: 64 bytes per padded block. The padding adds a 0x80
  /// byte and an 8-byte length (FIPS 180-4 §5.1.1).
  public static func work(forMessageByteCount byteCount: Int) -> Work {
    precondition(byteCount >= 0, "SHA256: negative message length \(byteCount)")
    return Work(bytesHashed: Int64((byteCount + 9 + 63) / 64 * 64))
  }

  /// The work of the blocks compressed so far: 64 bytes each.
  public var work: Work { Work(bytesHashed: buffer.compressedBlocks * 64) }

  /// Absorbs the bytes of `buffer`, in order. Whole blocks are compressed straight from
  /// `buffer`; only a trailing partial block is copied.
  /// - Complexity: O(`buffer.count`).
  public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
    buffer.absorb(bytes, blockByteCount: Self.blockByteCount) { blocks, count in
      Self.compress(&state, blocks: blocks, count: count)
    }
  }

  /// The 32-byte digest of everything absorbed so far; the hasher may keep absorbing.
  public func finalize() -> [UInt8] {
    var work = Work.zero
    return finalize(work: &work)
  }

  /// The digest of everything absorbed so far; adds to `work` the work of the whole message:
  /// the blocks compressed so far plus the one or two padding blocks compressed now.
  public func finalize(work: inout Work) -> [UInt8] {
    // Padding: FIPS 180-4 §5.1.1, a 8-byte length field.
    var final = state
    let tailBlocks = buffer.pad(blockByteCount: Self.blockByteCount, lengthByteCount: 8) {
      blocks, count in Self.compress(&final, blocks: blocks, count: count)
    }
    let digest = [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, count in
      final.storeBigEndian(into: UnsafeMutableRawBufferPointer(buffer))
      count = Self.digestByteCount
    }
    work += Work(bytesHashed: (buffer.compressedBlocks + Int64(tailBlocks)) * 64)
    return digest
  }
}
