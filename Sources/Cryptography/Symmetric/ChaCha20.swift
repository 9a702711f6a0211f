import SimCore

/// The ChaCha20 stream cipher of RFC 8439 §2.4: a 256-bit key, a 96-bit nonce and a 32-bit
/// block counter select a 64-byte keystream block; encryption XORs the message with the
/// keystream of consecutive counters, so decryption is the same operation.
///
/// In FedChainSim keys come from seeded streams, so ciphertexts are reproducible and not secret;
/// the cipher is real so that its cost and sizes are. The work reported is `bytesCiphered` =
/// 64 × the keystream blocks computed (a 100-byte message costs two blocks, 128 bytes).
///
/// `ChaCha20Generator` draws random numbers from the same keystream.
public enum ChaCha20 {
  /// Key size: 256 bits.
  public static let keyByteCount = 32
  /// Nonce size: 96 bits.
  public static let nonceByteCount = 12
  /// Keystream block size: 512 bits.
  public static let blockByteCount = 64

  /// The keystream block for `counter` (RFC 8439 §2.3): 64 bytes.
  public static func block(key: Key, nonce: Nonce, counter: UInt32) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: blockByteCount) { buffer, count in
      ChaCha20Kernel.writeKeystream(
        key: key.words, nonce: nonce.words, counter: counter, blockCount: 1,
        into: UnsafeMutableRawPointer(buffer.baseAddress!))
      count = blockByteCount
    }
  }

  /// `plaintext` XORed with the keystream of blocks `initialCounter`, `initialCounter + 1`, …
  /// (RFC 8439 §2.4); adds 64 × ⌈`plaintext.count` / 64⌉ bytes ciphered to `work`.
  ///
  /// RFC 8439 AEAD starts at counter 1 (block 0 keys Poly1305); a bare stream starts at 0.
  /// - Precondition: the counter does not wrap: `initialCounter` + ⌈count / 64⌉ − 1 < 2³².
  /// - Complexity: O(`plaintext.count`).
  public static func encrypt(
    _ plaintext: [UInt8], key: Key, nonce: Nonce, initialCounter: UInt32, work: inout Work
  ) -> [UInt8] {
    let count = plaintext.count
    let blockCount = (count + blockByteCount - 1) / blockByteCount
    precondition(
      UInt64(initialCounter) + UInt64(blockCount) <= 1 << 32,
      "ChaCha20: \(count) bytes from counter \(initialCounter) would wrap the 32-bit counter")
    guard count > 0 else { return [] }
    work += Work(bytesCiphered: Int64(blockCount * blockByteCount))
    return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
      let target = UnsafeMutableRawPointer(output.baseAddress!)
      plaintext.withUnsafeBytes { input in
        let source = input.baseAddress!
        let wholeBlocks = count / blockByteCount
        if wholeBlocks > 0 {
          ChaCha20Kernel.writeKeystream(
            key: key.words, nonce: nonce.words, counter: initialCounter, blockCount: wholeBlocks,
            into: target)
          xorWords(into: target, from: source, byteCount: wholeBlocks * blockByteCount)
        }
        let tailCount = count - wholeBlocks * blockByteCount
        if tailCount > 0 {
          // The last, partial block goes through a stack buffer so nothing is written past
          // the end of the output.
          var last = InlineArray<64, UInt8>(repeating: 0)
          withUnsafeMutableBytes(of: &last) { keystream in
            ChaCha20Kernel.writeKeystream(
              key: key.words, nonce: nonce.words,
              counter: initialCounter &+ UInt32(truncatingIfNeeded: wholeBlocks), blockCount: 1,
              into: keystream.baseAddress!)
            let offset = wholeBlocks * blockByteCount
            for index in 0..<tailCount {
              output[offset + index] =
                source.load(fromByteOffset: offset + index, as: UInt8.self)
                ^ keystream[index]
            }
          }
        }
      }
      initialized = count
    }
  }

  /// `plaintext` XORed with the keystream from `initialCounter`, without accounting for work;
  /// see `encrypt(_:key:nonce:initialCounter:work:)`.
  public static func encrypt(
    _ plaintext: [UInt8], key: Key, nonce: Nonce, initialCounter: UInt32
  ) -> [UInt8] {
    var work = Work.zero
    return encrypt(plaintext, key: key, nonce: nonce, initialCounter: initialCounter, work: &work)
  }

  /// The plaintext of `ciphertext`: the same keystream XOR as `encrypt` (RFC 8439 §2.4); adds
  /// the same work to `work`.
  /// - Complexity: O(`ciphertext.count`).
  public static func decrypt(
    _ ciphertext: [UInt8], key: Key, nonce: Nonce, initialCounter: UInt32, work: inout Work
  ) -> [UInt8] {
    encrypt(ciphertext, key: key, nonce: nonce, initialCounter: initialCounter, work: &work)
  }

  /// The plaintext of `ciphertext`, without accounting for work.
  public static func decrypt(
    _ ciphertext: [UInt8], key: Key, nonce: Nonce, initialCounter: UInt32
  ) -> [UInt8] {
    encrypt(ciphertext, key: key, nonce: nonce, initialCounter: initialCounter)
  }

  /// XORs `byteCount` bytes (a multiple of 8) at `source` into `target`, eight at a time.
  private static func xorWords(
    into target: UnsafeMutableRawPointer, from source: UnsafeRawPointer, byteCount: Int
  ) {
    var offset = 0
    while offset < byteCount {
      let keystream = target.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      let message = source.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      target.storeBytes(of: keystream ^ message, toByteOffset: offset, as: UInt64.self)
      offset += 8
    }
  }
}
