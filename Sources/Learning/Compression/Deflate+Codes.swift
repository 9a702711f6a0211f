// The code tables of RFC 1951 §3.2.5–3.2.7: length and distance bases, the fixed Huffman codes,
// and the reader for a dynamic block's code description.

/// Lengths 3…258 of literal/length symbols 257…285 (RFC 1951 §3.2.5).
enum LengthCodes {
  static let base: [Int] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
  ]
  static let extraBits: [Int] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
  ]
}

/// Distances 1…32768 of distance symbols 0…29 (RFC 1951 §3.2.5).
enum DistanceCodes {
  static let base: [Int] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
  ]
  static let extraBits: [Int] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
  ]
}

/// The fixed Huffman codes of block type 1 (RFC 1951 §3.2.6).
enum FixedCodes {
  /// Literal/length symbols 0–143: 8 bits, 144–255: 9, 256–279: 7, 280–287: 8.
  static let literalLength: HuffmanTable = {
    let lengths =
      [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112)
      + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8)
    return HuffmanTable(lengths: lengths)!  // a complete code by construction
  }()

  /// Distance symbols 0–31, all 5 bits (30 and 31 are coded but invalid in a stream).
  static let distance: HuffmanTable = HuffmanTable(lengths: [UInt8](repeating: 5, count: 32))!
}

extension Deflate {
  /// The order in which a dynamic header lists code-length code lengths (RFC 1951 §3.2.7).
  private static let codeLengthOrder = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
  ]

  /// Reads a dynamic block's header (RFC 1951 §3.2.7) and returns its literal/length and
  /// distance codes.
  ///
  /// Like zlib and puff, this accepts an incomplete literal/length or distance code only when it
  /// has a single code of one bit (the RFC's "one distance code" case), or no distance codes at
  /// all; the code-length code must be complete.
  static func readDynamicCodes(from reader: inout BitReader) throws(CompressionError)
    -> (literals: HuffmanTable, distances: HuffmanTable)
  {
    let literalCount = try reader.bits(5, reading: "dynamic block header") + 257
    let distanceCount = try reader.bits(5, reading: "dynamic block header") + 1
    let codeLengthCount = try reader.bits(4, reading: "dynamic block header") + 4
    guard literalCount <= 286, distanceCount <= 30 else {
      throw .invalidCodeLengths(
        byteOffset: reader.byteOffset,
        reason: "\(literalCount) literal/length and \(distanceCount) distance codes; at most "
          + "286 and 30 exist")
    }

    var codeLengthLengths = [UInt8](repeating: 0, count: 19)
    for index in 0..<codeLengthCount {
      let length = try reader.bits(3, reading: "code length code")
      codeLengthLengths[codeLengthOrder[index]] = UInt8(length)
    }
    guard let codeLengthCode = HuffmanTable(lengths: codeLengthLengths),
      codeLengthCode.unusedCodeSpace == 0
    else {
      throw .invalidCodeLengths(
        byteOffset: reader.byteOffset, reason: "the code length code is not a complete code")
    }

    let total = literalCount + distanceCount
    var lengths = [UInt8](repeating: 0, count: total)
    var index = 0
    while index < total {
      let symbol = try codeLengthCode.decode(from: &reader, table: "code length")
      if symbol < 16 {
        lengths[index] = UInt8(symbol)
        index += 1
        continue
      }
      let repeated: UInt8
      let repeatCount: Int
      switch symbol {
      case 16:
        guard index > 0 else {
          throw .invalidCodeLengths(
            byteOffset: reader.byteOffset, reason: "repeat code 16 with no previous length")
        }
        repeated = lengths[index - 1]
        repeatCount = 3 + (try reader.bits(2, reading: "code length repeat"))
      case 17:
        repeated = 0
        repeatCount = 3 + (try reader.bits(3, reading: "code length repeat"))
      default:
        repeated = 0
        repeatCount = 11 + (try reader.bits(7, reading: "code length repeat"))
      }
      guard index + repeatCount <= total else {
        throw .invalidCodeLengths(
          byteOffset: reader.byteOffset,
          reason: "a repeat runs \(index + repeatCount - total) lengths past the \(total) declared")
      }
      for offset in index..<(index + repeatCount) { lengths[offset] = repeated }
      index += repeatCount
    }

    guard lengths[256] != 0 else {
      throw .invalidCodeLengths(
        byteOffset: reader.byteOffset, reason: "the end-of-block symbol 256 has no code")
    }
    let literals = try makeCode(
      Array(lengths[0..<literalCount]), name: "literal/length", allowsEmpty: false,
      reader: reader)
    let distances = try makeCode(
      Array(lengths[literalCount...]), name: "distance", allowsEmpty: true, reader: reader)
    return (literals, distances)
  }

  /// A code from `lengths`, rejecting over-subscribed codes and incomplete ones other than a
  /// lone one-bit code (or, if `allowsEmpty`, no code at all).
  private static func makeCode(
    _ lengths: [UInt8], name: String, allowsEmpty: Bool, reader: BitReader
  ) throws(CompressionError) -> HuffmanTable {
    guard let code = HuffmanTable(lengths: lengths) else {
      throw .invalidCodeLengths(
        byteOffset: reader.byteOffset, reason: "the \(name) code is over-subscribed")
    }
    let isComplete = code.unusedCodeSpace == 0
    let isLoneOneBitCode =
      code.codedSymbolCount == 1 && code.unusedCodeSpace == 1 << (HuffmanTable.maximumLength - 1)
    let isAcceptedEmpty = allowsEmpty && code.codedSymbolCount == 0
    guard isComplete || isLoneOneBitCode || isAcceptedEmpty else {
      throw .invalidCodeLengths(
        byteOffset: reader.byteOffset, reason: "the \(name) code is incomplete")
    }
    return code
  }
}
