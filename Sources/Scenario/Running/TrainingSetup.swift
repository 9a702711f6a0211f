import Foundation
import Learning
import Platform
import Schemes
import SimCore

/// Builds the `TrainingBackend` a FedAvg workload names: loads and splits the data set, deals it
/// to clients, initialises the model. Everything that can fail on the user's input (a missing
/// MNIST file, a model that does not fit the data, more clients than samples) fails here, before
/// the run starts, as a `ScenarioError` naming the scenario field.
enum TrainingSetup {
  /// A backend and what the stages need from the data: the validators' held-out sets and the
  /// clients' self-assessments.
  struct Prepared {
    var backend: any TrainingBackend
    /// The held-out validation data (learning training with a validation that needs data).
    var validationData: Dataset?
    /// The model architecture (learning training).
    var model: ModelSpec?
    /// Each client's self-assessment from its own labels (`SelfAssessment`); uniform for
    /// placeholder training.
    var selfAssessments: [Double]
  }

  /// Loads and deals the data the workload names. When the scheme's validation needs data, its
  /// fraction of the training set is held out first (the same samples for a scheme and its
  /// twin, which hold out the same way), and the rest is dealt to clients.
  /// - Parameter memo: where client trainings and evaluations are reused from (see
  ///   `TrainingMemo`); `toolIdentity` (version and source commit) goes into its keys, so that a
  ///   store shared by other builds never serves their results.
  static func prepare(
    _ training: ScenarioSpec.TrainingSpec, fedavg: ScenarioSpec.FedAvgSpec, streams: RandomStreams,
    memo: TrainingMemo? = nil, toolIdentity: String = ""
  ) throws(ScenarioError) -> Prepared {
    switch training {
    case .placeholder(let parameters, let samples):
      return Prepared(
        backend: PlaceholderTraining(
          parameterCount: parameters,
          samplesPerClient: Array(repeating: samples, count: fedavg.clients.count),
          epochs: fedavg.epochs),
        validationData: nil, model: nil,
        selfAssessments: SelfAssessment.uniform(count: fedavg.clients.count))
    case .learning(let learning):
      return try prepareLearning(
        learning, fedavg: fedavg, streams: streams, memo: memo, toolIdentity: toolIdentity)
    }
  }

  static func prepareLearning(
    _ learning: ScenarioSpec.LearningSpec, fedavg: ScenarioSpec.FedAvgSpec, streams: RandomStreams,
    memo: TrainingMemo?, toolIdentity: String
  ) throws(ScenarioError) -> Prepared {
    let location = learning.datasetLocation
    func failure(_ field: String, _ value: String, _ error: any Error) -> ScenarioError {
      let path = location.path.replacingSuffix("dataset", with: field)
      return .invalidValue(
        file: location.file, line: location.line, path: path, value: value, accepted: "\(error)")
    }
    var sets: (train: Dataset, test: Dataset)
    do {
      var key = "\(learning.dataset)\ntest=\(learning.testFraction)\n"
      key += "seed=\(streams.seed)\nrun=\(streams.run)\n"
      if case .mnist(let directory) = learning.dataset { key += fileFingerprint(directory) }
      sets = try LoadedDataSets.sets(key: key) { () throws(DatasetError) in
        var splitter = streams.make(.dataPartitioning, index: 0)
        return try learning.dataset.load(testFraction: learning.testFraction, using: &splitter)
      }
    } catch {
      throw failure("dataset", "\"\(learning.dataset)\"", error)
    }
    var validationData: Dataset?
    if let fraction = fedavg.stages.validation.validationFraction {
      let held = try holdOut(fraction, of: &sets.train, fedavg: fedavg, streams: streams)
      validationData = held
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
    let backend = LearningBackend(
      model: model, clientData: clientData, testData: sets.test, trainer: trainer,
      streams: streams, threads: learning.threads, memo: memo,
      dataIdentity: memo == nil
        ? [] : dataIdentity(learning, fedavg: fedavg, streams: streams, tool: toolIdentity))
    return Prepared(
      backend: backend, validationData: validationData, model: learning.model,
      selfAssessments: SelfAssessment.scores(
        labels: clientData.map(\.labels), classCount: sets.train.classCount))
  }

  /// The digest of everything that decides the clients' data, the test set and the model
  /// architecture: the data set (and, for files, their names, sizes and modification times), the
  /// split, the hold-out, the partition, the client count, the model, the seed and run, and the
  /// tool's version and commit. Two runs with the same identity deal the same data.
  static func dataIdentity(
    _ learning: ScenarioSpec.LearningSpec, fedavg: ScenarioSpec.FedAvgSpec, streams: RandomStreams,
    tool: String
  ) -> [UInt8] {
    var text = "tool=\(tool)\ndataset=\(learning.dataset)\n"
    if case .mnist(let directory) = learning.dataset {
      text += fileFingerprint(directory)
    }
    text += "test=\(learning.testFraction)\n"
    text += "validation=\(fedavg.stages.validation.validationFraction.map { "\($0)" } ?? "none")\n"
    text += "validators=\(fedavg.chain?.validators.count ?? 1)\n"
    text += "partition=\(learning.partition)\nclients=\(fedavg.clients.count)\n"
    text += "model=\(learning.model)\nseed=\(streams.seed)\nrun=\(streams.run)\n"
    return TrainingMemo.key([Array(text.utf8)]).bytes
  }

  /// The names, sizes and modification times of a data folder's files (a replaced file changes
  /// its time), as lines.
  private static func fileFingerprint(_ directory: String) -> String {
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return "" }
    var lines = ""
    for name in names.sorted() {
      guard let attributes = try? manager.attributesOfItem(atPath: directory + "/" + name) else {
        continue
      }
      let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
      let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      lines += "file=\(name) \(size) \(time.bitPattern)\n"
    }
    return lines
  }

  /// Takes `fraction` of `train` (samples picked with the `dataPartitioning` stream, index 2) out
  /// as validation data; `train` keeps the rest, in order.
  static func holdOut(
    _ fraction: Double, of train: inout Dataset, fedavg: ScenarioSpec.FedAvgSpec,
    streams: RandomStreams
  ) throws(ScenarioError) -> Dataset {
    let count = Int((Double(train.count) * fraction).rounded(.down))
    let validators = fedavg.chain?.validators.count ?? 1
    let location = fedavg.stagesLocation
    guard count >= validators, train.count - count >= fedavg.clients.count else {
      throw .invalidValue(
        file: location.file, line: location.line, path: location.path + ".validation",
        value: "\"\(fedavg.stages.validation)\"",
        accepted:
          "a validation fraction that gives each of the \(validators) validator(s) at least one "
          + "of the \(train.count) training samples and leaves one per client (it holds out "
          + "\(count))")
    }
    var picker = streams.make(.dataPartitioning, index: 2)
    let held = picker.sampleIndices(count, from: train.count)
    var isHeld = [Bool](repeating: false, count: train.count)
    for index in held { isHeld[index] = true }
    let kept = train.count - count
    let rest = (0..<train.count).filter { !isHeld[$0] }
    precondition(rest.count == kept)
    let validation = train.subset(held, name: "\(train.name)-validation")
    train = train.subset(rest, name: train.name)
    return validation
  }
}

extension String {
  fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
  }
}
