import Cryptography
import SimCore
import Testing

/// HMAC-SHA-256 test cases 1–7 of RFC 4231 §4.2–4.8, and HMAC-SHA-512 cases 1 and 6 of the
/// same sections.
struct HMACTests {
  /// One RFC 4231 test case: key, data and the HMAC-SHA-256 output (hex).
  struct Case: Sendable, CustomTestStringConvertible {
    let number: Int
    let key: [UInt8]
    let data: [UInt8]
    let sha256Hex: String
    var testDescription: String { "RFC 4231 test case \(number)" }
  }

  static let cases: [Case] = [
    Case(
      number: 1, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
      sha256Hex: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
    // A key shorter than the output.
    Case(
      number: 2, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
      sha256Hex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
    // Combined key and data longer than 64 bytes.
    Case(
      number: 3, key: [UInt8](repeating: 0xaa, count: 20),
      data: [UInt8](repeating: 0xdd, count: 50),
      sha256Hex: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
    Case(
      number: 4, key: (1...25).map { UInt8($0) }, data: [UInt8](repeating: 0xcd, count: 50),
      sha256Hex: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
    // Case 5 is published truncated to 128 bits; see `truncatedOutputMatchesRFC4231Case5`.
    // A 131-byte key, longer than the 64-byte block: it is hashed first.
    Case(
      number: 6, key: [UInt8](repeating: 0xaa, count: 131),
      data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      sha256Hex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
    // Both the key and the data longer than a block.
    Case(
      number: 7, key: [UInt8](repeating: 0xaa, count: 131),
      data: Array(
        ("This is a test using a larger than block-size key and a larger than block-size data."
          + " The key needs to be hashed before being used by the HMAC algorithm.").utf8),
      sha256Hex: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
  ]

  @Test(arguments: cases)
  func sha256MatchesRFC4231(_ testCase: Case) throws {
    let expected = try KnownAnswerHex.bytes(testCase.sha256Hex)
    #expect(HMAC<SHA256>.authenticationCode(for: testCase.data, key: testCase.key) == expected)
  }

  /// RFC 4231 §4.6: the output truncated to its first 128 bits.
  @Test func truncatedOutputMatchesRFC4231Case5() throws {
    let expected = try KnownAnswerHex.bytes("a3b6167473100ee06e0c796c2955552b")
    let code = HMAC<SHA256>.authenticationCode(
      for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0c, count: 20))
    #expect(Array(code.prefix(16)) == expected)
  }

  /// RFC 4231 §4.2 (case 1) and §4.7 (case 6, a key longer than SHA-512's 128-byte block).
  @Test func sha512MatchesRFC4231() throws {
    let case1 = try KnownAnswerHex.bytes(
      "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")
    #expect(
      HMAC<SHA512>.authenticationCode(
        for: Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20)) == case1)
    let case6 = try KnownAnswerHex.bytes(
      "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")
    #expect(
      HMAC<SHA512>.authenticationCode(
        for: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
        key: [UInt8](repeating: 0xaa, count: 131)) == case6)
  }

  /// Incremental updates give the one-shot code (RFC 4231 case 7's data, in 10-byte pieces).
  @Test func incrementalUpdatesMatchOneShotCode() throws {
    let testCase = Self.cases[5]
    var authenticator = HMAC<SHA256>(key: testCase.key)
    var start = 0
    while start < testCase.data.count {
      let end = min(start + 10, testCase.data.count)
      authenticator.update(testCase.data[start..<end])
      start = end
    }
    #expect(authenticator.finalize() == (try KnownAnswerHex.bytes(testCase.sha256Hex)))
  }

  /// The work is every hash run. Case 7: the 131-byte key takes 3 blocks to hash; the inner
  /// hash covers 64 + 152 bytes (4 blocks); the outer hash 64 + 32 bytes (2 blocks). 9 blocks.
  @Test func workCountsKeyInnerAndOuterHashes() {
    let testCase = Self.cases[5]
    #expect(testCase.data.count == 152)
    var work = Work.zero
    _ = HMAC<SHA256>.authenticationCode(for: testCase.data, key: testCase.key, work: &work)
    #expect(work == Work(bytesHashed: 9 * 64))
    // Case 1: a short key is not hashed; inner 64 + 8 bytes (2 blocks), outer 2 blocks.
    var shortKeyWork = Work.zero
    _ = HMAC<SHA256>.authenticationCode(
      for: Self.cases[0].data, key: Self.cases[0].key, work: &shortKeyWork)
    #expect(shortKeyWork == Work(bytesHashed: 4 * 64))
  }

  /// Validation accepts the right code and rejects a code with one bit flipped or cut short.
  @Test func validationRejectsAlteredCodes() {
    let key = Array("Jefe".utf8)
    let message = Array("what do ya want for nothing?".utf8)
    let code = HMAC<SHA256>.authenticationCode(for: message, key: key)
    #expect(HMAC<SHA256>.isValidAuthenticationCode(code, for: message, key: key))
    var flipped = code
    flipped[31] ^= 1
    #expect(!HMAC<SHA256>.isValidAuthenticationCode(flipped, for: message, key: key))
    #expect(!HMAC<SHA256>.isValidAuthenticationCode(Array(code.prefix(16)), for: message, key: key))
  }
}
