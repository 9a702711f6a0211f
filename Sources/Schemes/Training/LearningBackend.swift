import Dispatch
import Learning
import SimCore

/// Real federated training: clients train a real model on their own partition of a real data set
/// with `LocalTrainer`, the aggregator combines the updates with the scheme's `AggregationRule`,
/// and the global model is evaluated on a held-out test set after every round.
///
/// A round's client trainings are independent pure functions of the global model, the client's
/// data and the client's own shuffling stream, so they run on up to `threads` host threads; their
/// results are stored by position and enter the simulation in the order of the selected clients.
/// The output is therefore byte-identical for any thread count.
public final class LearningBackend: TrainingBackend {
  /// The global model.
  public private(set) var global: Model
  /// Each client's training data.
  public let clientData: [Dataset]
  /// The held-out data evaluation uses.
  public let testData: Dataset
  public let trainer: LocalTrainer
  /// Host threads used for one round's client trainings.
  public let threads: Int
  /// Rounds whose aggregation rule refused the updates it got (e.g. Krum with too few after a
  /// deadline); the global model was left unchanged in those rounds.
  public private(set) var refusedAggregations: [String] = []

  private var shufflers: [Xoshiro256StarStar]
  /// `lastPosition[c]`: client c's position in the last `train` call, or -1.
  private var lastPosition: [Int]
  private var lastOutcomes: [TrainingOutcome] = []
  private var flippedDataCache: [Int: Dataset] = [:]
  /// Where trainings and evaluations are reused from, if anywhere (see `TrainingMemo`).
  private let memo: TrainingMemo?
  /// Everything that decides the clients' data and test set, for the memo's keys.
  private let dataIdentity: [UInt8]
  /// The digest of the global model's bytes, computed once per model.
  private var globalDigestCache: [UInt8]?
  /// The memo key of each position's update from the last `train` call; nil when there is no
  /// memo, for a free rider, and once `transformUpdate` changed the update.
  private var lastKeys: [TrainingMemo.Key?] = []

  /// A backend whose clients hold `clientData`, starting from `model`; client `c` shuffles with
  /// the stream `dataShuffling` at index `c`.
  /// - Precondition: `threads ≥ 1`, and every data set fits the model (the scenario decoder
  ///   checks this with `Model.validate` and reports a misfit as an input error).
  public init(
    model: Model, clientData: [Dataset], testData: Dataset, trainer: LocalTrainer,
    streams: RandomStreams, threads: Int, memo: TrainingMemo? = nil, dataIdentity: [UInt8] = []
  ) {
    precondition(threads >= 1, "LearningBackend: threads must be at least 1, got \(threads)")
    precondition(
      memo == nil || !dataIdentity.isEmpty, "LearningBackend: a memo needs a data identity")
    self.memo = memo
    self.dataIdentity = dataIdentity
    self.global = model
    self.clientData = clientData
    self.testData = testData
    self.trainer = trainer
    self.threads = threads
    self.shufflers = clientData.indices.map { streams.make(.dataShuffling, index: $0) }
    self.lastPosition = Array(repeating: -1, count: clientData.count)
  }

  public var modelWireSize: ByteCount { global.wireSize }
  public var updateWireSize: ByteCount { global.wireSize }
  public var sampleCounts: [Int] { clientData.map(\.count) }

