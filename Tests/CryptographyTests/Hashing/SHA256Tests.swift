import Cryptography
import SimCore
import Testing

/// Known-answer tests from NIST's FIPS 180-4 example pages (csrc.nist.gov, "Cryptographic
/// Standards and Guidelines: Examples with Intermediate Values", SHA256.pdf), and the
/// one-million-'a' message of FIPS 180-2 Appendix B.3.
struct SHA256Tests {
  /// NIST example, one-block message "abc".
  @Test func abcMatchesNISTExample() throws {
    let expected = try KnownAnswerHex.bytes(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    var work = Work.zero
    let digest = SHA256.hash(Array("abc".utf8), work: &work)
    #expect(digest == expected)
    #expect(work == Work(bytesHashed: 64))
  }

  /// NIST example, the 448-bit two-block message: 56 bytes leave fewer than 9 bytes for the
  /// padding, so the length goes in a second block.
  @Test func twoBlockMessageMatchesNISTExample() throws {
    let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    #expect(message.count * 8 == 448)
    let expected = try KnownAnswerHex.bytes(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    var work = Work.zero
    let digest = SHA256.hash(message, work: &work)
    #expect(digest == expected)
    #expect(work == Work(bytesHashed: 128))
  }

  /// FIPS 180-2 Appendix B.3: one million repetitions of 'a' (15,626 blocks).
  @Test func oneMillionAMatchesFIPSExample() throws {
    let expected = try KnownAnswerHex.bytes(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    var work = Work.zero
    let digest = SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000), work: &work)
    #expect(digest == expected)
    // 1,000,000 + 9 bytes round up to 15,626 blocks of 64.
    #expect(work == Work(bytesHashed: 15_626 * 64))
  }

  /// The empty message, NIST SHA-256 short-message vector Len = 0 (SHA256ShortMsg.rsp).
  @Test func emptyMessageMatchesNISTVector() throws {
    let expected = try KnownAnswerHex.bytes(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hash([]) == expected)
  }

  /// Feeding a message in pieces of every size, across block boundaries, gives the one-shot
  /// digest (the one-shot digest is itself pinned by the NIST vectors above).
  @Test func incrementalUpdatesMatchOneShotHash() {
    let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let oneShot = SHA256.hash(message)
    for pieceSize in [1, 3, 55, 63, 64, 65, 200] {
      var hasher = SHA256()
      var start = 0
      while start < message.count {
        let end = min(start + pieceSize, message.count)
        hasher.update(message[start..<end])
        start = end
      }
      #expect(hasher.finalize() == oneShot, "piece size \(pieceSize)")
      // 256 bytes in whole blocks were compressed before finalizing; 44 wait in the buffer.
      #expect(hasher.work == Work(bytesHashed: 256), "piece size \(pieceSize)")
    }
  }

  /// The 448-bit NIST message fed one byte at a time, through a non-contiguous sequence.
  @Test func nonContiguousSequenceIsHashedLikeAnArray() throws {
    let text = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    var hasher = SHA256()
    hasher.update(text.utf8.lazy.map { $0 })
    #expect(hasher.finalize() == SHA256.hash(Array(text.utf8)))
  }

  /// Padding needs a second block exactly when fewer than 9 bytes remain in the last one:
  /// 55 bytes fit one block (55 + 9 = 64), 56 need two.
  @Test func workCountsPaddingBlocks() {
    #expect(SHA256.work(forMessageByteCount: 0) == Work(bytesHashed: 64))
    #expect(SHA256.work(forMessageByteCount: 55) == Work(bytesHashed: 64))
    #expect(SHA256.work(forMessageByteCount: 56) == Work(bytesHashed: 128))
    #expect(SHA256.work(forMessageByteCount: 64) == Work(bytesHashed: 128))
    for count in [0, 55, 56, 63, 64, 119, 120, 1000] {
      let bytes = [UInt8](repeating: 0x61, count: count)
      var work = Work.zero
      _ = SHA256.hash(bytes, work: &work)
      #expect(work == SHA256.work(forMessageByteCount: count))
    }
  }
}
