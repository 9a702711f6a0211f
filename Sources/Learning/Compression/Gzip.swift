/// A decoder for gzip files (RFC 1952): one or more members, each a header, a DEFLATE stream and
/// a trailer whose CRC-32 and size are checked.
///
/// Pure Swift, no Foundation. `Gzip.decompress(bytes)` returns the concatenated output of every
/// member, as `gzip -d` does for concatenated files.
public enum Gzip {
  /// Whether `bytes` starts with the gzip magic `1f 8b`; a cheap test for loaders that accept
  /// both raw and gzip files.
  public static func hasMagic(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  }

  /// The decompressed contents of the gzip data `bytes`: every member's output, concatenated.
  /// - Throws: `CompressionError` for empty, truncated or malformed input, a CRC-32 or size
  ///   mismatch in a trailer, bytes after the last member that are not another member, or
  ///   output over `maximumOutputBytes`.
  /// - Complexity: O(bytes.count + output size).
  public static func decompress(
    _ bytes: [UInt8], maximumOutputBytes: Int = Deflate.defaultMaximumOutputBytes
  ) throws(CompressionError) -> [UInt8] {
    var statistics = DeflateStatistics()
    return try decompress(bytes, maximumOutputBytes: maximumOutputBytes, statistics: &statistics)
  }

  /// `decompress`, also counting members and block types into `statistics`.
  static func decompress(
    _ bytes: [UInt8], maximumOutputBytes: Int, statistics: inout DeflateStatistics
  ) throws(CompressionError) -> [UInt8] {
    // ISIZE of the last member is a good first guess of the output size. A corrupt file could
    // claim anything, so the guess is capped by DEFLATE's best ratio (about 1032:1).
    var expected = 0
    if bytes.count >= 18 {
      let end = bytes.count
      expected =
        Int(bytes[end - 4]) | Int(bytes[end - 3]) << 8 | Int(bytes[end - 2]) << 16
        | Int(bytes[end - 1]) << 24
      expected = min(expected, bytes.count * 1032)
    }
    var output = OutputBuffer(expectedCount: expected, limit: maximumOutputBytes)
    var position = 0
    repeat {
      position = try decodeMember(
        bytes, at: position, index: statistics.members, into: &output, statistics: &statistics)
      statistics.members += 1
    } while position < bytes.count
    return output.finish()
  }

  /// Decodes the member starting at `start` onto `output`; returns the offset after it.
  private static func decodeMember(
    _ bytes: [UInt8], at start: Int, index member: Int, into output: inout OutputBuffer,
    statistics: inout DeflateStatistics
  ) throws(CompressionError) -> Int {
    let dataStart = try skipHeader(bytes, at: start)
    let outputStart = output.count
    var reader = BitReader(bytes, position: dataStart)
    try Deflate.inflate(from: &reader, into: &output, statistics: &statistics)

    // Trailer (RFC 1952 §2.3.1): CRC32 and ISIZE, little-endian.
    let trailer = reader.position
    guard bytes.count - trailer >= 8 else {
      throw .truncated(byteOffset: bytes.count, reading: "gzip trailer")
    }
    let storedCRC = littleEndian32(bytes, at: trailer)
    let storedSize = littleEndian32(bytes, at: trailer + 4)
    let computedCRC = output.withBytes(from: outputStart) { written in
      var crc = CRC32()
      crc.update(written)
      return crc.value
    }
    guard storedCRC == computedCRC else {
      throw .crcMismatch(member: member, stored: storedCRC, computed: computedCRC)
    }
    let computedSize = UInt32(truncatingIfNeeded: output.count - outputStart)
    guard storedSize == computedSize else {
      throw .sizeMismatch(member: member, stored: storedSize, computed: computedSize)
    }
    return trailer + 8
  }

  /// Checks the member header at `start` (RFC 1952 §2.3) and returns the offset of its DEFLATE
  /// data. FEXTRA, FNAME and FCOMMENT are skipped; FHCRC is verified.
  private static func skipHeader(_ bytes: [UInt8], at start: Int) throws(CompressionError) -> Int {
    func require(_ count: Int, at offset: Int, _ reading: String) throws(CompressionError) {
      guard bytes.count - offset >= count else {
        throw .truncated(byteOffset: bytes.count, reading: reading)
      }
    }
    guard bytes.count - start >= 2 else {
      if start == 0 { throw .truncated(byteOffset: bytes.count, reading: "gzip header") }
      throw .badMagic(byteOffset: start, found: Array(bytes[start...]))
    }
    guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
      throw .badMagic(byteOffset: start, found: [bytes[start], bytes[start + 1]])
    }
    try require(10, at: start, "gzip header")
    guard bytes[start + 2] == 8 else {
      throw .unsupportedMethod(byteOffset: start + 2, method: bytes[start + 2])
    }
    let flags = bytes[start + 3]
    guard flags & 0xE0 == 0 else { throw .reservedFlagsSet(byteOffset: start + 3, flags: flags) }
    // MTIME (4 bytes), XFL and OS carry no information we need.
    var offset = start + 10
    if flags & 0x04 != 0 {  // FEXTRA: XLEN, then XLEN bytes
      try require(2, at: offset, "gzip extra field")
      let extraLength = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
      try require(2 + extraLength, at: offset, "gzip extra field")
      offset += 2 + extraLength
    }
    for (flag, field) in [(UInt8(0x08), "gzip file name"), (0x10, "gzip comment")]
    where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
      while true {
        try require(1, at: offset, field)
        offset += 1
        if bytes[offset - 1] == 0 { break }
      }
    }
    if flags & 0x02 != 0 {  // FHCRC: low 16 bits of the CRC-32 of the header so far
      try require(2, at: offset, "gzip header CRC")
      let stored = UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
      let computed = UInt16(truncatingIfNeeded: CRC32.checksum(bytes[start..<offset]))
      guard stored == computed else {
        throw .headerCRCMismatch(byteOffset: offset, stored: stored, computed: computed)
      }
      offset += 2
    }
    return offset
  }

  private static func littleEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
      | UInt32(bytes[offset + 3]) << 24
  }
}
