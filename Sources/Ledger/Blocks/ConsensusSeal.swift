/// The consensus engine's field in a block header: what the engine needs to check a block
/// beyond the common fields. Hashed with the header, so the proposer's signature covers it.
///
/// Encoding: a fixed 17 bytes, so every header has the same size: a tag byte and two
/// big-endian `UInt64` words, unused words zero.
///
/// | case | tag | word 1 | word 2 |
/// |---|---|---|---|
/// | `none` | 0 | 0 | 0 |
/// | `proofOfWork` | 1 | nonce | difficulty |
/// | `proofOfAuthority` | 2 | slot | 0 |
/// | `byzantine` | 3 | view | 0 |
public enum ConsensusSeal: Hashable, Sendable {
  /// No engine-specific data (a genesis block, or an engine that needs none).
  case none
  /// Proof of work: the nonce found and the difficulty it meets. In the simulator, mining is a
  /// Poisson process whose rate models the hash power, so the nonce is bookkeeping; the
  /// difficulty lets a fork choice weigh chains by work.
  case proofOfWork(nonce: UInt64, difficulty: UInt64)
  /// Proof of authority (Clique-like): the slot (consensus tick) the block was sealed in, from
  /// which the in-turn signer follows.
  case proofOfAuthority(slot: UInt64)
  /// A BFT protocol (PBFT/Tendermint-like): the view (consensus attempt at this height) in
  /// which the block was proposed.
  case byzantine(view: UInt64)

  /// The encoded size: 1 + 8 + 8 bytes.
  public static let encodedByteCount = 17

  func encode(into writer: inout ByteWriter) {
    let (tag, first, second): (UInt8, UInt64, UInt64) =
      switch self {
      case .none: (0, 0, 0)
      case .proofOfWork(let nonce, let difficulty): (1, nonce, difficulty)
      case .proofOfAuthority(let slot): (2, slot, 0)
      case .byzantine(let view): (3, view, 0)
      }
    writer.append(tag)
    writer.append(first)
    writer.append(second)
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let tagOffset = reader.offset
    let tag = try reader.readUInt8("ConsensusSeal.tag")
    let firstOffset = reader.offset
    let first = try reader.readUInt64("ConsensusSeal.word1")
    let secondOffset = reader.offset
    let second = try reader.readUInt64("ConsensusSeal.word2")
    switch tag {
    case 0:
      guard first == 0 else {
        throw .nonZeroPadding(field: "ConsensusSeal.word1", offset: firstOffset)
      }
      guard second == 0 else {
        throw .nonZeroPadding(field: "ConsensusSeal.word2", offset: secondOffset)
      }
      self = .none
    case 1:
      self = .proofOfWork(nonce: first, difficulty: second)
    case 2:
      guard second == 0 else {
        throw .nonZeroPadding(field: "ConsensusSeal.word2", offset: secondOffset)
      }
      self = .proofOfAuthority(slot: first)
    case 3:
      guard second == 0 else {
        throw .nonZeroPadding(field: "ConsensusSeal.word2", offset: secondOffset)
      }
      self = .byzantine(view: first)
    default:
      throw .unknownTag(field: "ConsensusSeal.tag", offset: tagOffset, tag: tag, accepted: "0...3")
    }
  }
}
