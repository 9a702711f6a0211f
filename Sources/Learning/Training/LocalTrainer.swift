import SimCore

/// A client's local training: `epochs` passes of mini-batch SGD over its data set, as in
/// McMahan et al.'s `ClientUpdate` (AISTATS 2017, Algorithm 1).
///
/// Each epoch draws a fresh order of the samples with the generator (Fisher–Yates,
/// `shuffle(_:)`) and cuts it into batches of `batchSize`; the last batch of an epoch may be
/// smaller. The gradient of each batch is that of its mean loss. Momentum, if any, starts at zero
/// on every call. The result depends only on the model, the data, the settings and the
/// generator's state: same inputs, same bits.
public struct LocalTrainer: Sendable {
  /// Passes over the data set.
  public let epochs: Int
  /// Samples per mini-batch (the last of an epoch may have fewer).
  public let batchSize: Int
  /// SGD's step size.
  public let learningRate: Float
  /// SGD's momentum coefficient (0: none).
  public let momentum: Float
  /// SGD's L2 weight decay (0: none).
  public let weightDecay: Float

  /// A trainer with the given settings.
  /// - Throws: `ModelError.invalidSetting` unless `epochs ≥ 1`, `batchSize ≥ 1`,
  ///   `learningRate > 0`, `0 ≤ momentum < 1` and `weightDecay ≥ 0` (all finite).
  public init(
    epochs: Int, batchSize: Int, learningRate: Float, momentum: Float = 0, weightDecay: Float = 0
  ) throws(ModelError) {
    guard epochs >= 1 else {
      throw .invalidSetting(name: "epochs", value: "\(epochs)", accepted: "an integer ≥ 1")
    }
    guard batchSize >= 1 else {
      throw .invalidSetting(name: "batchSize", value: "\(batchSize)", accepted: "an integer ≥ 1")
    }
    guard learningRate > 0 && learningRate.isFinite else {
      throw .invalidSetting(
        name: "learningRate", value: "\(learningRate)", accepted: "a finite number > 0")
    }
    guard momentum >= 0 && momentum < 1 else {
      throw .invalidSetting(name: "momentum", value: "\(momentum)", accepted: "a number in [0, 1)")
    }
    guard weightDecay >= 0 && weightDecay.isFinite else {
      throw .invalidSetting(
        name: "weightDecay", value: "\(weightDecay)", accepted: "a finite number ≥ 0")
    }
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
  }

  /// Trains a copy of `model` on `dataset` and returns the new parameters, the work done and the
  /// mean training loss (over every sample of every epoch, each measured before its batch's step).
  ///
  /// An empty data set returns the parameters unchanged, zero work and a mean loss of 0.
  /// - Throws: `ModelError` if the data set does not fit the model.
  /// - Complexity: `epochs × dataset.count` forward and backward passes.
  public func train(
    _ model: Model, on dataset: Dataset, using generator: inout some RandomNumberGenerator
  ) throws(ModelError) -> TrainingOutcome {
    try model.validate(dataset)
    var current = model
    var optimiser = SGD(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay)
    let loss = SoftmaxCrossEntropy()
    var work = Work.zero
    var lossSum = 0.0
    var steps = 0
    var order = Array(0..<dataset.count)
    var gradient = [Float](repeating: 0, count: model.parameterCount)
    for _ in 0..<epochs {
      generator.shuffle(&order)
      var start = 0
      while start < order.count {
        let end = min(start + batchSize, order.count)
        let (features, labels) = dataset.makeBatch(
          order[start..<end], sampleShape: model.inputShape)
        let (activations, forwardWork) = current.forward(features)
        let (meanLoss, _, logitsGradient, lossWork) = loss.evaluate(
          logits: activations[activations.count - 1], labels: labels[...])
        let backwardWork = current.backward(
          features, activations: activations, logitsGradient: logitsGradient!, into: &gradient)
        work += forwardWork + lossWork + backwardWork
        work += optimiser.step(&current.parameters, gradient: gradient)
        lossSum += meanLoss * Double(end - start)
        steps += 1
        start = end
      }
    }
    let samples = epochs * dataset.count
    return TrainingOutcome(
      parameters: current.parameters, work: work,
      meanLoss: samples == 0 ? 0 : lossSum / Double(samples),
      steps: steps, samplesProcessed: samples)
  }
}

/// What one call of `LocalTrainer.train` produced.
public struct TrainingOutcome: Sendable, Equatable {
  /// The trained parameters, in the model's layout.
  public var parameters: [Float]
  /// The floating-point work of every forward, loss, backward and update step.
  public var work: Work
  /// The mean training loss over all samples of all epochs.
  public var meanLoss: Double
  /// The number of SGD steps taken (mini-batches).
  public var steps: Int
  /// Samples processed: `epochs × dataset.count`.
  public var samplesProcessed: Int

  public init(parameters: [Float], work: Work, meanLoss: Double, steps: Int, samplesProcessed: Int)
  {
    self.parameters = parameters
    self.work = work
    self.meanLoss = meanLoss
    self.steps = steps
    self.samplesProcessed = samplesProcessed
  }
}
