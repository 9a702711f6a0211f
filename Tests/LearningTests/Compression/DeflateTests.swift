import Testing

@testable import Learning

/// Raw DEFLATE streams written bit by bit, so that each block type and each error is reached on
/// purpose. Expected outputs follow from RFC 1951 by hand, as each comment shows.
struct DeflateTests {
  private typealias Writer = DeflateBitWriter

  /// A final fixed-Huffman block whose symbols are `body`, then end-of-block.
  private func fixedBlock(_ body: (inout Writer, [(code: Int, length: Int)]) -> Void) -> [UInt8] {
    var writer = Writer()
    writer.write(1, bits: 1)  // BFINAL
    writer.write(1, bits: 2)  // BTYPE 01: fixed Huffman
    let literals = Writer.canonicalCodes(Writer.fixedLiteralLengths)
    body(&writer, literals)
    writer.writeSymbol(256, of: literals)
    return writer.finished
  }

  @Test func canonicalCodeHelperReproducesTheFixedCodeTable() {
    // RFC 1951 §3.2.6: literal 0 is 00110000, 144 is 110010000, 256 is 0000000, 280 is 11000000.
    let codes = Writer.canonicalCodes(Writer.fixedLiteralLengths)
    #expect(codes[0] == (0b0011_0000, 8))
    #expect(codes[143] == (0b1011_1111, 8))
    #expect(codes[144] == (0b1_1001_0000, 9))
    #expect(codes[256] == (0, 7))
    #expect(codes[280] == (0b1100_0000, 8))
  }

  @Test func emptyFixedBlockDecodesToNothing() throws {
    // zlib's compress("") wraps the raw stream 03 00: BFINAL 1, BTYPE 01, code 0000000 (256).
    #expect(try Deflate.decompress([0x03, 0x00]) == [])
  }

  @Test func fixedBlockOverlappingMatchRepeatsItsPattern() throws {
    // "abc", then length 6 (symbol 260, no extra bits) at distance 3 (symbol 2): an overlapping
    // copy that RFC 1951 §3.2.3 says repeats "abc" twice.
    let stream = fixedBlock { writer, literals in
      for byte in "abc".utf8 { writer.writeSymbol(Int(byte), of: literals) }
      writer.writeSymbol(260, of: literals)
      writer.writeCode(2, length: 5)
    }
    #expect(try Deflate.decompress(stream) == Array("abcabcabc".utf8))
  }

  @Test func longestMatchUsesLengthSymbol285AndExtraBits() throws {
    // "z", then length 258 (symbol 285) at distance 1; then length 11 = symbol 265 (base 11, one
    // extra bit 0) at distance 5 = symbol 4 (base 5, one extra bit 0): 1 + 258 + 11 bytes of "z".
    let stream = fixedBlock { writer, literals in
      writer.writeSymbol(Int(UInt8(ascii: "z")), of: literals)
      writer.writeSymbol(285, of: literals)
      writer.writeCode(0, length: 5)
      writer.writeSymbol(265, of: literals)
      writer.write(0, bits: 1)
      writer.writeCode(4, length: 5)
      writer.write(0, bits: 1)
    }
    #expect(try Deflate.decompress(stream) == [UInt8](repeating: UInt8(ascii: "z"), count: 270))
  }

  @Test func storedBlocksCopyBytesIncludingAnEmptyOne() throws {
    // Non-final stored "hello" (LEN 5, NLEN 0xFFFA), non-final empty stored block, final stored
    // ", world".
    var writer = Writer()
    for (isFinal, text) in [(false, "hello"), (false, ""), (true, ", world")] {
      writer.write(isFinal ? 1 : 0, bits: 1)
      writer.write(0, bits: 2)
      writer.alignToByte()
      writer.write(text.utf8.count, bits: 16)
      writer.write(~text.utf8.count & 0xFFFF, bits: 16)
      for byte in text.utf8 { writer.write(Int(byte), bits: 8) }
    }
    #expect(try Deflate.decompress(writer.finished) == Array("hello, world".utf8))
  }

  @Test func dynamicBlockWithALoneOneBitLiteralCodeIsAccepted() throws {
    // Only end-of-block (256) has a code, of one bit; zlib and puff accept this incomplete code.
    var writer = Writer()
    writer.write(1, bits: 1)
    writer.write(2, bits: 2)
    var literalLengths = [Int](repeating: 0, count: 257)
    literalLengths[256] = 1
    writer.writeDynamicHeader(literalLengths: literalLengths, distanceLengths: [0])
    writer.writeCode(0, length: 1)
    #expect(try Deflate.decompress(writer.finished) == [])
  }

