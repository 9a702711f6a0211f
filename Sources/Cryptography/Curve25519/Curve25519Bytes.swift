/// Byte helpers shared by X25519 and Ed25519.
enum Curve25519Bytes {
  /// 32 bytes drawn from `generator`: four `next()` words, each written little-endian, so the same
  /// generator state always gives the same key on every platform.
  static func draw32(using generator: inout some RandomNumberGenerator) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    for _ in 0..<4 {
      let word = generator.next()
      for shift in stride(from: 0, to: 64, by: 8) {
        bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    return bytes
  }
}
