import SimCore

/// Bytes a transaction carries: either the bytes themselves, stored on chain, or a reference to
/// them in an `OffChainStore`, so the chain stores only a hash and a size.
///
/// Encoding: a tag byte, then for `onChain` a big-endian `UInt32` length and the bytes (5 + n
/// bytes), for `offChain` the 40-byte `ContentReference` (41 bytes).
public enum PayloadContent: Hashable, Sendable {
  /// The bytes, stored in the block.
  case onChain([UInt8])
  /// A content-addressed reference to bytes stored off chain.
  case offChain(ContentReference)

  /// Encoding tags.
  static let onChainTag: UInt8 = 0
  static let offChainTag: UInt8 = 1

  /// The size of the content itself, wherever it is stored: what a reader must fetch or
  /// receive.
  public var contentByteCount: ByteCount {
    switch self {
    case .onChain(let bytes): ByteCount(bytes: Int64(bytes.count))
    case .offChain(let reference): reference.byteCount
    }
  }

  /// The bytes this content adds to the chain: 5 + n on chain, 41 off chain.
  public var encodedByteCount: Int {
    switch self {
    case .onChain(let bytes): 1 + 4 + bytes.count
    case .offChain: 1 + ContentReference.encodedByteCount
    }
  }

  func encode(into writer: inout ByteWriter) {
    switch self {
    case .onChain(let bytes):
      precondition(
        bytes.count <= Int(UInt32.max),
        "PayloadContent: \(bytes.count) bytes exceed the UInt32 length field")
      writer.append(Self.onChainTag)
      writer.append(UInt32(bytes.count))
      writer.append(contentsOf: bytes)
    case .offChain(let reference):
      writer.append(Self.offChainTag)
      writer.append(reference.hash.digest)
      writer.append(UInt64(reference.byteCount.bytes))
    }
  }

  init(decoding reader: inout ByteReader, field: String) throws(LedgerError) {
    let tagOffset = reader.offset
    let tag = try reader.readUInt8("\(field).tag")
    switch tag {
    case Self.onChainTag:
      let count = try reader.readUInt32("\(field).length")
      self = .onChain(try reader.readBytes(Int(count), "\(field).bytes"))
    case Self.offChainTag:
      let hash = ContentHash(try reader.readDigest("\(field).hash"))
      let byteCount = try reader.readCount("\(field).byteCount")
      self = .offChain(ContentReference(hash: hash, byteCount: ByteCount(bytes: Int64(byteCount))))
    default:
      throw .unknownTag(field: "\(field).tag", offset: tagOffset, tag: tag, accepted: "0 or 1")
    }
  }
}
