import SimCore

/// How well a model does on a data set.
public struct Evaluation: Sendable, Equatable {
  /// The fraction of samples whose largest logit is at their label (ties go to the lowest class).
  public var accuracy: Double
  /// The mean softmax cross-entropy.
  public var meanLoss: Double
  /// Samples evaluated.
  public var sampleCount: Int
  /// The floating-point work of the forward passes and the loss.
  public var work: Work
}

extension Model {
  /// Evaluates the model on every sample of `dataset`, in batches of `batchSize` (which bounds
  /// memory and does not change the result). An empty data set gives accuracy 0 and loss 0.
  /// - Throws: `ModelError` if the data set does not fit the model.
  /// - Complexity: `dataset.count` forward passes.
  public func evaluate(on dataset: Dataset, batchSize: Int = 256) throws(ModelError) -> Evaluation {
    try validate(dataset)
    precondition(batchSize > 0, "evaluate: batch size \(batchSize) must be positive")
    let loss = SoftmaxCrossEntropy()
    var work = Work.zero
    var lossSum = 0.0
    var correct = 0
    let all = Array(0..<dataset.count)
    var start = 0
    while start < all.count {
      let end = min(start + batchSize, all.count)
      let (features, labels) = dataset.makeBatch(all[start..<end], sampleShape: inputShape)
      let (activations, forwardWork) = forward(features)
      let logits = activations[activations.count - 1]
      let (_, losses, _, lossWork) = loss.evaluate(
        logits: logits, labels: labels[...], computesGradient: false)
      work += forwardWork + lossWork
      for value in losses { lossSum += value }
      logits.withUnsafeBufferPointer { z in
        for (row, label) in labels.enumerated() {
          let rowStart = row * outputCount
          var best = 0
          for j in 1..<outputCount where z[rowStart + j] > z[rowStart + best] { best = j }
          if best == Int(label) { correct += 1 }
        }
      }
      // Arg-max: outputCount − 1 comparisons per sample.
      work += .flops(Int64((end - start) * (outputCount - 1)))
      start = end
    }
    let count = dataset.count
    return Evaluation(
      accuracy: count == 0 ? 0 : Double(correct) / Double(count),
      meanLoss: count == 0 ? 0 : lossSum / Double(count), sampleCount: count, work: work)
  }
}
