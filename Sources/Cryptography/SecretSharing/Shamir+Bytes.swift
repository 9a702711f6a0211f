import SimCore

extension Shamir {
  /// The bytes per field element when sharing a byte string: 15 (120 bits < 127).
  public static let bytesPerElement = 15

  /// The number of field elements a `byteCount`-byte secret is split into: ⌈byteCount/15⌉
  /// (3 for a 32-byte key or seed).
  public static func elementCount(forByteCount byteCount: Int) -> Int {
    (byteCount + bytesPerElement - 1) / bytesPerElement
  }

  /// Shares of the byte string `bytes`: cut into 15-byte chunks (the last one shorter), each
  /// read big-endian as one field element, then shared as `split(_:threshold:shareCount:…)`
  /// does.
  /// - Throws: as `split(_:threshold:shareCount:using:work:)`.
  public static func split(
    bytes: [UInt8], threshold: Int, shareCount: Int,
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(SecretSharingError) -> [Share] {
    try split(
      elements(of: bytes), threshold: threshold, shareCount: shareCount, using: &generator,
      work: &work)
  }

  /// Shares of the byte string `bytes` at the x-coordinates `indices` only.
  static func split(
    bytes: [UInt8], threshold: Int, at indices: [Int],
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) throws(SecretSharingError) -> [Share] {
    try split(
      elements(of: bytes), threshold: threshold, at: indices, using: &generator, work: &work)
  }

  /// The byte string of length `byteCount` behind `shares`, reconstructed as
  /// `reconstruct(_:threshold:work:)` does and written back chunk by chunk.
  /// - Throws: as `reconstruct(_:threshold:work:)`; `.inconsistentShareLengths` when the shares
  ///   do not hold ⌈byteCount/15⌉ values; `.chunkOutOfRange` when a reconstructed chunk does
  ///   not fit its width (shares of another secret, or a wrong `byteCount`).
  public static func reconstructBytes(
    _ shares: [Share], threshold: Int, byteCount: Int, work: inout Work
  ) throws(SecretSharingError) -> [UInt8] {
    let elementCount = elementCount(forByteCount: byteCount)
    if let position = shares.firstIndex(where: { $0.values.count != elementCount }) {
      throw .inconsistentShareLengths(
        position: position, count: shares[position].values.count, expected: elementCount)
    }
    let secret = try reconstruct(shares, threshold: threshold, work: &work)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(byteCount)
    for (chunk, element) in secret.enumerated() {
      let width = min(bytesPerElement, byteCount - chunk * bytesPerElement)
      guard element.value >> UInt128(8 * width) == 0 else { throw .chunkOutOfRange(chunk: chunk) }
      for position in 0..<width {
        bytes.append(
          UInt8(truncatingIfNeeded: element.value >> UInt128(8 * (width - 1 - position))))
      }
    }
    return bytes
  }

  /// The field elements of `bytes`, 15 big-endian bytes each (the last chunk shorter).
  static func elements(of bytes: [UInt8]) -> [Mersenne127] {
    stride(from: 0, to: bytes.count, by: bytesPerElement).map { start in
      var value: UInt128 = 0
      for byte in bytes[start..<min(start + bytesPerElement, bytes.count)] {
        value = value << 8 | UInt128(byte)
      }
      return Mersenne127(canonical: value)
    }
  }
}