  public func train(clients: [ClientID], round: Int, conducts: [ClientConduct]) -> [Work] {
    precondition(conducts.count == clients.count, "LearningBackend: one conduct per client")
    let model = global
    let trainer = self.trainer
    // A label flipper trains on its own data with every label l replaced by (classes − 1 − l).
    let data = clients.indices.map { position -> Dataset? in
      let client = clients[position].index
      switch conducts[position] {
      case .attack(let attack) where attack.skipsTraining: return nil
      case .attack(let attack) where attack.trainsOnFlippedLabels:
        return flippedData(of: client)
      default: return clientData[client]
      }
    }
    var generators = clients.map { shufflers[$0.index] }
    var outcomes = [TrainingOutcome?](repeating: nil, count: clients.count)
    // Trainings the memo already holds are taken from it, with their shuffler's state after.
    var keys: [TrainingMemo.Key?] = Array(repeating: nil, count: clients.count)
    lastKeys = Array(repeating: nil, count: clients.count)
    if let memo {
      let digest = globalDigest()
      for position in clients.indices where data[position] != nil {
        let key = trainingKey(
          client: clients[position].index, round: round, globalDigest: digest,
          flipped: conducts[position].trainsOnFlippedLabels, shuffler: generators[position])
        lastKeys[position] = key
        if let found = memo.training(key) {
          outcomes[position] = found.outcome
          generators[position] = Xoshiro256StarStar(state: found.shufflerAfter)
        } else {
          keys[position] = key
        }
      }
    }
    let pending = clients.indices.filter { outcomes[$0] == nil }
    let workers = min(threads, pending.count)
    generators.withUnsafeMutableBufferPointer { generatorBuffer in
      outcomes.withUnsafeMutableBufferPointer { outcomeBuffer in
        // Each worker owns the positions congruent to its index: no two touch the same slot.
        nonisolated(unsafe) let generatorSlots = generatorBuffer
        nonisolated(unsafe) let outcomeSlots = outcomeBuffer
        let body: @Sendable (Int) -> Void = { worker in
          var next = worker
          while next < pending.count {
            let position = pending[next]
            next += workers
            guard let dataset = data[position] else {
              // A free rider returns the global model without training.
              outcomeSlots[position] = TrainingOutcome(
                parameters: model.parameters, work: .zero, meanLoss: 0, steps: 0,
                samplesProcessed: 0)
              continue
            }
            do {
              outcomeSlots[position] = try trainer.train(
                model, on: dataset, using: &generatorSlots[position])
            } catch {
              preconditionFailure(
                "LearningBackend: client \(clients[position].index) cannot train: \(error)")
            }
          }
        }
        if workers == 1 {
          body(0)
        } else if workers > 1 {
          DispatchQueue.concurrentPerform(iterations: workers, execute: body)
        }
      }
    }
    for (position, client) in clients.enumerated() {
      shufflers[client.index] = generators[position]
    }
    if let memo {
      for position in clients.indices {
        guard let key = keys[position], let outcome = outcomes[position] else { continue }
        memo.remember(
          TrainingMemo.Training(outcome: outcome, shufflerAfter: generators[position].state),
          under: key)
      }
    }
    for index in lastPosition.indices where lastPosition[index] >= 0 { lastPosition[index] = -1 }
    for (position, client) in clients.enumerated() { lastPosition[client.index] = position }
    lastOutcomes = outcomes.map { $0! }
    return lastOutcomes.map(\.work)
  }

  /// Client `client`'s data with every label l replaced by (classes − 1 − l), made once.
  private func flippedData(of client: Int) -> Dataset {
    if let flipped = flippedDataCache[client] { return flipped }
    var flipped = clientData[client]
    let top = Int32(flipped.classCount - 1)
    flipped.labels = flipped.labels.map { top - $0 }
    flipped.name += "-flipped"
    flippedDataCache[client] = flipped
    return flipped
  }

  public func transformUpdate(of client: ClientID, _ transform: (inout [Float]) -> Work) -> Work {
    let position = lastPosition[client.index]
    guard position >= 0 else {
      preconditionFailure("LearningBackend: \(client) did not train this round")
    }
    let base = global.parameters
    // The update is no longer what its training key names: no aggregate of it is reused.
    lastKeys[position] = nil
    var delta = zip(lastOutcomes[position].parameters, base).map { $0 - $1 }
    let work = transform(&delta)
    lastOutcomes[position].parameters = zip(base, delta).map { $0 + $1 }
    // The subtraction and the addition back, one flop per parameter each.
    return work + .flops(2 * Int64(base.count))
  }

