import Learning
import Platform
import Schemes
import SimCore

/// Builds the `TrainingBackend` a FedAvg workload names: loads and splits the data set, deals it
/// to clients, initialises the model. Everything that can fail on the user's input (a missing
/// MNIST file, a model that does not fit the data, more clients than samples) fails here, before
/// the run starts, as a `ScenarioError` naming the scenario field.
enum TrainingSetup {
  static func makeBackend(
    _ training: ScenarioSpec.TrainingSpec, fedavg: ScenarioSpec.FedAvgSpec, streams: RandomStreams
  ) throws(ScenarioError) -> any TrainingBackend {
    switch training {
    case .placeholder(let parameters, let samples):
      return PlaceholderTraining(
        parameterCount: parameters,
        samplesPerClient: Array(repeating: samples, count: fedavg.clients.count),
        epochs: fedavg.epochs)
    case .learning(let learning):
      return try makeLearningBackend(learning, fedavg: fedavg, streams: streams)
    }
  }

  /// The aggregation rule the training names: FedAvg for placeholder training, else the rule of
  /// `training.aggregation`.
  static func makeAggregation(_ training: ScenarioSpec.TrainingSpec) throws(ScenarioError)
    -> any AggregationRule
  {
    guard case .learning(let learning) = training else { return FederatedAveraging() }
    do {
      return try learning.aggregation.makeRule()
    } catch {
      let location = learning.datasetLocation
      throw .invalidValue(
        file: location.file, line: location.line,
        path: location.path.replacingSuffix("dataset", with: "aggregation"),
        value: "\"\(learning.aggregation)\"", accepted: "\(error)")
    }
  }

  static func makeLearningBackend(
    _ learning: ScenarioSpec.LearningSpec, fedavg: ScenarioSpec.FedAvgSpec, streams: RandomStreams
  ) throws(ScenarioError) -> LearningBackend {
    let location = learning.datasetLocation
    func failure(_ field: String, _ value: String, _ error: any Error) -> ScenarioError {
      let path = location.path.replacingSuffix("dataset", with: field)
      return .invalidValue(
        file: location.file, line: location.line, path: path, value: value, accepted: "\(error)")
    }
    var splitter = streams.make(.dataPartitioning, index: 0)
    let sets: (train: Dataset, test: Dataset)
    do {
      sets = try learning.dataset.load(testFraction: learning.testFraction, using: &splitter)
    } catch {
      throw failure("dataset", "\"\(learning.dataset)\"", error)
    }
    var initialiser = streams.make(.modelInitialisation)
    let model = Model(spec: learning.model, using: &initialiser)
    do {
      try model.validate(sets.train)
    } catch {
      throw failure("model", "\"\(learning.model)\"", error)
    }
    var dealer = streams.make(.dataPartitioning, index: 1)
    let shards: [[Int]]
    do {
      shards = try learning.partition.partition(
        labels: sets.train.labels, classCount: sets.train.classCount,
        clientCount: fedavg.clients.count,
        using: &dealer)
    } catch {
      throw failure("partition", "\"\(learning.partition)\"", error)
    }
    let trainer: LocalTrainer
    do {
      trainer = try LocalTrainer(
        epochs: fedavg.epochs, batchSize: fedavg.batchSize,
        learningRate: Float(fedavg.learningRate),
        momentum: learning.momentum, weightDecay: learning.weightDecay)
    } catch {
      throw failure("momentum", "\(learning.momentum)", error)
    }
    let clientData = shards.enumerated().map { client, indices in
      sets.train.subset(indices, name: "\(sets.train.name)-client\(client)")
    }
    return LearningBackend(
      model: model, clientData: clientData, testData: sets.test, trainer: trainer,
      streams: streams, threads: learning.threads)
  }
}

extension String {
  fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
  }
}
