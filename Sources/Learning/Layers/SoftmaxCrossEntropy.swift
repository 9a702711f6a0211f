import SimCore

/// Softmax followed by the cross-entropy with integer labels, fused for numerical stability:
/// for logits `z` and label `y`, `loss = log Σⱼ exp(zⱼ − m) − (z_y − m)` with `m = maxⱼ zⱼ`, so
/// no exponential overflows; and `∂loss/∂zⱼ = softmax(z)ⱼ − [j = y]`.
///
/// The per-sample arithmetic runs in `Double` with `Elementary.exp`/`log`, so it is reproducible
/// on any host; the gradient is rounded to float32 once at the end.
///
/// Work per sample with `C` classes: `6C + 2` (max `C−1`, shift `C`, exp `C`, sum `C−1`, log 1,
/// loss 2, normalise `C`, subtract the label 1, scale by `1/batch` `C`); without the gradient,
/// `4C + 1`; plus one add per sample for the mean.
public struct SoftmaxCrossEntropy: Sendable {
  /// The loss function.
  public init() {}

  /// The mean loss over a batch of logits `[batch, classes]` with one label per row and, when
  /// `computesGradient`, the gradient of that mean with respect to the logits.
  ///
  /// Also returns each row's loss (for evaluation) in row order.
  /// - Precondition: `labels.count == batch` and every label is in `0..<classes`.
  /// - Complexity: O(batch·classes).
  public func evaluate(
    logits: Tensor, labels: ArraySlice<Int32>, computesGradient: Bool = true
  ) -> (meanLoss: Double, losses: [Double], gradient: Tensor?, work: Work) {
    precondition(
      logits.rank == 2, "SoftmaxCrossEntropy: logits must be [batch, classes], got \(logits.shape)")
    let batch = logits.shape[0]
    let classes = logits.shape[1]
    precondition(
      labels.count == batch, "SoftmaxCrossEntropy: \(labels.count) labels for \(batch) rows")
    var losses = [Double](repeating: 0, count: batch)
    var gradient = computesGradient ? Tensor(shape: logits.shape) : nil
    var exponentials = [Double](repeating: 0, count: classes)
    let scale = 1 / Double(max(batch, 1))
    logits.withUnsafeBufferPointer { z in
      for (row, label) in zip(0..<batch, labels) {
        let y = Int(label)
        precondition(
          y >= 0 && y < classes, "SoftmaxCrossEntropy: label \(y) outside 0..<\(classes)")
        let zRow = z.baseAddress! + row * classes
        var largest = zRow[0]
        for j in 1..<classes where zRow[j] > largest { largest = zRow[j] }
        var sum = 0.0
        for j in 0..<classes {
          exponentials[j] = Elementary.exp(Double(zRow[j]) - Double(largest))
          sum += exponentials[j]
        }
        losses[row] = Elementary.log(sum) - (Double(zRow[y]) - Double(largest))
        if computesGradient {
          gradient!.withUnsafeMutableBufferPointer { g in
            let gRow = g.baseAddress! + row * classes
            for j in 0..<classes {
              var p = exponentials[j] / sum
              if j == y { p -= 1 }
              gRow[j] = Float(p * scale)
            }
          }
        }
      }
    }
    var total = 0.0
    for loss in losses { total += loss }
    let perSample = computesGradient ? 6 * classes + 2 : 4 * classes + 1
    return (total * scale, losses, gradient, .flops(Int64(batch * perSample + batch)))
  }
}
