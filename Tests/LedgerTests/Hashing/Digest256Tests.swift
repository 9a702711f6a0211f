import SimCore
import Testing

@testable import Ledger

struct Digest256Tests {
  @Test func bytesRoundTripAndPrintAsHex() throws {
    let bytes = (0..<32).map { UInt8($0) }
    let digest = try Digest256(bytes: bytes)
    #expect(digest.bytes == bytes)
    #expect(
      digest.description == "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")
    #expect(digest.shortDescription == "00010203")
  }

  @Test func orderIsTheBytesLexicographicOrder() {
    // Differences in the first and in the last byte: the word layout must not change the order.
    var low = [UInt8](repeating: 0, count: 32)
    var high = low
    high[31] = 1
    #expect(Digest256(uncheckedBytes: low) < Digest256(uncheckedBytes: high))
    low[0] = 1
    #expect(Digest256(uncheckedBytes: high) < Digest256(uncheckedBytes: low))
    #expect(Digest256.zero < LedgerFixtures.digest(1))
  }

  /// FIPS 180-2 Appendix B.1: SHA-256("abc"), one 64-byte block of work.
  @Test func sha256MatchesTheFIPSExample() {
    var work = Work.zero
    let digest = Digest256.sha256(Array("abc".utf8), work: &work)
    #expect(
      digest == hexDigest("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    #expect(work == Work(bytesHashed: 64))
  }

  @Test func wrongSizeIsAnError() {
    #expect(throws: LedgerError.wrongByteCount(field: "digest", byteCount: 31, expected: 32)) {
      try Digest256(bytes: [UInt8](repeating: 0, count: 31))
    }
  }
}
