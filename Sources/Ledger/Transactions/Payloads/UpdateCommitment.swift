import SimCore

/// A client commits to its update for a round before revealing it: a 32-byte hash (or
/// `HashCommitment` digest) of the update.
///
/// Encoding (40 bytes): client index `UInt32`, round `UInt32`, commitment (32 bytes).
public struct UpdateCommitment: Hashable, Sendable {
  /// The encoded size: 4 + 4 + 32 bytes.
  public static let encodedByteCount = 40

  /// The committing client.
  public var client: ClientID
  /// The FL round the update belongs to.
  public var round: Int
  /// The 32-byte commitment.
  public var commitment: Digest256

  /// `client`'s commitment for `round`.
  /// - Precondition: the client index and the round fit in a `UInt32`.
  public init(client: ClientID, round: Int, commitment: Digest256) {
    PayloadField.checkIndex(client.index, "UpdateCommitment.client")
    PayloadField.checkIndex(round, "UpdateCommitment.round")
    self.client = client
    self.round = round
    self.commitment = commitment
  }

  func encode(into writer: inout ByteWriter) {
    writer.append(UInt32(client.index))
    writer.append(UInt32(round))
    writer.append(commitment)
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let client = ClientID(Int(try reader.readUInt32("UpdateCommitment.client")))
    let round = Int(try reader.readUInt32("UpdateCommitment.round"))
    let commitment = try reader.readDigest("UpdateCommitment.commitment")
    self.init(client: client, round: round, commitment: commitment)
  }
}
