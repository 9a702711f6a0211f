// Big-endian byte encodings of BigUInt values (the octet-string convention of RFC 8017 §4).

extension BigUInt {
  /// The value of a big-endian byte string (most significant byte first); leading zero bytes
  /// are allowed and the empty string is zero. This is OS2IP of RFC 8017 §4.2.
  /// - Complexity: O(bytes).
  public init(bigEndianBytes bytes: some Collection<UInt8>) {
    var limbs = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
    for (position, byte) in bytes.reversed().enumerated() {
      limbs[position / 8] |= UInt64(byte) << UInt64(8 * (position % 8))
    }
    self.init(limbs: limbs)
  }

  /// The value as exactly `count` big-endian bytes, zero-padded on the left (I2OSP of
  /// RFC 8017 §4.1). Use `byteCount` for the minimal width.
  /// - Precondition: `count >= byteCount`, i.e. the value fits in `count` bytes.
  /// - Complexity: O(count).
  public func bigEndianBytes(count: Int) -> [UInt8] {
    precondition(
      count >= byteCount,
      "BigUInt of \(bitLength) bits does not fit in \(count) bytes; needs \(byteCount)")
    var bytes = [UInt8](repeating: 0, count: count)
    for position in 0..<byteCount {
      let byte = UInt8(truncatingIfNeeded: limbs[position / 8] >> UInt64(8 * (position % 8)))
      bytes[count - 1 - position] = byte
    }
    return bytes
  }
}
