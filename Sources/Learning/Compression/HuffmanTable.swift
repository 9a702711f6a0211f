/// A canonical Huffman code (RFC 1951 §3.2.2) ready for decoding from a `BitReader`.
///
/// Codes of up to `fastBits` bits decode with one lookup in `fast`, indexed by the next stream
/// bits. Longer codes (rare in practice) and bit patterns that are no code fall
/// through to the canonical walk of puff.c (Mark Adler, zlib contrib/puff), which uses only the
/// per-length counts and the symbols sorted by code.
struct HuffmanTable: Sendable {
  /// The most bits resolved by one lookup; 10 covers nearly all symbols of real streams.
  static let fastBits = 10
  /// The longest code DEFLATE allows.
  static let maximumLength = 15

  /// Indexed by the next `lookupBits` bits (first bit lowest): `symbol << 4 | length`, or 0 when
  /// those bits start a longer code or no code.
  private var fast: [UInt16]
  /// `fastBits`, or the longest code if shorter (the code-length code needs only 7 bits).
  private let lookupBits: Int
  /// `counts[n]`: how many symbols have an n-bit code.
  private var counts: [Int]
  /// Symbols in canonical code order: by length, then by symbol value.
  private var symbols: [UInt16]
  /// How many symbols have a nonzero length.
  let codedSymbolCount: Int
  /// The unused code space, in units of 2^-15: 0 for a complete code, positive for an incomplete
  /// one. Over-subscribed codes are never built.
  let unusedCodeSpace: Int

  /// The code whose symbol `s` has `lengths[s]` bits (0 = unused); `nil` when the lengths are
  /// over-subscribed (more codes than a prefix code can hold).
  init?(lengths: [UInt8]) {
    let maximumLength = HuffmanTable.maximumLength
    var counts = [Int](repeating: 0, count: maximumLength + 1)
    var longest = 1
    for symbol in 0..<lengths.count {
      let length = Int(lengths[symbol])
      precondition(length <= maximumLength, "Huffman code length \(length) above 15")
      counts[length] += 1
      longest = max(longest, length)
    }
    // Kraft sum in units of 2^-15: each n-bit code uses 2^(15-n).
    var left = 1 << maximumLength
    for length in 1...maximumLength {
      left -= counts[length] << (maximumLength - length)
      if left < 0 { return nil }
    }
    unusedCodeSpace = left
    codedSymbolCount = lengths.count - counts[0]

    var offsets = [Int](repeating: 0, count: maximumLength + 2)
    for length in 1...maximumLength {
      offsets[length + 1] = offsets[length] + counts[length]
    }
    var sorted = [UInt16](repeating: 0, count: codedSymbolCount)
    for symbol in 0..<lengths.count where lengths[symbol] != 0 {
      let length = Int(lengths[symbol])
      sorted[offsets[length]] = UInt16(symbol)
      offsets[length] += 1
    }

    // Canonical first codes per length (RFC 1951 §3.2.2 step 2), then each short code's
    // bit-reversed pattern fills every fast slot it prefixes.
    var nextCode = [Int](repeating: 0, count: maximumLength + 1)
    var code = 0
    for length in 1...maximumLength {
      // counts[0] tallies unused symbols, which take no code space.
      code = (code + (length == 1 ? 0 : counts[length - 1])) << 1
      nextCode[length] = code
    }
    let lookupBits = min(HuffmanTable.fastBits, longest)
    var fast = [UInt16](repeating: 0, count: 1 << lookupBits)
    fast.withUnsafeMutableBufferPointer { slots in
      for symbol in 0..<lengths.count where lengths[symbol] != 0 {
        let length = Int(lengths[symbol])
        let assigned = nextCode[length]
        nextCode[length] += 1
        guard length <= lookupBits else { continue }
        // Codes are sent most significant bit first; the buffer holds the first bit lowest.
        var reversed = 0
        var remaining = assigned
        for _ in 0..<length {
          reversed = reversed << 1 | remaining & 1
          remaining >>= 1
        }
        let entry = UInt16(symbol << 4 | length)
        var slot = reversed
        while slot < slots.count {
          slots[slot] = entry
          slot += 1 << length
        }
      }
    }
    self.fast = fast
    self.lookupBits = lookupBits
    self.counts = counts
    self.symbols = sorted
  }

  /// Reads one symbol from `reader`.
  /// - Throws: `truncated` if the input ends inside the code, `invalidHuffmanCode` naming
  ///   `table` if the bits are no code.
  @inline(__always)
  func decode(from reader: inout BitReader, table: String) throws(CompressionError) -> Int {
    if reader.bitCount < HuffmanTable.maximumLength { reader.refill() }
    let entry = fast[Int(truncatingIfNeeded: reader.buffer) & ((1 << lookupBits) - 1)]
    let length = Int(entry & 15)
    if length != 0 && length <= reader.bitCount {
      reader.consume(length)
      return Int(entry >> 4)
    }
    return try decodeSlowly(from: &reader, table: table)
  }

  /// The canonical walk: grow the code one bit at a time and test it against the range of codes
  /// of that length (puff.c `decode`).
  private func decodeSlowly(from reader: inout BitReader, table: String) throws(CompressionError)
    -> Int
  {
    var bits = reader.buffer
    var code = 0
    var first = 0
    var index = 0
    for length in 1...HuffmanTable.maximumLength {
      if length > reader.bitCount {
        // `decode` refilled, so fewer than 15 bits buffered means the input has ended.
        throw .truncated(byteOffset: reader.input.count, reading: "\(table) code")
      }
      code |= Int(bits & 1)
      bits >>= 1
      let count = counts[length]
      if code - first < count {
        reader.consume(length)
        return Int(symbols[index + code - first])
      }
      index += count
      first = (first + count) << 1
      code <<= 1
    }
    throw .invalidHuffmanCode(byteOffset: reader.byteOffset, table: table)
  }
}
