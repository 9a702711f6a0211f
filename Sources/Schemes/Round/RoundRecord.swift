import SimCore

/// What happened in one FL round: the row `rounds.csv` writes.
///
/// Phases overlap across clients, so each phase time is the longest any reporting client spent in
/// it: `download` from round start to the model's arrival, `compute` from arrival to the end of
/// local training (queueing included), `upload` from the end of training to the update's arrival
/// at the aggregator (a blockchain scheme: at the client's validator, signing and any off-chain
/// upload included). Blockchain schemes add `inclusion` (arrival at the validator until a
/// validator first accepts a block including the update) and `confirmation` (inclusion until a
/// validator first confirms that block); vanilla FedAvg leaves both zero. `aggregation` runs from the moment the aggregator starts (every
/// update in, or the deadline passed; on a chain: the aggregating block confirmed at the first
/// validator to execute it) to the new global model being available.
public struct RoundRecord: Sendable, Hashable {
  public var scheme: String
  public var round: Int
  public var start: SimInstant
  public var end: SimInstant
  public var selected: Int
  public var reported: Int
  public var download: SimDuration
  public var compute: SimDuration
  public var upload: SimDuration
  public var inclusion: SimDuration
  public var confirmation: SimDuration
  public var aggregation: SimDuration
  /// Model bytes sent to clients this round.
  public var bytesDown: ByteCount
  /// Update bytes that reached the aggregator this round.
  public var bytesUp: ByteCount
  /// Test accuracy and loss after aggregation; nil without a real model.
  public var accuracy: Double?
  public var loss: Double?
  /// The largest cumulative privacy loss ε of any client after the round (`PrivacyLedger`); nil
  /// without a privacy stage that states one.
  public var epsilon: Double?

  public init(scheme: String, round: Int, start: SimInstant, selected: Int) {
    self.scheme = scheme
    self.round = round
    self.start = start
    self.end = start
    self.selected = selected
    self.reported = 0
    self.download = .zero
    self.compute = .zero
    self.upload = .zero
    self.inclusion = .zero
    self.confirmation = .zero
    self.aggregation = .zero
    self.bytesDown = .zero
    self.bytesUp = .zero
  }
}
