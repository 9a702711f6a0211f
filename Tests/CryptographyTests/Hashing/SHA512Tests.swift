import Cryptography
import SimCore
import Testing

/// Known-answer tests from NIST's FIPS 180-4 example pages (csrc.nist.gov, "Cryptographic
/// Standards and Guidelines: Examples with Intermediate Values", SHA512.pdf).
struct SHA512Tests {
  /// NIST example, one-block message "abc".
  @Test func abcMatchesNISTExample() throws {
    let expected = try KnownAnswerHex.bytes(
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
    #expect(SHA512.hash(Array("abc".utf8)) == expected)
  }

  /// NIST example, the 896-bit two-block message.
  @Test func twoBlockMessageMatchesNISTExample() throws {
    let message = Array(
      ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
        + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8)
    #expect(message.count * 8 == 896)
    let expected = try KnownAnswerHex.bytes(
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
        + "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
    var work = Work.zero
    let digest = SHA512.hash(message, work: &work)
    #expect(digest == expected)
    // 112 bytes + 17 bytes of padding overhead do not fit one 128-byte block: two blocks.
    #expect(work == Work(bytesHashed: 256))
  }

  /// The empty message, NIST SHA-512 short-message vector Len = 0 (SHA512ShortMsg.rsp).
  @Test func emptyMessageMatchesNISTVector() throws {
    let expected = try KnownAnswerHex.bytes(
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
        + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
    #expect(SHA512.hash([]) == expected)
    var work = Work.zero
    _ = SHA512.hash([], work: &work)
    #expect(work == Work(bytesHashed: 128))
  }

  /// Feeding a message in pieces of every size, across block boundaries, gives the one-shot
  /// digest (the one-shot digest is itself pinned by the NIST vectors above).
  @Test func incrementalUpdatesMatchOneShotHash() {
    let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let oneShot = SHA512.hash(message)
    for pieceSize in [1, 3, 63, 127, 128, 129, 200] {
      var hasher = SHA512()
      var start = 0
      while start < message.count {
        let end = min(start + pieceSize, message.count)
        hasher.update(message[start..<end])
        start = end
      }
      #expect(hasher.finalize() == oneShot, "piece size \(pieceSize)")
    }
  }

  /// Padding needs a second block exactly when fewer than 17 bytes remain in the last one:
  /// 111 bytes fit one block (111 + 17 = 128), 112 bytes need two.
  @Test func workCountsPaddingBlocks() {
    #expect(SHA512.work(forMessageByteCount: 111) == Work(bytesHashed: 128))
    #expect(SHA512.work(forMessageByteCount: 112) == Work(bytesHashed: 256))
    #expect(SHA512.work(forMessageByteCount: 239) == Work(bytesHashed: 256))
    for count in [0, 111, 112, 128, 239, 240, 300] {
      let bytes = [UInt8](repeating: 0x61, count: count)
      var work = Work.zero
      _ = SHA512.hash(bytes, work: &work)
      #expect(work == SHA512.work(forMessageByteCount: count))
    }
  }

  /// `finalize` leaves the hasher usable: absorbing more afterwards gives the digest of the
  /// whole concatenation.
  @Test func finalizeDoesNotConsumeTheHasher() {
    var hasher = SHA512()
    hasher.update(Array("ab".utf8))
    _ = hasher.finalize()
    hasher.update(Array("c".utf8))
    #expect(hasher.finalize() == SHA512.hash(Array("abc".utf8)))
    #expect(hasher.work == .zero)
  }
}
