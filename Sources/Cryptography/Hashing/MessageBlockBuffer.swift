/// What SHA-256 and SHA-512 share as Merkle–Damgård hashes (FIPS 180-4 §5.1, §6): the partial
/// block kept between `update` calls, the count of blocks compressed, and the final padding.
/// Each hash supplies its block size, the width of its length field and its compression
/// function; everything else is this one piece of code.
struct MessageBlockBuffer: Sendable {
  /// The bytes of an incomplete block; only the first `count` are meaningful. Sized for the
  /// largest block (SHA-512's 128 bytes).
  var bytes = InlineArray<128, UInt8>(repeating: 0)
  var count = 0
  /// Blocks run through the compression function so far.
  var compressedBlocks: Int64 = 0

  /// Absorbs `buffer` in order: completes a pending block, compresses whole blocks straight from
  /// `buffer` (no copy), and keeps a trailing partial block. `compress(blocks, count)` compresses
  /// `count` consecutive blocks.
  /// - Complexity: O(`buffer.count`).
  @inline(__always)
  mutating func absorb(
    _ buffer: UnsafeRawBufferPointer, blockByteCount: Int,
    compress: (UnsafeRawPointer, Int) -> Void
  ) {
    guard var next = buffer.baseAddress, !buffer.isEmpty else { return }
    var remaining = buffer.count
    if count > 0 {
      let taken = min(blockByteCount - count, remaining)
      let offset = count
      withUnsafeMutableBytes(of: &bytes) { block in
        (block.baseAddress! + offset).copyMemory(from: next, byteCount: taken)
      }
      count += taken
      next += taken
      remaining -= taken
      guard count == blockByteCount else { return }
      withUnsafeBytes(of: bytes) { block in compress(block.baseAddress!, 1) }
      compressedBlocks += 1
      count = 0
    }
    let wholeBlocks = remaining / blockByteCount
    if wholeBlocks > 0 {
      compress(next, wholeBlocks)
      compressedBlocks += Int64(wholeBlocks)
      next += wholeBlocks * blockByteCount
      remaining -= wholeBlocks * blockByteCount
    }
    if remaining > 0 {
      withUnsafeMutableBytes(of: &bytes) { block in
        block.baseAddress!.copyMemory(from: next, byteCount: remaining)
      }
      count = remaining
    }
  }

  /// Pads the message absorbed so far (a 1 bit, zeros, then its length in bits as a
  /// `lengthByteCount`-byte big-endian integer — 8 for SHA-256, 16 for SHA-512) and hands the
  /// one or two final blocks to `compress`. Returns how many blocks that was.
  @inline(__always)
  func pad(
    blockByteCount: Int, lengthByteCount: Int, compress: (UnsafeRawPointer, Int) -> Void
  ) -> Int {
    var tail = InlineArray<256, UInt8>(repeating: 0)
    let tailBlocks = count + 1 + lengthByteCount <= blockByteCount ? 1 : 2
    let messageBytes = UInt64(compressedBlocks) &* UInt64(blockByteCount) &+ UInt64(count)
    let pendingCount = count
    withUnsafeMutableBytes(of: &tail) { tailBytes in
      withUnsafeBytes(of: bytes) { pending in
        tailBytes.baseAddress!.copyMemory(from: pending.baseAddress!, byteCount: pendingCount)
      }
      tailBytes[pendingCount] = 0x80
      let end = tailBlocks * blockByteCount
      // The bit length is messageBytes × 8: its low 64 bits, and for a 16-byte field the 3
      // bits shifted out above them (the rest of the field stays zero).
      tailBytes.storeBytes(
        of: (messageBytes &<< 3).bigEndian, toByteOffset: end - 8, as: UInt64.self)
      if lengthByteCount == 16 {
        tailBytes.storeBytes(
          of: (messageBytes >> 61).bigEndian, toByteOffset: end - 16, as: UInt64.self)
      }
      compress(UnsafeRawPointer(tailBytes.baseAddress!), tailBlocks)
    }
    return tailBlocks
  }
}
