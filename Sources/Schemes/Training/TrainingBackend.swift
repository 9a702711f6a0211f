import Learning
import SimCore

/// What a federated-learning scheme needs from the learning side: train selected clients from the
/// current global model, aggregate their updates, evaluate the result. Each call does its
/// computation for real and returns the `Work` it did, which the scheme charges to the node that
/// would run it.
///
/// A backend is owned by one run and called from its single thread; an implementation may spread
/// one batch of independent client trainings over host threads, as long as the results enter the
/// run in the order of `clients`.
public protocol TrainingBackend: AnyObject {
  /// The exact encoded size of the global model as it travels to a client.
  var modelWireSize: ByteCount { get }
  /// The exact encoded size of one client's update as it travels to the aggregator.
  var updateWireSize: ByteCount { get }
  /// The samples each client holds, by client index: FedAvg weights updates by these.
  var sampleCounts: [Int] { get }

  /// Trains each of `clients` from the current global model for `round`, as its conduct says
  /// (`conducts[i]` for `clients[i]`: a label flipper trains on flipped labels, a free rider not
  /// at all), and keeps the updates until `aggregate` is called; returns each client's work, in
  /// the order of `clients`.
  func train(clients: [ClientID], round: Int, conducts: [ClientConduct]) -> [Work]

  /// Transforms `client`'s update from the last `train` call: `transform` gets its delta (the
  /// update minus the global model) and changes it in place; the update becomes the global model
  /// plus the new delta. Returns the transform's work plus the delta's arithmetic.
  func transformUpdate(of client: ClientID, _ transform: (inout [Float]) -> Work) -> Work

  /// Replaces the global model by the aggregate of the updates of `clients` (a subset of the last
  /// `train` call, in ascending order) under `rule`, and returns the aggregation's work.
  func aggregate(clients: [ClientID], using rule: any AggregationRule) -> Work

  /// The global model's test accuracy and mean loss, or nil when the backend has no real model.
  /// Evaluation is an observer's measurement: it is not charged to any node.
  func evaluate() -> (accuracy: Double, loss: Double)?

  /// The global model's bytes (`ParameterWireFormat`): what a contract is deployed with.
  func globalPayload() -> [UInt8]
  /// The bytes (`ParameterWireFormat`) of `client`'s update from the last `train` call: what it
  /// puts in a transaction or an off-chain store.
  func updatePayload(of client: ClientID) -> [UInt8]
  /// Replaces the global model by `payload`, a model that was aggregated elsewhere (by a
  /// contract); the next `train` starts from it.
  func installGlobal(_ payload: [UInt8])
}
