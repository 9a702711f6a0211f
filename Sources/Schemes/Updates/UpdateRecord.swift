import SimCore

/// What became of one sampled client's update in one round: the row `updates.csv` writes. A
/// scheme keeps one for every client it sampled in every round it opened, so no update vanishes
/// without a record.
public struct UpdateRecord: Sendable, Hashable {
  /// The round the client was sampled in.
  public var round: Int
  /// The client, in `ClientID` order.
  public var client: ClientID
  /// The platform node hosting the client.
  public var node: NodeID
  /// The update's wire size (a `ParameterWireFormat` vector; a transaction's envelope and an
  /// off-chain reference are not counted).
  public var bytes: ByteCount
  /// When the client sent it (on a chain: its off-chain payload upload or its transaction left
  /// the client), or nil if it never did.
  public var sent: SimInstant?
  /// When it reached the aggregator (on a chain: its transaction reached the client's gateway
  /// validator), or nil if it never did.
  public var arrived: SimInstant?
  /// What became of it.
  public var fate: UpdateFate
  /// When the fate was decided.
  public var decided: SimInstant
  /// The validator's score of the update; nil until updates are validated.
  public var score: Double?

  public init(
    round: Int, client: ClientID, node: NodeID, bytes: ByteCount, sent: SimInstant?,
    arrived: SimInstant?, fate: UpdateFate, decided: SimInstant, score: Double? = nil
  ) {
    self.round = round
    self.client = client
    self.node = node
    self.bytes = bytes
    self.sent = sent
    self.arrived = arrived
    self.fate = fate
    self.decided = decided
    self.score = score
  }
}
