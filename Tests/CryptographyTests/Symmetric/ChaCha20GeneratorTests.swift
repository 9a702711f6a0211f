import SimCore
import Testing

@testable import Cryptography

/// The generator's output is the RFC 8439 keystream read as little-endian words; these tests pin
/// it to the Appendix A.1 vectors and check that every way of drawing reads the same stream.
struct ChaCha20GeneratorTests {
  static let zeroKey = [UInt8](repeating: 0, count: 32)

  /// The keystream of `blocks` consecutive blocks from `counter`, as little-endian words,
  /// computed through `ChaCha20.block` (itself pinned to RFC 8439 by `ChaCha20Tests`).
  static func keystreamWords(
    key: ChaCha20.Key, nonce: ChaCha20.Nonce, from counter: UInt32, blocks: Int
  ) -> [UInt32] {
    (0..<blocks).flatMap { index in
      let bytes = ChaCha20.block(key: key, nonce: nonce, counter: counter + UInt32(index))
      return (0..<16).map { word in
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[4 * word + $1]) << (8 * $1) }
      }
    }
  }

  /// Stream 0 under the zero key starts with RFC 8439 A.1 #1 (counter 0) then #2 (counter 1).
  @Test func streamZeroIsTheRFC8439Keystream() throws {
    var generator = try ChaCha20Generator(seed: Self.zeroKey)
    // A.1 #1 begins 76 b8 e0 ad a0 f1 3d 90: words 0xade0b876, 0x903df1a0.
    #expect(generator.next() == 0x903d_f1a0_ade0_b876)
    var rest = [UInt32](repeating: 0, count: 30)
    generator.fill(&rest)
    // A.1 #2 ends 4b 79 4d 6f: the last word of block 1 is 0x6f4d794b.
    #expect(rest.last == 0x6f4d_794b)
    let expected = Self.keystreamWords(
      key: try ChaCha20.Key(rawRepresentation: Self.zeroKey), nonce: .zero, from: 0, blocks: 2)
    #expect(Array(expected.dropFirst(2)) == rest)
  }

  /// Stream s uses nonce words (0, s mod 2³², s / 2³²): the stream whose nonce bytes end in 02
  /// starts with RFC 8439 A.1 #5, c2 c6 4d 37 8c d5 36 37.
  @Test func streamNumberSelectsTheNonce() throws {
    var generator = try ChaCha20Generator(seed: Self.zeroKey, stream: 0x0200_0000 << 32)
    #expect(generator.next() == 0x3736_d58c_374d_c6c2)
  }

  /// `nextUInt32`, `next`, and both `fill`s read one stream: drawing 40 blocks in uneven pieces
  /// through a mix of them gives the block-by-block keystream. The 64-word fills also cover the
  /// four-block vector path.
  @Test func everyWayOfDrawingReadsTheSameStream() throws {
    let key = try ChaCha20.Key(rawRepresentation: (0..<32).map { UInt8($0 * 7) })
    let expected = Self.keystreamWords(key: key, nonce: .zero, from: 0, blocks: 40)
    var generator = ChaCha20Generator(key: key)
    var drawn: [UInt32] = []
    var step = 0
    while drawn.count < expected.count - 200 {
      switch step % 4 {
      case 0:
        drawn.append(generator.nextUInt32())
      case 1:
        let value = generator.next()
        drawn += [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
      case 2:
        var words = [UInt32](repeating: 0, count: 1 + 37 * (step % 5))
        generator.fill(&words)
        drawn += words
      default:
        var values = [UInt64](repeating: 0, count: 3 + 40 * (step % 3))
        generator.fill(&values)
        for value in values {
          drawn += [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        }
      }
      step += 1
    }
    #expect(drawn == Array(expected.prefix(drawn.count)))
  }

  /// Work counts whole blocks computed: 17 words need two blocks, 128 bytes.
  @Test func workCountsKeystreamBlocks() throws {
    var generator = try ChaCha20Generator(seed: Self.zeroKey)
    #expect(generator.work == .zero)
    var words = [UInt32](repeating: 0, count: 17)
    generator.fill(&words)
    #expect(generator.work == Work(bytesCiphered: 128))
    _ = generator.next()  // words 17 and 18 are still buffered
    #expect(generator.work == Work(bytesCiphered: 128))
  }

  /// Past block 2³² − 1 the counter wraps into nonce word 0, so the stream never repeats: block
  /// 2³² is the block for counter 0 under nonce (1, 0, 0).
  @Test func counterWrapCarriesIntoTheNonce() throws {
    let key = try ChaCha20.Key(rawRepresentation: Self.zeroKey)
    var generator = ChaCha20Generator(key: key, stream: 0, firstBlock: (1 << 32) - 2)
    var words = [UInt32](repeating: 0, count: 64)
    generator.fill(&words)
    let beforeWrap = Self.keystreamWords(key: key, nonce: .zero, from: UInt32.max - 1, blocks: 2)
    let afterWrap = Self.keystreamWords(
      key: key,
      nonce: try ChaCha20.Nonce(rawRepresentation: [1] + [UInt8](repeating: 0, count: 11)),
      from: 0, blocks: 2)
    #expect(words == beforeWrap + afterWrap)
  }

  /// Same key and stream, same numbers; another stream or key, other numbers.
  @Test func outputDependsOnlyOnKeyAndStream() throws {
    var streams = RandomStreams(seed: 7).make(StreamPurpose("chacha20-generator-test"))
    let key = ChaCha20.Key(using: &streams)
    var first = ChaCha20Generator(key: key, stream: 3)
    var second = ChaCha20Generator(key: key, stream: 3)
    var otherStream = ChaCha20Generator(key: key, stream: 4)
    var otherKey = ChaCha20Generator(key: ChaCha20.Key(using: &streams), stream: 3)
    let a = (0..<8).map { _ in first.next() }
    #expect(a == (0..<8).map { _ in second.next() })
    #expect(a != (0..<8).map { _ in otherStream.next() })
    #expect(a != (0..<8).map { _ in otherKey.next() })
  }
}
