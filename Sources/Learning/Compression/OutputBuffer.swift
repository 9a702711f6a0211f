/// The growing output of a decompressor, with a hard cap against decompression bombs.
///
/// `storage` is allocated ahead (doubling) and `count` marks the bytes written, so appending a
/// literal is a store and a match copy is a tight loop over contiguous memory.
struct OutputBuffer {
  /// Written bytes are `storage[0..<count]`; the rest is spare capacity.
  private var storage: [UInt8]
  /// Bytes written so far.
  private(set) var count = 0
  /// The most bytes this buffer may ever hold.
  let limit: Int

  /// An empty buffer that preallocates `expectedCount` bytes (capped at `limit`) and refuses to
  /// grow beyond `limit`.
  init(expectedCount: Int, limit: Int) {
    precondition(limit >= 0, "output limit must be non-negative, got \(limit)")
    self.limit = limit
    storage = [UInt8](repeating: 0, count: min(max(expectedCount, 0), limit))
  }

  /// Makes room for `extra` more bytes.
  /// - Throws: `outputTooLarge` if that would pass `limit`.
  @inline(__always)
  mutating func reserve(_ extra: Int) throws(CompressionError) {
    if count + extra > storage.count { try grow(toHold: count + extra) }
  }

  private mutating func grow(toHold needed: Int) throws(CompressionError) {
    guard needed <= limit else { throw .outputTooLarge(limit: limit) }
    let target = min(max(needed, storage.count * 2, 1 << 16), limit)
    // A fresh zeroed array plus one block copy: appending zeros element by element is slow in
    // debug builds, where tests run.
    var grown = [UInt8](repeating: 0, count: target)
    grown.withUnsafeMutableBytes { target in
      storage.withUnsafeBytes { source in
        target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[..<count]))
      }
    }
    storage = grown
  }

  /// Appends one byte.
  /// - Precondition: `reserve` made room for it.
  @inline(__always)
  mutating func append(_ byte: UInt8) {
    storage[count] = byte
    count += 1
  }

  /// Appends `input[range]`.
  /// - Precondition: `reserve` made room for it.
  mutating func append(_ input: [UInt8], range: Range<Int>) {
    precondition(count + range.count <= storage.count, "append of \(range.count) bytes unreserved")
    let start = count
    storage.withUnsafeMutableBytes { target in
      input.withUnsafeBytes { source in
        UnsafeMutableRawBufferPointer(rebasing: target[start..<(start + range.count)])
          .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[range]))
      }
    }
    count += range.count
  }

  /// Appends `length` bytes copied from `distance` bytes back. When the match overlaps its own
  /// output (distance < length) the copy repeats the last `distance` bytes, as RFC 1951 §3.2.3
  /// requires; long matches move whole non-overlapping chunks of `distance` bytes at a time.
  /// - Precondition: `reserve` made room, and `1 <= distance <= count`.
  @inline(__always)
  mutating func appendMatch(distance: Int, length: Int) {
    precondition(distance >= 1 && distance <= count, "match distance \(distance) of \(count)")
    let start = count
    storage.withUnsafeMutableBufferPointer { bytes in
      precondition(start + length <= bytes.count, "match of \(length) bytes past the reserve")
      guard let base = bytes.baseAddress else { return }
      if length < 16 {
        // Short matches are most of them; a byte loop beats a library call.
        for target in start..<(start + length) { base[target] = base[target - distance] }
      } else if distance == 1 {
        (base + start).update(repeating: base[start - 1], count: length)
      } else {
        // Each chunk reads only bytes written before it, so chunks never overlap their source.
        var copied = 0
        while copied < length {
          let chunk = min(distance, length - copied)
          (base + start + copied).update(from: base + start + copied - distance, count: chunk)
          copied += chunk
        }
      }
    }
    count += length
  }

  /// Calls `body` with the written bytes from `start` on.
  func withBytes<R>(from start: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<count])) }
  }

  /// The written bytes, dropping spare capacity.
  consuming func finish() -> [UInt8] {
    storage.removeSubrange(count...)
    return storage
  }
}