  @Test func dynamicBlockDecodesLiteralsAndAMatch() throws {
    // Literals 'a' and 'b' and symbols 256 and 257 (length 3) get 2-bit codes, distance 0
    // (distance 1) a 1-bit code: "ab" + 3 × "b" from distance 1.
    var literalLengths = [Int](repeating: 0, count: 258)
    for symbol in [97, 98, 256, 257] { literalLengths[symbol] = 2 }
    var writer = Writer()
    writer.write(1, bits: 1)
    writer.write(2, bits: 2)
    writer.writeDynamicHeader(literalLengths: literalLengths, distanceLengths: [1])
    let literals = Writer.canonicalCodes(literalLengths)
    writer.writeSymbol(97, of: literals)
    writer.writeSymbol(98, of: literals)
    writer.writeSymbol(257, of: literals)
    writer.writeCode(0, length: 1)
    writer.writeSymbol(256, of: literals)
    #expect(try Deflate.decompress(writer.finished) == Array("abbbb".utf8))
  }

  // MARK: - Errors

  @Test func reservedBlockTypeIsRejected() {
    // 0x07: BFINAL 1, BTYPE 11.
    #expect(throws: CompressionError.badBlockType(byteOffset: 0)) {
      try Deflate.decompress([0x07, 0x00])
    }
  }

  @Test func storedLengthWithoutItsComplementIsRejected() {
    #expect(
      throws: CompressionError.storedLengthMismatch(byteOffset: 1, length: 5, complement: 0)
    ) { try Deflate.decompress([0x01, 0x05, 0x00, 0x00, 0x00, 0x68]) }
  }

  @Test func matchBeforeTheStartOfTheStreamIsRejected() {
    // "a", then length 3 at distance 2 (symbol 1): only one byte exists.
    let stream = fixedBlock { writer, literals in
      writer.writeSymbol(97, of: literals)
      writer.writeSymbol(257, of: literals)
      writer.writeCode(1, length: 5)
    }
    #expect(throws: CompressionError.distanceTooFarBack(byteOffset: 2, distance: 2, available: 1)) {
      try Deflate.decompress(stream)
    }
  }

  @Test(arguments: [286, 287])
  func reservedLiteralLengthSymbolIsRejected(symbol: Int) {
    let stream = fixedBlock { writer, literals in writer.writeSymbol(symbol, of: literals) }
    #expect(throws: CompressionError.invalidHuffmanCode(byteOffset: 1, table: "literal/length")) {
      try Deflate.decompress(stream)
    }
  }

  @Test(arguments: [30, 31])
  func reservedDistanceSymbolIsRejected(symbol: Int) {
    let stream = fixedBlock { writer, literals in
      writer.writeSymbol(97, of: literals)
      writer.writeSymbol(257, of: literals)
      writer.writeCode(symbol, length: 5)
    }
    #expect(throws: CompressionError.invalidHuffmanCode(byteOffset: 2, table: "distance")) {
      try Deflate.decompress(stream)
    }
  }

  @Test func tooManyLiteralLengthCodesAreRejected() {
    // HLIT 30 declares 287 codes; RFC 1951 §3.2.7 allows at most 286.
    #expect(
      rejectionReason(literalLengths: [Int](repeating: 9, count: 287), distanceLengths: [1])
        == "287 literal/length and 1 distance codes; at most 286 and 30 exist")
  }

  /// Why `stream` was rejected as having invalid code lengths, or a note of what happened
  /// instead.
  private func rejectionReason(_ stream: [UInt8]) -> String? {
    do {
      let output = try Deflate.decompress(stream)
      return "accepted, \(output.count) bytes"
    } catch {
      guard case .invalidCodeLengths(_, let reason) = error else { return "\(error)" }
      return reason
    }
  }

  /// Why a final dynamic block declaring these lengths was rejected.
  private func rejectionReason(literalLengths: [Int], distanceLengths: [Int]) -> String? {
    var writer = Writer()
    writer.write(1, bits: 1)
    writer.write(2, bits: 2)
    writer.writeDynamicHeader(literalLengths: literalLengths, distanceLengths: distanceLengths)
    return rejectionReason(writer.finished + [0, 0, 0, 0])
  }

  @Test func overSubscribedLiteralCodeIsRejected() {
    // Three 1-bit codes need 3/2 of the code space.
    var lengths = [Int](repeating: 0, count: 257)
    for symbol in [0, 1, 256] { lengths[symbol] = 1 }
    #expect(
      rejectionReason(literalLengths: lengths, distanceLengths: [1])
        == "the literal/length code is over-subscribed")
  }

  @Test func incompleteLiteralCodeIsRejected() {
    // One 2-bit code fills a quarter of the space: incomplete and not the lone 1-bit exception.
    var lengths = [Int](repeating: 0, count: 257)
    lengths[256] = 2
    #expect(
      rejectionReason(literalLengths: lengths, distanceLengths: [1])
        == "the literal/length code is incomplete")
  }

  @Test func incompleteDistanceCodeIsRejected() {
    // Distance codes of lengths 1 and 2 fill 3/4 of the space.
    var lengths = [Int](repeating: 0, count: 257)
    lengths[256] = 1
    lengths[0] = 1
    #expect(
      rejectionReason(literalLengths: lengths, distanceLengths: [1, 2])
        == "the distance code is incomplete")
  }

  @Test func missingEndOfBlockCodeIsRejected() {
    var lengths = [Int](repeating: 0, count: 257)
    lengths[0] = 1
    lengths[1] = 1
    #expect(
      rejectionReason(literalLengths: lengths, distanceLengths: [1])
        == "the end-of-block symbol 256 has no code")
  }

  @Test func repeatWithNothingToRepeatIsRejected() {
    // Code-length code over {0, 16}, both 1 bit (canonical: 0 → "0", 16 → "1"); the first
    // length is code 16, "repeat the previous length", and there is none.
    var writer = Writer()
    writer.write(1, bits: 1)
    writer.write(2, bits: 2)
    writer.write(0, bits: 5)  // HLIT: 257
    writer.write(0, bits: 5)  // HDIST: 1
    writer.write(0, bits: 4)  // HCLEN: 4 entries, for 16, 17, 18, 0
    for length in [1, 0, 0, 1] { writer.write(length, bits: 3) }
    writer.writeCode(1, length: 1)
    writer.write(0, bits: 2)
    #expect(
      throws: CompressionError.invalidCodeLengths(
        byteOffset: 3, reason: "repeat code 16 with no previous length")
    ) { try Deflate.decompress(writer.finished) }
  }

  @Test func repeatPastTheDeclaredLengthsIsRejected() {
    // Code-length code over {0, 18}; two 18s of 138 zeros each exceed the 258 lengths declared.
    var writer = Writer()
    writer.write(1, bits: 1)
    writer.write(2, bits: 2)
    writer.write(0, bits: 5)
    writer.write(0, bits: 5)
    writer.write(0, bits: 4)
    for length in [0, 0, 1, 1] { writer.write(length, bits: 3) }
    for _ in 0..<2 {
      writer.writeCode(1, length: 1)  // 18 (canonical: 0 → "0", 18 → "1")
      writer.write(127, bits: 7)  // 11 + 127 = 138 zeros
    }
    #expect(
      rejectionReason(writer.finished) == "a repeat runs 18 lengths past the 258 declared")
  }

  @Test func incompleteCodeLengthCodeIsRejected() {
    // HCLEN 4 with all four lengths zero: the code-length code has no codes.
    var writer = Writer()
    writer.write(1, bits: 1)
    writer.write(2, bits: 2)
    writer.write(0, bits: 14)
    writer.write(0, bits: 12)
    #expect(
      rejectionReason(writer.finished) == "the code length code is not a complete code")
  }

  @Test func outputBeyondTheLimitIsRejected() {
    // The 270-byte stream of `longestMatchUsesLengthSymbol285AndExtraBits` under a 100-byte cap.
    let stream = fixedBlock { writer, literals in
      writer.writeSymbol(Int(UInt8(ascii: "z")), of: literals)
      writer.writeSymbol(285, of: literals)
      writer.writeCode(0, length: 5)
    }
    #expect(throws: CompressionError.outputTooLarge(limit: 100)) {
      try Deflate.decompress(stream, maximumOutputBytes: 100)
    }
    #expect((try? Deflate.decompress(stream, maximumOutputBytes: 259))?.count == 259)
  }

  @Test func emptyInputIsTruncated() {
    #expect(
      throws: CompressionError.truncated(byteOffset: 0, reading: "deflate block header")
    ) { try Deflate.decompress([]) }
  }
}
