/// A decoder for DEFLATE (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Pure Swift, no Foundation. Every malformed input ends in a `CompressionError`; no input can
/// trap or loop forever, because each step consumes input bits or stops with an error, and the
/// output is capped by `maximumOutputBytes`. For gzip files use `Gzip.decompress`.
public enum Deflate {
  /// The default cap on decompressed bytes: 1 GiB, far above any data set we ship (MNIST's
  /// training images are 47 MB) and low enough that a decompression bomb fails cleanly.
  public static let defaultMaximumOutputBytes = 1 << 30

  /// The bytes encoded by the raw DEFLATE stream `bytes` (no zlib or gzip wrapper). Bytes after
  /// the final block are ignored.
  /// - Throws: `CompressionError` for truncated or malformed input, or output over
  ///   `maximumOutputBytes`.
  /// - Complexity: O(bytes.count + output size).
  public static func decompress(
    _ bytes: [UInt8], maximumOutputBytes: Int = defaultMaximumOutputBytes
  ) throws(CompressionError) -> [UInt8] {
    var reader = BitReader(bytes)
    var output = OutputBuffer(expectedCount: bytes.count * 4, limit: maximumOutputBytes)
    var statistics = DeflateStatistics()
    try inflate(from: &reader, into: &output, statistics: &statistics)
    return output.finish()
  }

  /// Decodes one DEFLATE stream from `reader` onto the end of `output`, leaving `reader` aligned
  /// on the byte after the final block. Matches may reach back only to the output that this
  /// stream produced, not to bytes already in `output` before it.
  static func inflate(
    from reader: inout BitReader, into output: inout OutputBuffer,
    statistics: inout DeflateStatistics
  ) throws(CompressionError) {
    let streamStart = output.count
    var isFinal = false
    while !isFinal {
      let blockOffset = reader.byteOffset
      let header = try reader.bits(3, reading: "deflate block header")
      isFinal = header & 1 == 1
      switch header >> 1 {
      case 0:
        statistics.storedBlocks += 1
        try copyStoredBlock(from: &reader, into: &output)
      case 1:
        statistics.fixedBlocks += 1
        try inflateBlock(
          from: &reader, into: &output, streamStart: streamStart,
          literals: FixedCodes.literalLength, distances: FixedCodes.distance)
      case 2:
        statistics.dynamicBlocks += 1
        let (literals, distances) = try readDynamicCodes(from: &reader)
        try inflateBlock(
          from: &reader, into: &output, streamStart: streamStart,
          literals: literals, distances: distances)
      default:
        throw .badBlockType(byteOffset: blockOffset)
      }
    }
    reader.alignToByte()
  }

  // MARK: - Stored blocks

  /// A stored block (RFC 1951 §3.2.4): skip to a byte boundary, read LEN and its complement
  /// NLEN, copy LEN bytes.
  private static func copyStoredBlock(from reader: inout BitReader, into output: inout OutputBuffer)
    throws(CompressionError)
  {
    reader.alignToByte()
    let offset = reader.byteOffset
    let length = try reader.bits(16, reading: "stored block length")
    let complement = try reader.bits(16, reading: "stored block length")
    guard length == ~complement & 0xFFFF else {
      throw .storedLengthMismatch(
        byteOffset: offset, length: UInt16(length), complement: UInt16(complement))
    }
    reader.alignToByte()
    let start = reader.position
    guard reader.input.count - start >= length else {
      throw .truncated(byteOffset: reader.input.count, reading: "stored block")
    }
    try output.reserve(length)
    output.append(reader.input, range: start..<(start + length))
    reader.skipBytes(length)
  }

  // MARK: - Huffman blocks

  /// The symbols of one compressed block until end-of-block (RFC 1951 §3.2.5).
  private static func inflateBlock(
    from reader: inout BitReader, into output: inout OutputBuffer, streamStart: Int,
    literals: HuffmanTable, distances: HuffmanTable
  ) throws(CompressionError) {
    while true {
      let symbol = try literals.decode(from: &reader, table: "literal/length")
      if symbol < 256 {
        try output.reserve(1)
        output.append(UInt8(truncatingIfNeeded: symbol))
        continue
      }
      if symbol == 256 { return }
      let lengthIndex = symbol - 257
      guard lengthIndex < LengthCodes.base.count else {
        throw .invalidHuffmanCode(byteOffset: reader.byteOffset, table: "literal/length")
      }
      let length =
        LengthCodes.base[lengthIndex]
        + (try reader.bits(LengthCodes.extraBits[lengthIndex], reading: "length extra bits"))
      let distanceSymbol = try distances.decode(from: &reader, table: "distance")
      guard distanceSymbol < DistanceCodes.base.count else {
        throw .invalidHuffmanCode(byteOffset: reader.byteOffset, table: "distance")
      }
      let distance =
        DistanceCodes.base[distanceSymbol]
        + (try reader.bits(
          DistanceCodes.extraBits[distanceSymbol], reading: "distance extra bits"))
      let available = output.count - streamStart
      guard distance <= available else {
        throw .distanceTooFarBack(
          byteOffset: reader.byteOffset, distance: distance, available: available)
      }
      try output.reserve(length)
      output.appendMatch(distance: distance, length: length)
    }
  }
}

/// Counts of what a decoder met, so that tests can prove a fixture exercises what it claims to.
struct DeflateStatistics: Equatable {
  /// Blocks of type 0 (RFC 1951 §3.2.4).
  var storedBlocks = 0
  /// Blocks of type 1 (RFC 1951 §3.2.6).
  var fixedBlocks = 0
  /// Blocks of type 2 (RFC 1951 §3.2.7).
  var dynamicBlocks = 0
  /// Gzip members (RFC 1952 §2.2).
  var members = 0
}
