import SimCore

/// SHA-256 (FIPS 180-4 §6.2): a 32-byte digest of a message of any length.
///
/// One-shot: `SHA256.hash(bytes)`. Incremental:
/// ```
/// var hasher = SHA256()
/// hasher.update(header)
/// hasher.update(payload)
/// let digest = hasher.finalize()
/// ```
/// The work reported is `bytesHashed` = 64 × the blocks compressed, padding included, so a
/// message of n bytes costs 64 × ⌈(n + 9) / 64⌉ bytes (a 64-byte Merkle node costs 128).
public struct SHA256: MerkleDamgardHash {
  /// One compression block: 512 bits.
  public static let blockByteCount = 64
  /// A digest: 256 bits.
  public static let digestByteCount = 32

  /// The running hash value H(i) between blocks (FIPS 180-4 §6.2.2).
  struct State: ChainingValue {
    var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    /// H(0), FIPS 180-4 §5.3.3: the first 32 bits of the fractional parts of the square roots
    /// of the first eight primes.
    static let initial = State(
      h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
      h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)

    /// Writes H0…H7 as big-endian words: the digest (FIPS 180-4 §6.2.2, last step).
    @inline(__always)
    func storeBigEndian(into bytes: UnsafeMutableRawBufferPointer) {
      bytes.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
      bytes.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
      bytes.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
      bytes.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
      bytes.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
      bytes.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
      bytes.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
      bytes.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
    }
  }

  /// The message length ends the padding in 8 bytes (FIPS 180-4 §5.1.1).
  static let lengthByteCount = 8

  var state = State.initial
  var buffer = MessageBlockBuffer()

  /// A hasher that has absorbed nothing yet.
  public init() {}
}
