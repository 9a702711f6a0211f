import Testing

@testable import Learning

/// Files made by GNU gzip decode to their known plaintexts; headers and trailers are checked as
/// RFC 1952 says.
struct GzipTests {
  private static let levels = [
    (1, GzipFixtures.level1), (6, GzipFixtures.level6), (9, GzipFixtures.level9),
  ]

  private func decompressCounting(_ bytes: [UInt8]) throws -> ([UInt8], DeflateStatistics) {
    var statistics = DeflateStatistics()
    let output = try Gzip.decompress(
      bytes, maximumOutputBytes: Deflate.defaultMaximumOutputBytes, statistics: &statistics)
    return (output, statistics)
  }

  @Test(arguments: levels)
  func gzipOutputAtEachLevelDecodesToThePlaintext(level: Int, fixture: String) throws {
    let plaintext = try GzipFixtures.bytes(GzipFixtures.plaintext)
    let (output, statistics) = try decompressCounting(try GzipFixtures.bytes(fixture))
    #expect(output.count == 21_113)
    #expect(output == plaintext, "level \(level)")
    #expect(statistics.members == 1)
    #expect(statistics.dynamicBlocks >= 1, "level \(level) should use dynamic Huffman blocks")
  }

  @Test func manySmallBlocksAndASyncFlushDecodeToThePlaintext() throws {
    let (output, statistics) = try decompressCounting(
      try GzipFixtures.bytes(GzipFixtures.manyBlocks))
    #expect(output == (try GzipFixtures.bytes(GzipFixtures.plaintext)))
    // Block boundaries inside one stream: matches reach back across them. Stored blocks come
    // from the sync flush (empty, between two dynamic blocks) and from the random-bytes section,
    // which zlib stores rather than codes.
    #expect(statistics.dynamicBlocks > 10)
    #expect(statistics.storedBlocks >= 2)
  }

  @Test func incompressibleDataComesBackFromStoredBlocks() throws {
    let (output, statistics) = try decompressCounting(
      try GzipFixtures.bytes(GzipFixtures.randomBytesLevel1))
    #expect(output == (try GzipFixtures.bytes(GzipFixtures.randomBytes)))
    #expect(statistics.storedBlocks >= 1)
    #expect(statistics.dynamicBlocks == 0)
  }

  @Test func shortTextComesBackFromAFixedHuffmanBlock() throws {
    let (output, statistics) = try decompressCounting(GzipFixtures.shortTextLevel9)
    #expect(output == Array(GzipFixtures.shortText.utf8))
    #expect(statistics == DeflateStatistics(fixedBlocks: 1, members: 1))
  }

  @Test func gzipOfAnEmptyFileDecodesToNothing() throws {
    #expect(try Gzip.decompress(GzipFixtures.emptyFile) == [])
  }

