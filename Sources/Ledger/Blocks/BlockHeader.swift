import Cryptography
import SimCore

/// The fields of a block that its hash covers: the link to the parent, the position, time and
/// proposer, the commitment to the transactions, and the engine's seal.
///
/// **Encoding** (version 1, 154 bytes, every integer big-endian):
///
/// | offset | bytes | field |
/// |---|---|---|
/// | 0 | 1 | version = 1 |
/// | 1 | 32 | parent hash (zero for a genesis block) |
/// | 33 | 8 | height |
/// | 41 | 8 | timestamp: nanoseconds since the run started (`Int64` bit pattern) |
/// | 49 | 4 | proposer node index |
/// | 53 | 32 | proposer public key |
/// | 85 | 32 | Merkle root of the transaction IDs (`MerkleTree`) |
/// | 117 | 4 | transaction count |
/// | 121 | 8 | gas used |
/// | 129 | 8 | byte size of the whole encoded block |
/// | 137 | 17 | consensus seal (`ConsensusSeal`) |
///
/// The block hash is SHA-256 of these 154 bytes (three 64-byte blocks of work). The fields are
/// `var` so engines and tests can build variants; a block computes its hash from the header it
/// is given, so a changed field changes the hash and breaks the proposer's signature.
public struct BlockHeader: Hashable, Sendable {
  /// The encoding version this code writes and reads.
  public static let version: UInt8 = 1
  /// The size of an encoded header.
  public static let encodedByteCount =
    1 + 32 + 8 + 8 + 4 + Ed25519.publicKeyByteCount + 32 + 4 + 8 + 8
    + ConsensusSeal.encodedByteCount

  /// The hash of the parent block; `BlockHash.zero` for a genesis block.
  public var parentHash: BlockHash
  /// The position in the chain: the genesis block is at height 0.
  public var height: Int
  /// When the proposer made the block.
  public var timestamp: SimInstant
  /// The node that proposed the block.
  public var proposer: NodeID
  /// The proposer's public key: the block's signature verifies under it.
  public var proposerKey: Ed25519.PublicKey
  /// The RFC 6962 Merkle root of the transactions' IDs.
  public var merkleRoot: Digest256
  /// The number of transactions in the block.
  public var transactionCount: Int
  /// The sum of the transactions' gas (`GasSchedule.gas(for:)`).
  public var gasUsed: UInt64
  /// The size of the whole encoded block: header, signature and transactions.
  public var byteCount: ByteCount
  /// The consensus engine's field.
  public var seal: ConsensusSeal

  /// A header with the given fields.
  /// - Precondition: `height`, `transactionCount` and `byteCount` are not negative; the
  ///   proposer index and the transaction count fit in a `UInt32`.
  public init(
    parentHash: BlockHash, height: Int, timestamp: SimInstant, proposer: NodeID,
    proposerKey: Ed25519.PublicKey, merkleRoot: Digest256, transactionCount: Int,
    gasUsed: UInt64, byteCount: ByteCount, seal: ConsensusSeal
  ) {
    precondition(height >= 0, "BlockHeader: negative height \(height)")
    PayloadField.checkIndex(proposer.index, "BlockHeader.proposer")
    PayloadField.checkIndex(transactionCount, "BlockHeader.transactionCount")
    precondition(byteCount.bytes >= 0, "BlockHeader: negative byte count \(byteCount.bytes)")
    self.parentHash = parentHash
    self.height = height
    self.timestamp = timestamp
    self.proposer = proposer
    self.proposerKey = proposerKey
    self.merkleRoot = merkleRoot
    self.transactionCount = transactionCount
    self.gasUsed = gasUsed
    self.byteCount = byteCount
    self.seal = seal
  }

  /// SHA-256 of the encoded header: the block hash. Adds 192 bytes hashed to `work`.
  public func computeHash(work: inout Work) -> BlockHash {
    BlockHash(Digest256.sha256(encode(), work: &work))
  }

  /// The 154-byte encoding (layout above).
  public func encode() -> [UInt8] {
    var writer = ByteWriter(capacity: Self.encodedByteCount)
    encode(into: &writer)
    return writer.bytes
  }

  func encode(into writer: inout ByteWriter) {
    writer.append(Self.version)
    writer.append(parentHash.digest)
    writer.append(UInt64(height))
    writer.append(UInt64(bitPattern: timestamp.nanosecondsSinceStart))
    writer.append(UInt32(proposer.index))
    writer.append(contentsOf: proposerKey.rawRepresentation)
    writer.append(merkleRoot)
    writer.append(UInt32(transactionCount))
    writer.append(gasUsed)
    writer.append(UInt64(byteCount.bytes))
    seal.encode(into: &writer)
  }

  /// The header encoded by `bytes`.
  /// - Throws: `LedgerError` when the bytes are truncated or continue past the header, the
  ///   version or seal tag is unknown, or a field is out of range.
  public init(decoding bytes: [UInt8]) throws(LedgerError) {
    var reader = ByteReader(bytes)
    try self.init(decoding: &reader)
    try reader.expectEnd(of: "block header")
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let version = try reader.readUInt8("BlockHeader.version")
    guard version == Self.version else {
      throw .unsupportedVersion(
        field: "BlockHeader.version", found: version, supported: Self.version)
    }
    let parentHash = BlockHash(try reader.readDigest("BlockHeader.parentHash"))
    let height = try reader.readCount("BlockHeader.height")
    let time = Int64(bitPattern: try reader.readUInt64("BlockHeader.timestamp"))
    let proposer = NodeID(Int(try reader.readUInt32("BlockHeader.proposer")))
    let key = try Transaction.readPublicKey(&reader, field: "BlockHeader.proposerKey")
    let merkleRoot = try reader.readDigest("BlockHeader.merkleRoot")
    let count = Int(try reader.readUInt32("BlockHeader.transactionCount"))
    let gasUsed = try reader.readUInt64("BlockHeader.gasUsed")
    let byteCount = try reader.readCount("BlockHeader.byteCount")
    let seal = try ConsensusSeal(decoding: &reader)
    self.init(
      parentHash: parentHash, height: height, timestamp: SimInstant(nanosecondsSinceStart: time),
      proposer: proposer, proposerKey: key, merkleRoot: merkleRoot, transactionCount: count,
      gasUsed: gasUsed, byteCount: ByteCount(bytes: Int64(byteCount)), seal: seal)
  }
}
