import SimCore
import Testing

@testable import Cryptography

struct HashCommitmentTests {
  /// The digest is SHA-256 of opening ‖ message (SHA-256 itself is pinned to FIPS 180-4 by
  /// `SHA256Tests`); 32 + 3 bytes pad to one 64-byte block, so committing hashes 64 bytes.
  @Test func commitmentIsTheHashOfOpeningThenMessage() throws {
    let opening = [UInt8](repeating: 0xA5, count: 32)
    let message = Array("abc".utf8)
    var work = Work.zero
    let commitment = try HashCommitment(committingTo: message, opening: opening, work: &work)
    #expect(commitment.digest == SHA256.hash(opening + message))
    #expect(work == Work(bytesHashed: 64))
    #expect(commitment.encode().count == HashCommitment.encodedByteCount)
  }

  @Test func onlyTheRightOpeningAndMessageVerify() throws {
    var rng = Xoshiro256StarStar(seed: 91)
    var work = Work.zero
    let message = Array("model update, round 7".utf8)
    let (commitment, opening) = HashCommitment.make(committingTo: message, using: &rng, work: &work)
    #expect(opening.count == 32)
    #expect(commitment.isValidOpening(opening, for: message, work: &work))
    var wrongOpening = opening
    wrongOpening[31] ^= 1
    #expect(!commitment.isValidOpening(wrongOpening, for: message, work: &work))
    #expect(
      !commitment.isValidOpening(opening, for: Array("model update, round 8".utf8), work: &work))
    #expect(!commitment.isValidOpening(Array(opening.prefix(31)), for: message, work: &work))
  }

  @Test func malformedBytesAreErrors() {
    var work = Work.zero
    #expect(throws: CommitmentError.wrongByteCount(field: "opening", byteCount: 31, expected: 32)) {
      try HashCommitment(committingTo: [], opening: [UInt8](repeating: 0, count: 31), work: &work)
    }
    #expect(
      throws: CommitmentError.wrongByteCount(field: "hash commitment", byteCount: 33, expected: 32)
    ) {
      try HashCommitment(digest: [UInt8](repeating: 0, count: 33))
    }
  }
}
