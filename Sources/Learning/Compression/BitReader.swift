/// Reads a byte array as DEFLATE's bit stream: bytes in order, bits of each byte from least to most
/// significant (RFC 1951 §3.1.1).
///
/// Up to 64 bits are buffered in `buffer`, whose lowest bit is the next unread one. Reading past
/// the end never traps: `refill` stops at the end and the readers throw `truncated`.
struct BitReader {
  /// The whole input; `position` indexes it.
  let input: [UInt8]
  /// The next byte to move into `buffer`.
  private(set) var position: Int
  /// Buffered bits, next unread bit lowest.
  private(set) var buffer: UInt64 = 0
  /// How many bits of `buffer` are valid.
  private(set) var bitCount = 0

  /// A reader over `input` starting at byte `position`.
  init(_ input: [UInt8], position: Int = 0) {
    precondition(
      position >= 0 && position <= input.count,
      "BitReader start \(position) outside 0...\(input.count)")
    self.input = input
    self.position = position
  }

  /// The offset of the byte holding the next unread bit, for error messages.
  var byteOffset: Int { position - (bitCount + 7) / 8 }

  /// Whether every byte of the input is in the buffer, so `bitCount` bits are all that is left.
  var isInputExhausted: Bool { position >= input.count }

  /// Tops the buffer up to at least 57 bits, or to whatever is left of the input.
  @inline(__always)
  mutating func refill() {
    while bitCount <= 56 && position < input.count {
      buffer |= UInt64(input[position]) &<< UInt64(bitCount)
      position += 1
      bitCount += 8
    }
  }

  /// Drops `count` bits that the caller has already examined in `buffer`.
  /// - Precondition: `count <= bitCount`.
  @inline(__always)
  mutating func consume(_ count: Int) {
    buffer = count == 64 ? 0 : buffer &>> UInt64(count)
    bitCount -= count
  }

  /// The next `count` bits (0…32) as an integer, first bit lowest; throws `truncated` naming
  /// `reading` when the input ends first.
  @inline(__always)
  mutating func bits(_ count: Int, reading: String) throws(CompressionError) -> Int {
    if bitCount < count {
      refill()
      if bitCount < count {
        throw .truncated(byteOffset: input.count, reading: reading)
      }
    }
    let value = Int(truncatingIfNeeded: buffer & ((1 &<< UInt64(count)) &- 1))
    consume(count)
    return value
  }

  /// Skips to the next byte boundary and hands back the whole bytes still buffered, so that
  /// `position` is the next unread byte (stored blocks and gzip trailers are byte-aligned).
  mutating func alignToByte() {
    consume(bitCount % 8)
    position -= bitCount / 8
    buffer = 0
    bitCount = 0
  }

  /// Moves the byte cursor of an aligned reader forward by `count` bytes.
  /// - Precondition: the reader is aligned (`bitCount == 0`) and `count` bytes remain.
  mutating func skipBytes(_ count: Int) {
    precondition(
      bitCount == 0 && count >= 0 && position + count <= input.count,
      "skipBytes(\(count)) at \(position) of \(input.count) with \(bitCount) buffered bits")
    position += count
  }
}
