import Testing

@testable import Learning

struct Base64Tests {
  @Test(arguments: [
    ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
    ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
  ])
  func decodesTheRFC4648TestVectors(plain: String, encoded: String) throws {
    // RFC 4648 §10.
    #expect(try Base64.decode(encoded) == Array(plain.utf8))
  }

  @Test func skipsLineBreaksAndCoversTheWholeAlphabet() throws {
    // "+/" is 62, 63: 111110 111111 followed by "A=" (000000 padding) → bytes fb ff.
    #expect(try Base64.decode("Zm9v\nYmFy\r\n") == Array("foobar".utf8))
    #expect(try Base64.decode("+/A=") == [0xFB, 0xF0])
  }

  @Test func rejectsMalformedText() {
    #expect(
      throws: CompressionError.invalidBase64(
        offset: 2, reason: "byte 42 is not in the base64 alphabet")
    ) {
      try Base64.decode("Zm*v")
    }
    #expect(
      throws: CompressionError.invalidBase64(
        offset: 3, reason: "the text ends inside a 4-character group")
    ) {
      try Base64.decode("Zm9")
    }
    #expect(throws: CompressionError.invalidBase64(offset: 4, reason: "data after '=' padding")) {
      try Base64.decode("Zg==Zm9v")
    }
    #expect(
      throws: CompressionError.invalidBase64(
        offset: 1, reason: "'=' where a data character is needed")
    ) {
      try Base64.decode("Z===")
    }
  }
}