  @Test func zeroBytesAreNotAGzipFile() {
    #expect(throws: CompressionError.truncated(byteOffset: 0, reading: "gzip header")) {
      try Gzip.decompress([])
    }
  }

  @Test func concatenatedMembersDecodeToConcatenatedPlaintexts() throws {
    // RFC 1952 §2.2: a gzip file is a series of members; `cat a.gz b.gz | gunzip` gives a + b.
    let file =
      GzipFixtures.emptyFile + (try GzipFixtures.bytes(GzipFixtures.level1))
      + (try GzipFixtures.bytes(GzipFixtures.randomBytesLevel1)) + GzipFixtures.shortTextLevel9
    let expected =
      (try GzipFixtures.bytes(GzipFixtures.plaintext))
      + (try GzipFixtures.bytes(GzipFixtures.randomBytes)) + Array(GzipFixtures.shortText.utf8)
    let (output, statistics) = try decompressCounting(file)
    #expect(output == expected)
    #expect(statistics.members == 4)
  }

  /// The short fixture's DEFLATE data and trailer behind a hand-made header with every optional
  /// field: FTEXT, FEXTRA (XLEN 4), FNAME, FCOMMENT and FHCRC (RFC 1952 §2.3.1).
  private func memberWithAllHeaderFields(corruptingHeaderCRC: Bool = false) -> [UInt8] {
    var header: [UInt8] = [0x1F, 0x8B, 8, 0x01 | 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3]
    header += [4, 0] + Array("abcd".utf8)
    header += Array("name.txt".utf8) + [0]
    header += Array("a comment".utf8) + [0]
    var headerCRC = UInt16(truncatingIfNeeded: CRC32.checksum(header))
    if corruptingHeaderCRC { headerCRC ^= 1 }
    header += [UInt8(truncatingIfNeeded: headerCRC), UInt8(truncatingIfNeeded: headerCRC >> 8)]
    return header + GzipFixtures.shortTextLevel9[10...]
  }

  @Test func optionalHeaderFieldsAreSkippedAndTheHeaderCRCChecked() throws {
    #expect(try Gzip.decompress(memberWithAllHeaderFields()) == Array(GzipFixtures.shortText.utf8))
  }

  @Test func wrongHeaderCRCIsRejected() {
    // The header is 10 + 6 (extra) + 9 (name) + 10 (comment) = 35 bytes; FHCRC follows.
    let member = memberWithAllHeaderFields(corruptingHeaderCRC: true)
    let stored = UInt16(member[35]) | UInt16(member[36]) << 8
    #expect(
      throws: CompressionError.headerCRCMismatch(
        byteOffset: 35, stored: stored, computed: stored ^ 1)
    ) { try Gzip.decompress(member) }
  }

  @Test func wrongTrailerCRCIsRejected() {
    // The fixture's trailer holds CRC-32 0x2201A00B (bytes 0b a0 01 22) and ISIZE 44.
    var member = GzipFixtures.shortTextLevel9
    member[member.count - 8] ^= 0x01
    #expect(
      throws: CompressionError.crcMismatch(member: 0, stored: 0x2201_A00A, computed: 0x2201_A00B)
    ) { try Gzip.decompress(member) }
  }

  @Test func wrongTrailerSizeIsRejected() {
    var member = GzipFixtures.shortTextLevel9
    member[member.count - 4] = 45
    #expect(throws: CompressionError.sizeMismatch(member: 0, stored: 45, computed: 44)) {
      try Gzip.decompress(member)
    }
  }

  @Test func wrongMagicMethodOrFlagsAreRejected() {
    var badMagic = GzipFixtures.shortTextLevel9
    badMagic[1] = 0x8C
    #expect(throws: CompressionError.badMagic(byteOffset: 0, found: [0x1F, 0x8C])) {
      try Gzip.decompress(badMagic)
    }
    var badMethod = GzipFixtures.shortTextLevel9
    badMethod[2] = 7
    #expect(throws: CompressionError.unsupportedMethod(byteOffset: 2, method: 7)) {
      try Gzip.decompress(badMethod)
    }
    var reservedFlag = GzipFixtures.shortTextLevel9
    reservedFlag[3] = 0x20
    #expect(throws: CompressionError.reservedFlagsSet(byteOffset: 3, flags: 0x20)) {
      try Gzip.decompress(reservedFlag)
    }
  }

  @Test func bytesAfterTheLastMemberMustStartAnotherMember() {
    let member = GzipFixtures.shortTextLevel9
    #expect(throws: CompressionError.badMagic(byteOffset: member.count, found: [0])) {
      try Gzip.decompress(member + [0])
    }
    #expect(throws: CompressionError.badMagic(byteOffset: member.count, found: [0x50, 0x4B])) {
      try Gzip.decompress(member + [0x50, 0x4B, 3, 4])
    }
    #expect(
      throws: CompressionError.truncated(byteOffset: member.count + 2, reading: "gzip header")
    ) {
      try Gzip.decompress(member + [0x1F, 0x8B])
    }
  }

  @Test func outputLimitAppliesAcrossMembers() {
    // Two copies of the 44-byte text need 88 bytes.
    let twice = GzipFixtures.shortTextLevel9 + GzipFixtures.shortTextLevel9
    #expect(throws: CompressionError.outputTooLarge(limit: 80)) {
      try Gzip.decompress(twice, maximumOutputBytes: 80)
    }
    #expect((try? Gzip.decompress(twice, maximumOutputBytes: 88))?.count == 88)
  }

  @Test func magicTestRecognisesGzipOnly() {
    #expect(Gzip.hasMagic(GzipFixtures.emptyFile))
    #expect(!Gzip.hasMagic([0x1F]))
    #expect(!Gzip.hasMagic([0x00, 0x00, 0x08, 0x03]))  // an IDX magic
  }
}
