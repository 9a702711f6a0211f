import Cryptography
import SimCore
import Testing

@testable import Ledger

/// Decoding bytes from a peer never traps: every truncation and every single-byte corruption of a
/// valid block either throws a `LedgerError` or decodes to a block whose encoding is the input
/// (the encoding is canonical: one block, one encoding).
struct BlockDecodingRobustnessTests {
  /// The 526-byte block of `BlockTests` (a commitment and a 10-byte on-chain update).
  static let bytes = BlockTests.makeBlock().block.encode()

  @Test func everyTruncationIsAnError() {
    var work = Work.zero
    for length in 0..<Self.bytes.count {
      #expect(throws: LedgerError.self, "prefix of \(length) bytes") {
        try Block(decoding: Array(Self.bytes.prefix(length)), work: &work)
      }
    }
  }

  /// Flipping the low bit of each byte in turn: 526 inputs, each decoded or refused.
  @Test func everyCorruptedByteDecodesCanonicallyOrIsAnError() {
    var work = Work.zero
    var decodedCount = 0
    for position in Self.bytes.indices {
      var corrupted = Self.bytes
      corrupted[position] ^= 0x01
      do {
        let block = try Block(decoding: corrupted, work: &work)
        decodedCount += 1
        #expect(block.encode() == corrupted, "byte \(position)")
      } catch {
        // A typed `LedgerError`; its description names the field and offset.
        #expect(!error.description.isEmpty, "byte \(position)")
      }
    }
    // Fields without structure (hashes, integers, signatures) still decode when corrupted: the
    // 64-byte block signature alone accounts for 64 of them.
    #expect(decodedCount >= 64)
  }
}
