import SimCore

/// A random number generator whose output is the ChaCha20 keystream (RFC 8439 §2.3) under a
/// 32-byte key: two parties holding the same key draw the same numbers, which is what pairwise
/// masks in secure aggregation need (Bonawitz et al., CCS 2017, §4: PRG(s_u,v)).
///
/// Block i of stream s is the ChaCha20 block with counter i mod 2³² and nonce words
/// (⌊i / 2³²⌋, s mod 2³², ⌊s / 2³²⌋), so the output never repeats within 2⁶⁴ blocks and stream 0
/// starts with the RFC 8439 keystream for the all-zero nonce and counter 0. The keystream is
/// read as consecutive little-endian 32-bit words: `nextUInt32()` takes one, `next()` takes two
/// (the first is the low half), and `fill` takes as many as it writes, so mixing the calls
/// never skips or repeats keystream.
///
/// Reproducible, not secure: keys come from seeded streams.
public struct ChaCha20Generator: RandomNumberGenerator, Sendable {
  private let key: SIMD8<UInt32>
  private let stream: UInt64
  /// The index of the next block to compute (counter in the low half, nonce word 0 in the
  /// high half).
  private var nextBlock: UInt64 = 0
  /// The words of the last block computed, not all read yet; `bufferedIndex` is the next unread.
  private var buffer = InlineArray<16, UInt32>(repeating: 0)
  private var bufferedIndex = 16

  /// A generator over the keystream of `key`; different `stream` values give independent
  /// streams under one key.
  public init(key: ChaCha20.Key, stream: UInt64 = 0) {
    self.key = key.words
    self.stream = stream
  }

  /// A generator that starts at block `firstBlock` of the stream instead of block 0; lets tests
  /// reach the counter wrap at block 2³² without computing 256 GiB.
  init(key: ChaCha20.Key, stream: UInt64, firstBlock: UInt64) {
    self.init(key: key, stream: stream)
    nextBlock = firstBlock
  }

  /// A generator keyed by the 32 bytes `seed`, e.g. an X25519 shared secret.
  /// - Throws: `ChaCha20Error.wrongByteCount` unless `seed` is 32 bytes.
  public init(seed: [UInt8], stream: UInt64 = 0) throws(ChaCha20Error) {
    guard seed.count == ChaCha20.keyByteCount else {
      throw .wrongByteCount(
        field: "ChaCha20Generator seed", byteCount: seed.count, expected: ChaCha20.keyByteCount)
    }
    try self.init(key: ChaCha20.Key(rawRepresentation: seed), stream: stream)
  }

  /// The keystream computed so far: `bytesCiphered` = 64 × blocks, including words still
  /// buffered. Read it before and after drawing to charge the difference.
  public var work: Work { Work(bytesCiphered: Int64(truncatingIfNeeded: nextBlock &* 64)) }

  /// The next 64 bits: two keystream words, the first as the low half.
  public mutating func next() -> UInt64 {
    if bufferedIndex <= 14 {
      let low = buffer[bufferedIndex]
      let high = buffer[bufferedIndex + 1]
      bufferedIndex += 2
      return UInt64(low) | UInt64(high) << 32
    }
    let low = nextUInt32()
    return UInt64(low) | UInt64(nextUInt32()) << 32
  }

  /// The next 32 bits: one keystream word.
  public mutating func nextUInt32() -> UInt32 {
    if bufferedIndex == 16 { refill() }
    let word = buffer[bufferedIndex]
    bufferedIndex += 1
    return word
  }

  /// Fills `words` with the next `words.count` keystream words, the same values as that many
  /// `nextUInt32()` calls. Whole blocks are written in place, four at a time.
  /// - Complexity: O(`words.count`).
  public mutating func fill(_ words: UnsafeMutableBufferPointer<UInt32>) {
    guard let base = words.baseAddress else { return }
    var index = 0
    let count = words.count
    while index < count && bufferedIndex < 16 {
      base[index] = buffer[bufferedIndex]
      index += 1
      bufferedIndex += 1
    }
    let wholeBlocks = (count - index) / 16
    if wholeBlocks > 0 {
      writeBlocks(wholeBlocks, into: UnsafeMutableRawPointer(base + index))
      #if !_endian(little)
        for word in index..<(index + 16 * wholeBlocks) {
          base[word] = UInt32(littleEndian: base[word])
        }
      #endif
      index += 16 * wholeBlocks
    }
    while index < count {
      base[index] = nextUInt32()
      index += 1
    }
  }

  /// Fills `words` with the next `words.count` keystream words.
  /// - Complexity: O(`words.count`).
  public mutating func fill(_ words: inout [UInt32]) {
    words.withUnsafeMutableBufferPointer { fill($0) }
  }

  /// Fills `words` with the next `words.count` 64-bit values, the same as that many `next()`
  /// calls.
  /// - Complexity: O(`words.count`).
  public mutating func fill(_ words: UnsafeMutableBufferPointer<UInt64>) {
    guard let base = words.baseAddress else { return }
    #if _endian(little)
      // Two little-endian words in a row are the UInt64 whose low half comes first.
      let halfCount = 2 * words.count
      base.withMemoryRebound(to: UInt32.self, capacity: halfCount) { halves in
        fill(UnsafeMutableBufferPointer(start: halves, count: halfCount))
      }
    #else
      for index in 0..<words.count { base[index] = next() }
    #endif
  }

  /// Fills `words` with the next `words.count` 64-bit values.
  /// - Complexity: O(`words.count`).
  public mutating func fill(_ words: inout [UInt64]) {
    words.withUnsafeMutableBufferPointer { fill($0) }
  }

  // MARK: - Blocks

  /// Computes the next block into `buffer`.
  private mutating func refill() {
    var block = InlineArray<16, UInt32>(repeating: 0)
    withUnsafeMutableBytes(of: &block) { bytes in
      writeBlocks(1, into: bytes.baseAddress!)
    }
    #if !_endian(little)
      for index in 0..<16 { block[index] = UInt32(littleEndian: block[index]) }
    #endif
    buffer = block
    bufferedIndex = 0
  }

  /// Writes the next `count` blocks to `target` and advances past them, splitting the run
  /// where the 32-bit counter wraps into the next nonce word.
  private mutating func writeBlocks(_ count: Int, into target: UnsafeMutableRawPointer) {
    var done = 0
    while done < count {
      let counter = UInt32(truncatingIfNeeded: nextBlock)
      let untilWrap = (UInt64(1) << 32) - UInt64(counter)
      let run = Int(min(UInt64(count - done), untilWrap))
      let nonce = SIMD3<UInt32>(
        UInt32(truncatingIfNeeded: nextBlock >> 32), UInt32(truncatingIfNeeded: stream),
        UInt32(truncatingIfNeeded: stream >> 32))
      ChaCha20Kernel.writeKeystream(
        key: key, nonce: nonce, counter: counter, blockCount: run, into: target + 64 * done)
      nextBlock &+= UInt64(run)
      done += run
    }
  }
}