  public func aggregate(clients: [ClientID], using rule: any AggregationRule) -> Work {
    let updates = clients.map { client -> ClientUpdate in
      let position = lastPosition[client.index]
      guard position >= 0 else {
        preconditionFailure("LearningBackend: \(client) did not train this round")
      }
      return ClientUpdate(
        parameters: lastOutcomes[position].parameters, sampleCount: clientData[client.index].count)
    }
    let key = aggregateKey(clients: clients, rule: rule)
    if let key, let found = memo?.aggregate(key) {
      global.parameters = found.parameters
      globalDigestCache = nil
      return found.work
    }
    do {
      let result = try rule.aggregate(updates)
      global.parameters = result.parameters
      globalDigestCache = nil
      if let key {
        memo?.remember(
          TrainingMemo.Aggregate(parameters: result.parameters, work: result.work), under: key)
      }
      return result.work
    } catch {
      refusedAggregations.append("\(error)")
      return .zero
    }
  }

  public func globalPayload() -> [UInt8] { global.encode() }

  public func updatePayload(of client: ClientID) -> [UInt8] {
    let position = lastPosition[client.index]
    guard position >= 0 else {
      preconditionFailure("LearningBackend: \(client) did not train this round")
    }
    return ParameterWireFormat.encode(lastOutcomes[position].parameters)
  }

  /// - Precondition: `payload` decodes to a vector of the model's size (a contract deployed with
  ///   this backend's model only produces such vectors).
  public func installGlobal(_ payload: [UInt8]) {
    do {
      let parameters = try ParameterWireFormat.decode(payload)
      precondition(
        parameters.count == global.parameters.count,
        "LearningBackend: installed model has \(parameters.count) parameters, not \(global.parameters.count)"
      )
      global.parameters = parameters
      globalDigestCache = nil
    } catch {
      preconditionFailure("LearningBackend: installed model does not decode: \(error)")
    }
  }

  public func evaluate() -> (accuracy: Double, loss: Double)? {
    let key = memo.map { _ in
      TrainingMemo.key([dataIdentity, Array("evaluate".utf8), globalDigest()])
    }
    if let key, let found = memo?.evaluation(key) { return found }
    do {
      let evaluation = try global.evaluate(on: testData)
      let result = (accuracy: evaluation.accuracy, loss: evaluation.meanLoss)
      if let key { memo?.remember(evaluation: result, under: key) }
      return result
    } catch {
      preconditionFailure("LearningBackend: the test set does not fit the model: \(error)")
    }
  }

  // MARK: - Memo keys

  /// The digest of the global model's bytes.
  private func globalDigest() -> [UInt8] {
    if let globalDigestCache { return globalDigestCache }
    let digest = TrainingMemo.digest(of: global.parameters)
    globalDigestCache = digest
    return digest
  }

  /// The aggregate's key: the rule, and each update's training key and sample count in order;
  /// nil without a memo, or when an update has no key (a free rider, a transformed update).
  private func aggregateKey(clients: [ClientID], rule: any AggregationRule) -> TrainingMemo.Key? {
    guard memo != nil else { return nil }
    var parts = [dataIdentity, Array("aggregate".utf8), Array(rule.description.utf8)]
    for client in clients {
      let position = lastPosition[client.index]
      guard position >= 0, let key = lastKeys[position] else { return nil }
      parts.append(key.bytes + TrainingMemo.bytes(of: UInt64(clientData[client.index].count)))
    }
    return TrainingMemo.key(parts)
  }

  /// Everything a client's training depends on besides the model architecture (in the data
  /// identity): its data, the round, the model it starts from, the trainer, the labels it uses
  /// and its shuffler.
  private func trainingKey(
    client: Int, round: Int, globalDigest: [UInt8], flipped: Bool, shuffler: Xoshiro256StarStar
  ) -> TrainingMemo.Key {
    let state = shuffler.state
    let words: [UInt64] = [
      UInt64(client), UInt64(round), UInt64(trainer.epochs), UInt64(trainer.batchSize),
      UInt64(trainer.learningRate.bitPattern), UInt64(trainer.momentum.bitPattern),
      UInt64(trainer.weightDecay.bitPattern), flipped ? 1 : 0, state.0, state.1, state.2, state.3,
    ]
    return TrainingMemo.key(
      [dataIdentity, Array("train".utf8), globalDigest, words.flatMap(TrainingMemo.bytes(of:))])
  }
}

extension ClientConduct {
  /// True for an attack that trains on flipped labels.
  fileprivate var trainsOnFlippedLabels: Bool {
    if case .attack(let attack) = self { return attack.trainsOnFlippedLabels }
    return false
  }
}
