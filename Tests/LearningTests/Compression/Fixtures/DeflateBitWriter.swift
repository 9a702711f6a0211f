/// Writes hand-made DEFLATE streams for tests: fields least significant bit first, Huffman codes
/// most significant bit first (RFC 1951 §3.1.1).
struct DeflateBitWriter {
  private(set) var bytes: [UInt8] = []
  private var pending: UInt64 = 0
  private var pendingCount = 0

  /// Appends the low `count` bits of `value`, lowest first.
  mutating func write(_ value: Int, bits count: Int) {
    pending |= UInt64(value & ((1 << count) - 1)) << UInt64(pendingCount)
    pendingCount += count
    while pendingCount >= 8 {
      bytes.append(UInt8(truncatingIfNeeded: pending))
      pending >>= 8
      pendingCount -= 8
    }
  }

  /// Appends a Huffman code of `length` bits, its most significant bit first.
  mutating func writeCode(_ code: Int, length: Int) {
    for bit in stride(from: length - 1, through: 0, by: -1) { write((code >> bit) & 1, bits: 1) }
  }

  /// Appends a code from `code`, a canonical code built by `canonicalCodes`.
  mutating func writeSymbol(_ symbol: Int, of code: [(code: Int, length: Int)]) {
    precondition(code[symbol].length > 0, "symbol \(symbol) has no code")
    writeCode(code[symbol].code, length: code[symbol].length)
  }

  /// Pads with zero bits to a byte boundary.
  mutating func alignToByte() {
    if pendingCount > 0 { write(0, bits: 8 - pendingCount) }
  }

  /// The stream so far, padded to whole bytes.
  var finished: [UInt8] {
    var copy = self
    copy.alignToByte()
    return copy.bytes
  }

  /// The canonical Huffman codes for `lengths` (RFC 1951 §3.2.2, the three-step algorithm).
  static func canonicalCodes(_ lengths: [Int]) -> [(code: Int, length: Int)] {
    var counts = [Int](repeating: 0, count: 16)
    for length in lengths where length > 0 { counts[length] += 1 }
    var next = [Int](repeating: 0, count: 16)
    var code = 0
    for bits in 1..<16 {
      code = (code + counts[bits - 1]) << 1
      next[bits] = code
    }
    return lengths.map { length in
      guard length > 0 else { return (0, 0) }
      defer { next[length] += 1 }
      return (next[length], length)
    }
  }

  /// The fixed literal/length code lengths of RFC 1951 §3.2.6.
  static let fixedLiteralLengths =
    [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
    + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)

  /// The order of code-length code lengths in a dynamic header (RFC 1951 §3.2.7).
  static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  /// Writes a dynamic block header declaring `literalLengths` (257…286 entries) and
  /// `distanceLengths` (1…32 entries) with a plain code-length code: symbols 0–15 get 4 bits each
  /// (complete: 16 × 2⁻⁴ = 1), repeats 16–18 are unused, so each length is written as itself.
  mutating func writeDynamicHeader(literalLengths: [Int], distanceLengths: [Int]) {
    write(literalLengths.count - 257, bits: 5)
    write(distanceLengths.count - 1, bits: 5)
    write(19 - 4, bits: 4)
    for symbol in Self.codeLengthOrder { write(symbol < 16 ? 4 : 0, bits: 3) }
    for length in literalLengths + distanceLengths { writeCode(length, length: 4) }
  }
}
