import SimCore

/// SHA-512 (FIPS 180-4 §6.4): a 64-byte digest of a message of any length.
///
/// One-shot: `SHA512.hash(bytes)`. Incremental:
/// ```
/// var hasher = SHA512()
/// hasher.update(header)
/// hasher.update(payload)
/// let digest = hasher.finalize()
/// ```
/// The work reported is `bytesHashed` = 128 × the blocks compressed, padding included, so a
/// message of n bytes costs 128 × ⌈(n + 17) / 128⌉ bytes.
public struct SHA512: MerkleDamgardHash {
  /// One compression block: 1024 bits.
  public static let blockByteCount = 128
  /// A digest: 512 bits.
  public static let digestByteCount = 64

  /// The running hash value H(i) between blocks (FIPS 180-4 §6.4.2).
  struct State: ChainingValue {
    var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    /// H(0), FIPS 180-4 §5.3.5: the first 64 bits of the fractional parts of the square roots
    /// of the first eight primes.
    static let initial = State(
      h0: 0x6a09e667_f3bcc908, h1: 0xbb67ae85_84caa73b, h2: 0x3c6ef372_fe94f82b,
      h3: 0xa54ff53a_5f1d36f1, h4: 0x510e527f_ade682d1, h5: 0x9b05688c_2b3e6c1f,
      h6: 0x1f83d9ab_fb41bd6b, h7: 0x5be0cd19_137e2179)

    /// Writes H0…H7 as big-endian words: the digest (FIPS 180-4 §6.4.2, last step).
    @inline(__always)
    func storeBigEndian(into bytes: UnsafeMutableRawBufferPointer) {
      bytes.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt64.self)
      bytes.storeBytes(of: h1.bigEndian, toByteOffset: 8, as: UInt64.self)
      bytes.storeBytes(of: h2.bigEndian, toByteOffset: 16, as: UInt64.self)
      bytes.storeBytes(of: h3.bigEndian, toByteOffset: 24, as: UInt64.self)
      bytes.storeBytes(of: h4.bigEndian, toByteOffset: 32, as: UInt64.self)
      bytes.storeBytes(of: h5.bigEndian, toByteOffset: 40, as: UInt64.self)
      bytes.storeBytes(of: h6.bigEndian, toByteOffset: 48, as: UInt64.self)
      bytes.storeBytes(of: h7.bigEndian, toByteOffset: 56, as: UInt64.self)
    }
  }

  /// The message length ends the padding in 16 bytes (FIPS 180-4 §5.1.2).
  static let lengthByteCount = 16

  var state = State.initial
  var buffer = MessageBlockBuffer()

  /// A hasher that has absorbed nothing yet.
  public init() {}
}
