import SimCore

/// SHA-512 (FIPS 180-4 §6.4): a 64-byte digest of a message of any length.
///
/// One-shot: `SHA512.hash(bytes)`. Incremental:
/// ```
/// var hasher = SHA512()
/// hasher.update(header)
/// hasher.update(payload)
/// let digest = hasher.finalize()
/// ```
/// The work reported is `bytesHashed` = 128 × the blocks compressed, padding included, so a
/// message of n bytes costs 128 × ⌈(n + 17) / 128⌉ bytes.
public struct SHA512: HashFunction {
  /// One compression block: 1024 bits.
  public static let blockByteCount = 128
  /// A digest: 512 bits.
  public static let digestByteCount = 64

  /// The running hash value H(i) between blocks (FIPS 180-4 §6.4.2).
  struct State: Sendable {
    var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    /// H(0), FIPS 180-4 §5.3.5: the first 64 bits of the fractional parts of the square roots
    /// of the first eight primes.
    static let initial = State(
      h0: 0x6a09e667_f3bcc908, h1: 0xbb67ae85_84caa73b, h2: 0x3c6ef372_fe94f82b,
      h3: 0xa54ff53a_5f1d36f1, h4: 0x510e527f_ade682d1, h5: 0x9b05688c_2b3e6c1f,
      h6: 0x1f83d9ab_fb41bd6b, h7: 0x5be0cd19_137e2179)

    /// Writes H0…H7 as big-endian words: the digest (FIPS 180-4 §6.4.2, last step).
    func storeBigEndian(into bytes: UnsafeMutableRawBufferPointer) {
      bytes.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt64.self)
      bytes.storeBytes(of: h1.bigEndian, toByteOffset: 8, as: UInt64.self)
      bytes.storeBytes(of: h2.bigEndian, toByteOffset: 16, as: UInt64.self)
      bytes.storeBytes(of: h3.bigEndian, toByteOffset: 24, as: UInt64.self)
      bytes.storeBytes(of: h4.bigEndian, toByteOffset: 32, as: UInt64.self)
      bytes.storeBytes(of: h5.bigEndian, toByteOffset: 40, as: UInt64.self)
      bytes.storeBytes(of: h6.bigEndian, toByteOffset: 48, as: UInt64.self)
      bytes.storeBytes(of: h7.bigEndian, toByteOffset: 56, as: UInt64.self)
    }
  }

  var state = State.initial
  var buffer = MessageBlockBuffer()

  /// A hasher that has absorbed nothing yet.
  public init() {}

  /// The SHA-512 digest of `bytes`: 64 bytes.
  /// - Complexity: O(`bytes.count`).
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var work = Work.zero
    return hash(bytes, work: &work)
  }

  /// The SHA-512 digest of `bytes`; adds the work done to `work`: 128 × ⌈(`bytes.count` + 17) / 128⌉
  /// bytes hashed, the same as `work(forMessageByteCount: bytes.count)`.
  /// - Complexity: O(`bytes.count`).
  public static func hash(_ bytes: [UInt8], work: inout Work) -> [UInt8] {
    var hasher = SHA512()
    bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    return hasher.finalize(work: &work)
  }

  /// The work of hashing `byteCount` bytes: 128 bytes per padded block. The padding adds a
  /// 0x80 byte and a 16-byte length (FIPS 180-4 §5.1.2).
  public static func work(forMessageByteCount byteCount: Int) -> Work {
    precondition(byteCount >= 0, "SHA512: negative message length \(byteCount)")
    return Work(bytesHashed: Int64((byteCount + 17 + 127) / 128 * 128))
  }

  /// The work of the blocks compressed so far: 128 bytes each.
  public var work: Work { Work(bytesHashed: buffer.compressedBlocks * 128) }

  /// Absorbs the bytes of `buffer`, in order. Whole blocks are compressed straight from
  /// `buffer`; only a trailing partial block is copied.
  /// - Complexity: O(`buffer.count`).
  public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
    buffer.absorb(bytes, blockByteCount: Self.blockByteCount) { blocks, count in
      Self.compress(&state, blocks: blocks, count: count)
    }
  }

  /// The 64-byte digest of everything absorbed so far; the hasher may keep absorbing.
  public func finalize() -> [UInt8] {
    var work = Work.zero
    return finalize(work: &work)
  }

  /// The digest of everything absorbed so far; adds to `work` the work of the whole message:
  /// the blocks compressed so far plus the one or two padding blocks compressed now.
  public func finalize(work: inout Work) -> [UInt8] {
    // Padding: FIPS 180-4 §5.1.2, a 16-byte length field.
    var final = state
    let tailBlocks = buffer.pad(blockByteCount: Self.blockByteCount, lengthByteCount: 16) {
      blocks, count in Self.compress(&final, blocks: blocks, count: count)
    }
    let digest = [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, count in
      final.storeBigEndian(into: UnsafeMutableRawBufferPointer(buffer))
      count = Self.digestByteCount
    }
    work += Work(bytesHashed: (buffer.compressedBlocks + Int64(tailBlocks)) * 128)
    return digest
  }
}
