/// Reads big-endian integers and raw bytes from an encoding, front to back: the reading half of
/// the ledger's binary encodings. Every read names the field it reads, so a truncated input
/// is reported as "`field` at byte `offset` needs n bytes, m are left".
struct ByteReader {
  let bytes: [UInt8]
  /// The position of the next unread byte.
  private(set) var offset: Int

  init(_ bytes: [UInt8], offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  /// Bytes not read yet.
  var remainingCount: Int { bytes.count - offset }

  /// Throws `truncated` unless `count` more bytes are available for `field`.
  func require(_ count: Int, for field: String) throws(LedgerError) {
    guard count <= remainingCount else {
      throw .truncated(field: field, offset: offset, needed: count, available: remainingCount)
    }
  }

  mutating func readUInt8(_ field: String) throws(LedgerError) -> UInt8 {
    try require(1, for: field)
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func readUInt32(_ field: String) throws(LedgerError) -> UInt32 {
    try readBigEndian(field)
  }

  mutating func readUInt64(_ field: String) throws(LedgerError) -> UInt64 {
    try readBigEndian(field)
  }

  /// The next `T.bitWidth / 8` bytes as a big-endian `T`.
  private mutating func readBigEndian<T: FixedWidthInteger & UnsignedInteger>(
    _ field: String
  ) throws(LedgerError) -> T {
    let count = T.bitWidth / 8
    try require(count, for: field)
    var value: T = 0
    for index in offset..<(offset + count) { value = value << 8 | T(bytes[index]) }
    offset += count
    return value
  }

  /// A non-negative count or index stored as a `UInt64`, as an `Int`; throws `valueOutOfRange`
  /// above `Int64.max`.
  mutating func readCount(_ field: String) throws(LedgerError) -> Int {
    let start = offset
    let value = try readUInt64(field)
    guard value <= UInt64(Int64.max) else {
      throw .valueOutOfRange(field: field, offset: start, value: String(value))
    }
    return Int(value)
  }

  mutating func readBytes(_ count: Int, _ field: String) throws(LedgerError) -> [UInt8] {
    try require(count, for: field)
    defer { offset += count }
    return Array(bytes[offset..<(offset + count)])
  }

  mutating func readDigest(_ field: String) throws(LedgerError) -> Digest256 {
    try require(Digest256.byteCount, for: field)
    let w0 = try readUInt64(field)
    let w1 = try readUInt64(field)
    let w2 = try readUInt64(field)
    let w3 = try readUInt64(field)
    return Digest256(w0: w0, w1: w1, w2: w2, w3: w3)
  }

  /// Throws `trailingBytes` unless every byte has been read.
  func expectEnd(of what: String) throws(LedgerError) {
    guard remainingCount == 0 else {
      throw .trailingBytes(what: what, offset: offset, count: remainingCount)
    }
  }
}
