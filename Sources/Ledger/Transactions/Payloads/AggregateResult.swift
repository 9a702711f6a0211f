import SimCore

/// The outcome of a round's aggregation: the new global model's hash and the model itself, on
/// chain or as an off-chain reference, with the number of updates averaged.
///
/// Encoding (40 + content bytes): round `UInt32`, contributor count `UInt32`, model hash
/// (32 bytes), then the `PayloadContent`.
public struct AggregateResult: Hashable, Sendable {
  /// The FL round aggregated.
  public var round: Int
  /// Updates that went into the average.
  public var contributorCount: Int
  /// SHA-256 of the serialised global model.
  public var modelHash: Digest256
  /// The serialised model, or where to fetch it.
  public var model: PayloadContent

  /// The result of `round`.
  /// - Precondition: the round and the contributor count fit in a `UInt32`.
  public init(round: Int, contributorCount: Int, modelHash: Digest256, model: PayloadContent) {
    PayloadField.checkIndex(round, "AggregateResult.round")
    PayloadField.checkIndex(contributorCount, "AggregateResult.contributorCount")
    self.round = round
    self.contributorCount = contributorCount
    self.modelHash = modelHash
    self.model = model
  }

  /// The encoded size: 40 bytes of fields plus the content's encoding.
  public var encodedByteCount: Int { 40 + model.encodedByteCount }

  func encode(into writer: inout ByteWriter) {
    writer.append(UInt32(round))
    writer.append(UInt32(contributorCount))
    writer.append(modelHash)
    model.encode(into: &writer)
  }

  init(decoding reader: inout ByteReader) throws(LedgerError) {
    let round = Int(try reader.readUInt32("AggregateResult.round"))
    let contributors = Int(try reader.readUInt32("AggregateResult.contributorCount"))
    let modelHash = try reader.readDigest("AggregateResult.modelHash")
    let model = try PayloadContent(decoding: &reader, field: "AggregateResult.model")
    self.init(round: round, contributorCount: contributors, modelHash: modelHash, model: model)
  }
}
