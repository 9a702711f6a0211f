import SimCore
import Testing

@testable import Learning

/// Damaged input never traps or hangs: it ends in a `CompressionError` (or, where the format
/// ignores the damaged bits, in the original output).
struct GzipRobustnessTests {
  @Test func everyTruncationIsReportedAsTruncated() {
    let member = GzipFixtures.smallTextLevel9
    for length in 0..<member.count {
      do {
        _ = try Gzip.decompress(Array(member[..<length]))
        Issue.record("a \(length)-byte prefix of \(member.count) decoded without error")
      } catch {
        guard case .truncated = error else {
          Issue.record("a \(length)-byte prefix gave \(error), not a truncation")
          continue
        }
      }
    }
  }

  @Test func everySingleBitFlipFailsCleanlyOrIsHarmless() throws {
    let member = GzipFixtures.smallTextLevel9
    let original = try GzipFixtures.smallText
    // RFC 1952 §2.3.1: FTEXT (bit 0 of byte 3), MTIME (bytes 4–7), XFL and OS (8, 9) are hints
    // a decoder ignores. The magic, method and trailer are always checked. In the DEFLATE data a
    // flip may turn a match into an equivalent one (the same bytes found at another distance) or
    // land in the final byte's padding; then the output, and so its CRC, is unchanged.
    let ignoredBits = Set([3 * 8] + Array(4 * 8..<10 * 8))
    let trailer = (member.count - 8)..<member.count
    var unnoticedDataFlips: [Int] = []
    for bit in 0..<(member.count * 8) {
      var damaged = member
      damaged[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
      do {
        let output = try Gzip.decompress(damaged)
        #expect(output == original, "flipping bit \(bit) changed the output without an error")
        #expect(bit >= 24 && !trailer.contains(bit / 8), "flipping checked bit \(bit) passed")
        if !ignoredBits.contains(bit) { unnoticedDataFlips.append(bit) }
      } catch {
        #expect(!ignoredBits.contains(bit), "flipping ignored bit \(bit) gave \(error)")
      }
    }
    #expect(
      unnoticedDataFlips.count <= member.count * 8 / 100,
      "flips of bits \(unnoticedDataFlips) went unnoticed")
  }

  @Test(arguments: 0..<4)
  func randomDataAfterAValidHeaderFailsCleanly(seedIndex: Int) {
    var generator = RandomStreams(seed: 1952).make(StreamPurpose("gzipFuzz"), index: seedIndex)
    for _ in 0..<100 {
      let length = generator.nextInt(below: 200)
      var input: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
      for _ in 0..<length { input.append(UInt8(truncatingIfNeeded: generator.next())) }
      // Any outcome but a trap is acceptable; a random stream may even decode, but then its
      // CRC must match, which 2^-32 odds make a failure worth a look.
      #expect(throws: CompressionError.self) {
        try Gzip.decompress(input, maximumOutputBytes: 1 << 20)
      }
    }
  }

  @Test(arguments: 0..<4)
  func randomRawDeflateStreamsEndCleanly(seedIndex: Int) {
    var generator = RandomStreams(seed: 1951).make(StreamPurpose("deflateFuzz"), index: seedIndex)
    for _ in 0..<100 {
      let length = 1 + generator.nextInt(below: 300)
      var input: [UInt8] = []
      for _ in 0..<length { input.append(UInt8(truncatingIfNeeded: generator.next())) }
      // Random bits often form valid fixed blocks, so success is allowed here; the point is that
      // every call returns.
      _ = try? Deflate.decompress(input, maximumOutputBytes: 1 << 20)
    }
  }
}
