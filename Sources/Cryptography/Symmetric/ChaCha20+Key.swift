import SimCore

extension ChaCha20 {
  /// A 256-bit ChaCha20 key, kept as the eight little-endian words of RFC 8439 §2.3.
  public struct Key: Hashable, Sendable {
    /// Key words k0…k7: state words 4…11.
    let words: SIMD8<UInt32>

    /// The key with bytes `rawRepresentation` (32 bytes).
    /// - Throws: `ChaCha20Error.wrongByteCount` unless `rawRepresentation` is 32 bytes.
    public init(rawRepresentation: [UInt8]) throws(ChaCha20Error) {
      guard rawRepresentation.count == ChaCha20.keyByteCount else {
        throw .wrongByteCount(
          field: "ChaCha20.Key.rawRepresentation", byteCount: rawRepresentation.count,
          expected: ChaCha20.keyByteCount)
      }
      var words = SIMD8<UInt32>()
      for index in 0..<8 { words[index] = littleEndianWord(rawRepresentation, at: 4 * index) }
      self.words = words
    }

    /// A key drawn from `generator`: four `next()` words, each written little-endian, so the
    /// same generator state gives the same key on every platform. Reproducible, not secret.
    public init(using generator: inout some RandomNumberGenerator) {
      var words = SIMD8<UInt32>()
      for index in 0..<4 {
        let word = generator.next()
        words[2 * index] = UInt32(truncatingIfNeeded: word)
        words[2 * index + 1] = UInt32(truncatingIfNeeded: word >> 32)
      }
      self.words = words
    }

    /// The key's 32 bytes.
    public var rawRepresentation: [UInt8] { littleEndianBytes(words.indices.map { words[$0] }) }
  }

  /// A 96-bit ChaCha20 nonce, kept as the three little-endian words of RFC 8439 §2.3. A
  /// (key, nonce) pair must never encrypt two different messages.
  public struct Nonce: Hashable, Sendable {
    /// Nonce words n0…n2: state words 13…15.
    let words: SIMD3<UInt32>

    /// The all-zero nonce (RFC 8439 Appendix A.1 test vectors use it).
    public static let zero = Nonce(words: SIMD3())

    init(words: SIMD3<UInt32>) {
      self.words = words
    }

    /// The nonce with bytes `rawRepresentation` (12 bytes).
    /// - Throws: `ChaCha20Error.wrongByteCount` unless `rawRepresentation` is 12 bytes.
    public init(rawRepresentation: [UInt8]) throws(ChaCha20Error) {
      guard rawRepresentation.count == ChaCha20.nonceByteCount else {
        throw .wrongByteCount(
          field: "ChaCha20.Nonce.rawRepresentation", byteCount: rawRepresentation.count,
          expected: ChaCha20.nonceByteCount)
      }
      words = SIMD3(
        littleEndianWord(rawRepresentation, at: 0), littleEndianWord(rawRepresentation, at: 4),
        littleEndianWord(rawRepresentation, at: 8))
    }

    /// A nonce built from a 32-bit prefix and a 64-bit message number, both little-endian:
    /// bytes 0…3 are `prefix` (e.g. a sender index), bytes 4…11 are `sequenceNumber`. RFC 8439
    /// §2.8 leaves turning a protocol's message counter into a nonce to the protocol; this is
    /// the common choice of a constant followed by the counter.
    public init(prefix: UInt32, sequenceNumber: UInt64) {
      words = SIMD3(
        prefix, UInt32(truncatingIfNeeded: sequenceNumber),
        UInt32(truncatingIfNeeded: sequenceNumber >> 32))
    }

    /// The nonce's 12 bytes.
    public var rawRepresentation: [UInt8] { littleEndianBytes([words.x, words.y, words.z]) }
  }
}

/// The little-endian word at `offset` in `bytes`.
private func littleEndianWord(_ bytes: [UInt8], at offset: Int) -> UInt32 {
  UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
    | UInt32(bytes[offset + 3]) << 24
}

/// `words` written little-endian, one after another.
private func littleEndianBytes(_ words: [UInt32]) -> [UInt8] {
  words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
}
