extension Shamir {
  /// One holder's share: the evaluations f(x) of the sharing polynomials at the holder's index
  /// x, one value per secret element.
  ///
  /// Encoded as the index in 2 big-endian bytes followed by each value in 16 big-endian bytes:
  /// `encodedByteCount` = 2 + 16·`values.count` (50 bytes for a 32-byte secret).
  public struct Share: Hashable, Sendable {
    /// The x-coordinate, in 1...65,535.
    public let index: Int
    /// f(index) for each secret element.
    public let values: [Mersenne127]

    /// The share at `index` with `values` (for example received over the simulated network).
    /// - Throws: `SecretSharingError.invalidShareIndex` unless `index` is in 1...65,535.
    public init(index: Int, values: [Mersenne127]) throws(SecretSharingError) {
      guard (1...Shamir.maximumShareCount).contains(index) else {
        throw .invalidShareIndex(index: index, maximum: Shamir.maximumShareCount)
      }
      self.init(uncheckedIndex: index, values: values)
    }

    init(uncheckedIndex index: Int, values: [Mersenne127]) {
      self.index = index
      self.values = values
    }

    /// The share encoded in `bytes` (as `encode()` writes it), holding `valueCount` values.
    /// - Throws: `SecretSharingError.wrongByteCount`, `.invalidShareIndex` or
    ///   `.elementOutOfRange`.
    public init(decoding bytes: [UInt8], valueCount: Int) throws(SecretSharingError) {
      let expected = Self.encodedByteCount(valueCount: valueCount)
      guard bytes.count == expected else {
        throw .wrongByteCount(field: "Shamir share", byteCount: bytes.count, expected: expected)
      }
      let index = Int(bytes[0]) << 8 | Int(bytes[1])
      var values: [Mersenne127] = []
      values.reserveCapacity(valueCount)
      for position in 0..<valueCount {
        let start = 2 + 16 * position
        guard let value = Mersenne127(bigEndianBytes: bytes[start..<(start + 16)]) else {
          throw .elementOutOfRange(field: "Shamir share value #\(position)")
        }
        values.append(value)
      }
      try self.init(index: index, values: values)
    }

    /// 2 + 16·`valueCount`: the size of an encoded share with `valueCount` values.
    public static func encodedByteCount(valueCount: Int) -> Int {
      2 + Mersenne127.encodedByteCount * valueCount
    }

    /// The size of this share encoded.
    public var encodedByteCount: Int { Self.encodedByteCount(valueCount: values.count) }

    /// The index in 2 big-endian bytes, then each value in 16 big-endian bytes.
    public func encode() -> [UInt8] {
      var bytes = [UInt8(truncatingIfNeeded: index >> 8), UInt8(truncatingIfNeeded: index)]
      bytes.reserveCapacity(encodedByteCount)
      for value in values { bytes += value.encode() }
      return bytes
    }
  }
}
