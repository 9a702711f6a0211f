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
  /// The bytes of an incomplete block, waiting for more input; only the first `pendingCount`
  /// are meaningful.
  var pending = InlineArray<64, UInt8>(repeating: 0)
  var pendingCount = 0
  /// Blocks run through the compression function so far.
  var blockCount: Int64 = 0

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
  public var work: Work { Work(bytesHashed: blockCount * 64) }

  /// Absorbs the bytes of `buffer`, in order. Whole blocks are compressed straight from
  /// `buffer`; only a trailing partial block is copied.
  /// - Complexity: O(`buffer.count`).
  public mutating func update(bufferPointer buffer: UnsafeRawBufferPointer) {
    guard var next = buffer.baseAddress, !buffer.isEmpty else { return }
    var remaining = buffer.count
    if pendingCount > 0 {
      let taken = min(Self.blockByteCount - pendingCount, remaining)
      withUnsafeMutableBytes(of: &pending) { block in
        (block.baseAddress! + pendingCount).copyMemory(from: next, byteCount: taken)
      }
      pendingCount += taken
      next += taken
      remaining -= taken
      guard pendingCount == Self.blockByteCount else { return }
      withUnsafeBytes(of: pending) { block in
        Self.compress(&state, blocks: block.baseAddress!, count: 1)
      }
      blockCount += 1
      pendingCount = 0
    }
    let wholeBlocks = remaining / Self.blockByteCount
    if wholeBlocks > 0 {
      Self.compress(&state, blocks: next, count: wholeBlocks)
      blockCount += Int64(wholeBlocks)
      next += wholeBlocks * Self.blockByteCount
      remaining -= wholeBlocks * Self.blockByteCount
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &pending) { block in
        block.baseAddress!.copyMemory(from: next, byteCount: remaining)
      }
      pendingCount = remaining
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
    // Padding (FIPS 180-4 §5.1.1): a 1 bit, zeros, then the message length in bits as a 64-bit
    // big-endian integer, filling one block or, when fewer than 9 bytes are free, two.
    var tail = InlineArray<128, UInt8>(repeating: 0)
    let tailBlocks = pendingCount + 9 <= Self.blockByteCount ? 1 : 2
    let messageBits = (UInt64(blockCount) &* 64 &+ UInt64(pendingCount)) &<< 3
    var final = state
    withUnsafeMutableBytes(of: &tail) { bytes in
      withUnsafeBytes(of: pending) { pendingBytes in
        bytes.baseAddress!.copyMemory(from: pendingBytes.baseAddress!, byteCount: pendingCount)
      }
      bytes[pendingCount] = 0x80
      let end = tailBlocks * Self.blockByteCount
      bytes.storeBytes(of: messageBits.bigEndian, toByteOffset: end - 8, as: UInt64.self)
      Self.compress(&final, blocks: UnsafeRawPointer(bytes.baseAddress!), count: tailBlocks)
    }
    let digest = [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, count in
      final.storeBigEndian(into: UnsafeMutableRawBufferPointer(buffer))
      count = Self.digestByteCount
    }
    work += Work(bytesHashed: (blockCount + Int64(tailBlocks)) * 64)
    return digest
  }
}
