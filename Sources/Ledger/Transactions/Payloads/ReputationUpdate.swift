import SimCore

/// A client's reputation after a round, as a validator or the reputation contract computed it.
///
/// Encoding (16 bytes): client index `UInt32`, round `UInt32`, reputation as the IEEE 754
/// binary64 bit pattern in a big-endian `UInt64` (so it round-trips exactly).
public struct ReputationUpdate: Hashable, Sendable {
  /// The encoded size: 4 + 4 + 8 bytes.
  public static let encodedByteCount = 16

  /// The client rated.
  public var client: ClientID
  /// The FL round after which the reputation holds.
  public var round: Int
  /// The reputation score; its scale is the scheme's (LL-BCFL uses [0, 1]).
  public var reputation: Double

  /// `client`'s reputation after `round`.
  /// - Precondition: the client index and the round fit in a `UInt32`; `reputation` is finite.
  public init(client: ClientID, round: Int, reputation: Double) {
    PayloadField.checkIndex(client.index, "ReputationUpdate.client")
    PayloadField.checkIndex(round, "ReputationUpdate.round")
    precondition(reputation.isFinite, "ReputationUpdate: reputation \(reputation) is not finite")
    self.client = client
    self.round = round
    self.reputation = reputation
  }

  func encode(into writer: inout ByteWriter) {
    writer.append(UInt32(client.index))
    writer.append(UInt32(round))
    writer.append(reputation.bitPattern)
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let client = ClientID(Int(try reader.readUInt32("ReputationUpdate.client")))
    let round = Int(try reader.readUInt32("ReputationUpdate.round"))
    let offset = reader.offset
    let reputation = Double(bitPattern: try reader.readUInt64("ReputationUpdate.reputation"))
    // A NaN would break equality (NaN ≠ NaN), so a decoded transaction would differ from
    // itself; no honest encoder writes one.
    guard reputation.isFinite else {
      throw .valueOutOfRange(
        field: "ReputationUpdate.reputation", offset: offset, value: "\(reputation)")
    }
    self.init(client: client, round: round, reputation: reputation)
  }
}
