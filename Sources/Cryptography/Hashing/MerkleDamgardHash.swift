import SimCore

/// The running hash value H(i) of a Merkle–Damgård hash between blocks (FIPS 180-4 §6.2.2,
/// §6.4.2): its initial value and the digest it is written out as.
protocol ChainingValue: Sendable {
  /// H(0).
  static var initial: Self { get }
  /// Writes the digest (the words of H(N) as big-endian bytes) to the start of `bytes`.
  func storeBigEndian(into bytes: UnsafeMutableRawBufferPointer)
}

/// The incremental front end SHA-256 and SHA-512 share (FIPS 180-4 §5.1, §6): absorbing bytes
/// through a `MessageBlockBuffer`, padding, writing the digest and counting the work. A
/// conformer supplies only its chaining value, the width of its length field and its
/// compression function; the `HashFunction` requirements come from this extension.
///
/// Release builds specialise the extension for each conformer (whole-module optimisation), so
/// the compression function is called directly, as if each hash had its own copy of this code.
protocol MerkleDamgardHash: HashFunction {
  associatedtype State: ChainingValue
  /// The size of the message-length field that ends the padding: 8 bytes for SHA-256, 16 for
  /// SHA-512 (FIPS 180-4 §5.1.1, §5.1.2).
  static var lengthByteCount: Int { get }
  /// H(i) after the blocks compressed so far.
  var state: State { get set }
  /// The partial block and the count of blocks compressed.
  var buffer: MessageBlockBuffer { get set }
  /// Runs the compression function over `count` consecutive blocks starting at `blocks`,
  /// updating `state` in place.
  static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int)
}

extension MerkleDamgardHash {
  // One-shot hashing is a `HashFunction` requirement rather than a public helper over `update`
  // and `finalize`, so that hashing a short message (a Merkle node) from another module runs
  // one function specialised here, where the unused work of `hash(_:)` is optimised away.

  /// The digest of `bytes`: `digestByteCount` bytes.
  /// - Complexity: O(`bytes.count`).
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var work = Work.zero
    return hash(bytes, work: &work)
  }

  /// The digest of `bytes`; adds the work done to `work`, the same as
  /// `work(forMessageByteCount: bytes.count)`.
  /// - Complexity: O(`bytes.count`).
  public static func hash(_ bytes: [UInt8], work: inout Work) -> [UInt8] {
    var hasher = Self()
    bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
    return hasher.finalize(work: &work)
  }

  /// The work of hashing `byteCount` bytes: `blockByteCount` bytes per padded block. The padding
  /// adds a 0x80 byte and the `lengthByteCount`-byte length (FIPS 180-4 §5.1), so a message of
  /// n bytes costs 64 × ⌈(n + 9) / 64⌉ bytes with SHA-256 and 128 × ⌈(n + 17) / 128⌉ with
  /// SHA-512.
  public static func work(forMessageByteCount byteCount: Int) -> Work {
    precondition(byteCount >= 0, "\(Self.self): negative message length \(byteCount)")
    let paddedBlocks = (byteCount + 1 + lengthByteCount + blockByteCount - 1) / blockByteCount
    return Work(bytesHashed: Int64(paddedBlocks * blockByteCount))
  }

  /// The work of the blocks compressed so far: `blockByteCount` bytes each.
  public var work: Work { Work(bytesHashed: buffer.compressedBlocks * Int64(Self.blockByteCount)) }

  /// Absorbs the bytes of `buffer`, in order. Whole blocks are compressed straight from
  /// `buffer`; only a trailing partial block is copied.
  /// - Complexity: O(`buffer.count`).
  public mutating func update(bufferPointer bytes: UnsafeRawBufferPointer) {
    // A local copy, since the closure cannot reach `self.state` while `buffer` is borrowed.
    var state = self.state
    buffer.absorb(bytes, blockByteCount: Self.blockByteCount) { blocks, count in
      Self.compress(&state, blocks: blocks, count: count)
    }
    self.state = state
  }

  /// The `digestByteCount`-byte digest of everything absorbed so far; the hasher may keep
  /// absorbing.
  public func finalize() -> [UInt8] {
    var work = Work.zero
    return finalize(work: &work)
  }

  /// The digest of everything absorbed so far; adds to `work` the work of the whole message:
  /// the blocks compressed so far plus the one or two padding blocks compressed now.
  public func finalize(work: inout Work) -> [UInt8] {
    var final = state
    let tailBlocks = buffer.pad(
      blockByteCount: Self.blockByteCount, lengthByteCount: Self.lengthByteCount
    ) { blocks, count in Self.compress(&final, blocks: blocks, count: count) }
    let digest = [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, count in
      final.storeBigEndian(into: UnsafeMutableRawBufferPointer(buffer))
      count = Self.digestByteCount
    }
    work += Work(
      bytesHashed: (buffer.compressedBlocks + Int64(tailBlocks)) * Int64(Self.blockByteCount))
    return digest
  }
}
