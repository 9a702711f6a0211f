import SimCore
import Testing

@testable import Learning

struct SoftmaxCrossEntropyTests {
  @Test func equalLogitsGiveLogOfTheClassCount() {
    // Two rows of two equal logits: softmax = [½, ½], loss = ln 2 = 0.6931471805599453 each;
    // ∂(mean)/∂z = (p − onehot)/2 = [−¼, ¼] for label 0 and [¼, −¼] for label 1.
    let (mean, losses, gradient, work) = SoftmaxCrossEntropy().evaluate(
      logits: Tensor(shape: [2, 2], scalars: [3, 3, -1, -1]), labels: [0, 1])
    #expect(abs(mean - 0.6931471805599453) < 1e-15)
    #expect(losses.count == 2)
    #expect(gradient!.scalars == [-0.25, 0.25, 0.25, -0.25])
    // (6C + 2 + 1) per sample with C = 2: 15, times 2 rows.
    #expect(work == .flops(30))
  }

  @Test func hugeLogitsStayFinite() {
    // z = [1000, 0, −1000], label 0: after the max shift, exp(−1000) and exp(−2000) underflow to 0
    // harmlessly; loss = log(1 + e⁻¹⁰⁰⁰ + …) = 0. Label 2 would cost 2000.
    let logits = Tensor(shape: [2, 3], scalars: [1000, 0, -1000, 1000, 0, -1000])
    let (_, losses, gradient, _) = SoftmaxCrossEntropy().evaluate(logits: logits, labels: [0, 2])
    #expect(losses == [0, 2000])
    #expect(gradient!.scalars.allSatisfy { $0.isFinite })
    #expect(gradient!.scalars[3...] == [0.5, 0, -0.5])
  }

  @Test func gradientMatchesFiniteDifferences() {
    var generator = RandomStreams(seed: 11).make(StreamPurpose("softmaxTest"))
    let (batch, classes) = (3, 5)
    let logits = Tensor(
      shape: [batch, classes],
      scalars: (0..<(batch * classes)).map { _ in Float(generator.nextNormal()) * 2 })
    let labels: [Int32] = [4, 0, 2]
    let loss = SoftmaxCrossEntropy()
    let gradient = loss.evaluate(logits: logits, labels: labels[...]).gradient!
    // Central differences of the Double mean loss; h = 1e−2 gives an O(h²) ≈ 1e−5 error here.
    let h: Float = 1e-2
    for index in 0..<logits.count {
      var plus = logits
      var minus = logits
      plus.scalars[index] += h
      minus.scalars[index] -= h
      let numeric =
        (loss.evaluate(logits: plus, labels: labels[...]).meanLoss
          - loss.evaluate(logits: minus, labels: labels[...]).meanLoss) / Double(2 * h)
      #expect(GradientCheck.agree(gradient.scalars[index], numeric), "∂/∂z[\(index)]")
    }
  }
}
