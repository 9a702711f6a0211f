import SimCore

// Wire format of a sparse update, all integers little-endian:
//
//   offset 0: UInt32 dimension (length of the dense vector)
//   offset 4: UInt32 count (number of entries)
//   offset 8: count × { UInt32 index, UInt32 IEEE 754 binary32 bit pattern of the value }
//
// so an update of k entries is exactly 8 + 8k bytes. Entries are in strictly ascending index
// order, which makes the encoding canonical (one update, one byte string) and lets the decoder
// reject duplicates in one pass. The dimension rides along so that a receiver can check the update
// against its model before touching it.

extension SparseUpdate {
  /// Bytes in the header: dimension and entry count, 4 bytes each.
  public static let headerBytes = 8
  /// Bytes per (index, value) entry.
  public static let entryBytes = 8

  /// The exact size of `encode()`: 8 + 8 × count bytes.
  public var wireSize: ByteCount {
    ByteCount(bytes: Int64(SparseUpdate.headerBytes + SparseUpdate.entryBytes * count))
  }

  /// The update in its wire format (see the layout above).
  /// - Complexity: O(count).
  public func encode() -> [UInt8] {
    var bytes = [UInt8]()
    bytes.reserveCapacity(Int(wireSize.bytes))
    func append(_ word: UInt32) {
      for shift in stride(from: 0, to: 32, by: 8) {
        bytes.append(UInt8(truncatingIfNeeded: word >> shift))
      }
    }
    append(UInt32(dimension))
    append(UInt32(count))
    for (index, value) in zip(indices, values) {
      append(index)
      append(value.bitPattern)
    }
    return bytes
  }

  /// Decodes an update from its wire format.
  /// - Throws: `SparsificationError.wrongEncodedLength` if the byte count disagrees with the
  ///   header, `.indexOutOfRange` or `.indicesNotAscending` for a bad entry.
  /// - Complexity: O(bytes.count).
  public init(decoding bytes: [UInt8]) throws(SparsificationError) {
    func word(at offset: Int) -> UInt32 {
      UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
        | UInt32(bytes[offset + 3]) << 24
    }
    guard bytes.count >= SparseUpdate.headerBytes else {
      throw .wrongEncodedLength(byteCount: bytes.count, expected: SparseUpdate.headerBytes)
    }
    let dimension = Int(word(at: 0))
    let count = Int(word(at: 4))
    let expected = SparseUpdate.headerBytes + SparseUpdate.entryBytes * count
    guard bytes.count == expected else {
      throw .wrongEncodedLength(byteCount: bytes.count, expected: expected)
    }
    var indices = [UInt32]()
    var values = [Float]()
    indices.reserveCapacity(count)
    values.reserveCapacity(count)
    for e in 0..<count {
      let offset = SparseUpdate.headerBytes + SparseUpdate.entryBytes * e
      indices.append(word(at: offset))
      values.append(Float(bitPattern: word(at: offset + 4)))
    }
    try self.init(dimension: dimension, indices: indices, values: values)
  }
}
