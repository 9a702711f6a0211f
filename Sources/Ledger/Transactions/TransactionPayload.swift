import SimCore

/// What a transaction does: one of the FL operations the ledger records.
///
/// Each case's encoding is documented on its payload type; the transaction envelope stores the
/// `kind` tag and a length prefix in front of it (see `Transaction`).
public enum TransactionPayload: Hashable, Sendable {
  /// A client joins the federation.
  case clientRegistration(ClientRegistration)
  /// A client commits to its round update (a 32-byte hash).
  case updateCommitment(UpdateCommitment)
  /// A client submits its round update, on chain or as an off-chain reference.
  case modelUpdate(ModelUpdate)
  /// A round's aggregate: the global model's hash and the model or its reference.
  case aggregateResult(AggregateResult)
  /// A client's reputation after a round.
  case reputationUpdate(ReputationUpdate)

  /// The payload kinds and their one-byte tags in the encoding.
  public enum Kind: UInt8, Hashable, Sendable, CaseIterable {
    /// Tag 1: `ClientRegistration`.
    case clientRegistration = 1
    /// Tag 2: `UpdateCommitment`.
    case updateCommitment = 2
    /// Tag 3: `ModelUpdate`.
    case modelUpdate = 3
    /// Tag 4: `AggregateResult`.
    case aggregateResult = 4
    /// Tag 5: `ReputationUpdate`.
    case reputationUpdate = 5
  }

  /// This payload's kind.
  public var kind: Kind {
    switch self {
    case .clientRegistration: .clientRegistration
    case .updateCommitment: .updateCommitment
    case .modelUpdate: .modelUpdate
    case .aggregateResult: .aggregateResult
    case .reputationUpdate: .reputationUpdate
    }
  }

  /// The size of the payload's encoding, without the envelope's tag and length prefix.
  public var encodedByteCount: Int {
    switch self {
    case .clientRegistration: ClientRegistration.encodedByteCount
    case .updateCommitment: UpdateCommitment.encodedByteCount
    case .modelUpdate(let update): update.encodedByteCount
    case .aggregateResult(let result): result.encodedByteCount
    case .reputationUpdate: ReputationUpdate.encodedByteCount
    }
  }

  /// The bytes of content the payload references off chain (zero when everything is on chain):
  /// what a reader must fetch from an `OffChainStore`.
  public var offChainByteCount: ByteCount {
    switch self {
    case .modelUpdate(let update):
      if case .offChain(let reference) = update.content { return reference.byteCount }
    case .aggregateResult(let result):
      if case .offChain(let reference) = result.model { return reference.byteCount }
    case .clientRegistration, .updateCommitment, .reputationUpdate: break
    }
    return .zero
  }

  func encode(into writer: inout ByteWriter) {
    switch self {
    case .clientRegistration(let payload): payload.encode(into: &writer)
    case .updateCommitment(let payload): payload.encode(into: &writer)
    case .modelUpdate(let payload): payload.encode(into: &writer)
    case .aggregateResult(let payload): payload.encode(into: &writer)
    case .reputationUpdate(let payload): payload.encode(into: &writer)
    }
  }

  init(decoding reader: inout ByteReader, kind: Kind) throws(LedgerError) {
    switch kind {
    case .clientRegistration: self = .clientRegistration(try ClientRegistration(decoding: &reader))
    case .updateCommitment: self = .updateCommitment(try UpdateCommitment(decoding: &reader))
    case .modelUpdate: self = .modelUpdate(try ModelUpdate(decoding: &reader))
    case .aggregateResult: self = .aggregateResult(try AggregateResult(decoding: &reader))
    case .reputationUpdate: self = .reputationUpdate(try ReputationUpdate(decoding: &reader))
    }
  }
}
