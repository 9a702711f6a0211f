import SimCore

/// A client's model update for a round: the update's bytes on chain, or a reference to them in
/// an off-chain store, with the sample count that weights it in FedAvg.
///
/// Encoding (16 + content bytes): client index `UInt32`, round `UInt32`, sample count
/// `UInt64`, then the `PayloadContent`.
public struct ModelUpdate: Hashable, Sendable {
  /// The submitting client.
  public var client: ClientID
  /// The FL round the update belongs to.
  public var round: Int
  /// Training samples behind the update: its weight in the average.
  public var sampleCount: Int
  /// The serialised update, or where to fetch it.
  public var content: PayloadContent

  /// `client`'s update for `round`.
  /// - Precondition: the client index and the round fit in a `UInt32`; `sampleCount` is not
  ///   negative.
  public init(client: ClientID, round: Int, sampleCount: Int, content: PayloadContent) {
    PayloadField.checkIndex(client.index, "ModelUpdate.client")
    PayloadField.checkIndex(round, "ModelUpdate.round")
    PayloadField.checkCount(sampleCount, "ModelUpdate.sampleCount")
    self.client = client
    self.round = round
    self.sampleCount = sampleCount
    self.content = content
  }

  /// The encoded size: 16 bytes of fields plus the content's encoding.
  public var encodedByteCount: Int { 16 + content.encodedByteCount }

  func encode(into writer: inout ByteWriter) {
    writer.append(UInt32(client.index))
    writer.append(UInt32(round))
    writer.append(UInt64(sampleCount))
    content.encode(into: &writer)
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let client = ClientID(Int(try reader.readUInt32("ModelUpdate.client")))
    let round = Int(try reader.readUInt32("ModelUpdate.round"))
    let sampleCount = try reader.readCount("ModelUpdate.sampleCount")
    let content = try PayloadContent(decoding: &reader, field: "ModelUpdate.content")
    self.init(client: client, round: round, sampleCount: sampleCount, content: content)
  }
}
