/// Appends big-endian integers and raw bytes to a growing buffer: the writing half of the
/// ledger's binary encodings (see `Transaction` and `BlockHeader` for the layouts).
///
/// Every multi-byte integer is big-endian (network order), so an encoding reads the same on
/// every platform and sorts like the numbers it holds.
struct ByteWriter {
  /// The bytes written so far.
  private(set) var bytes: [UInt8]

  /// An empty writer with room for `capacity` bytes, so an encoding of known size never
  /// reallocates.
  init(capacity: Int) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  mutating func append(_ value: UInt8) { bytes.append(value) }

  /// Appends `value` big-endian (`UInt32`, `UInt64`).
  mutating func append<T: FixedWidthInteger & UnsignedInteger>(_ value: T) {
    for shift in stride(from: T.bitWidth - 8, through: 0, by: -8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  mutating func append(contentsOf other: [UInt8]) { bytes.append(contentsOf: other) }

  mutating func append(_ digest: Digest256) {
    append(digest.w0)
    append(digest.w1)
    append(digest.w2)
    append(digest.w3)
  }
}
