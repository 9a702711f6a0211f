import SimCore
import Testing

@testable import Learning

struct DenseTests {
  @Test func forwardMatchesAHandComputation() {
    // W = [1 2 3; 4 5 6] (2 inputs → 3 outputs, row i = weights from input i), b = [0.5, −1, 2].
    // x = [1, −1]: y = [1−4, 2−5, 3−6] + b = [−2.5, −4, −1].
    // x = [2, 0.5]: y = [2+2, 4+2.5, 6+3] + b = [4.5, 5.5, 11].
    let layer = Dense(inputs: 2, outputs: 3)
    let parameters: [Float] = [1, 2, 3, 4, 5, 6, 0.5, -1, 2]
    let input = Tensor(shape: [2, 2], scalars: [1, -1, 2, 0.5])
    let (output, work) = parameters.withUnsafeBufferPointer { layer.forward(input, parameters: $0) }
    #expect(output == Tensor(shape: [2, 3], scalars: [-2.5, -4, -1, 4.5, 5.5, 11]))
    // 2·B·in·out + B·out = 2·2·2·3 + 2·3 = 30.
    #expect(work == .flops(30))
    #expect(layer.parameterCount == 9)
  }

  @Test func backwardMatchesAHandComputation() {
    // Same layer, x = [1, −1], ∂L/∂y = [1, 0, −1]: ∂W = xᵀ·∂y = [1 0 −1; −1 0 1], ∂b = [1, 0, −1],
    // ∂x = ∂y·Wᵀ = [1−3, 4−6] = [−2, −2].
    let layer = Dense(inputs: 2, outputs: 3)
    let parameters: [Float] = [1, 2, 3, 4, 5, 6, 0.5, -1, 2]
    let input = Tensor(shape: [1, 2], scalars: [1, -1])
    var gradient = [Float](repeating: .nan, count: 9)
    let (dx, work) = parameters.withUnsafeBufferPointer { p in
      gradient.withUnsafeMutableBufferPointer { g in
        layer.backward(
          input: input, output: Tensor(shape: [1, 3]),
          outputGradient: Tensor(shape: [1, 3], scalars: [1, 0, -1]),
          parameters: p, parameterGradient: g, needsInputGradient: true)
      }
    }
    #expect(gradient == [1, 0, -1, -1, 0, 1, 1, 0, -1])
    #expect(dx == Tensor(shape: [1, 2], scalars: [-2, -2]))
    // ∂W 2·1·2·3 = 12, ∂b 3, ∂x 12: 27.
    #expect(work == .flops(27))
  }

  @Test func gradientsMatchFiniteDifferences() {
    let layer = Dense(inputs: 7, outputs: 5)
    GradientCheck(layer, input: GradientCheck.spreadInput(shape: [3, 7], seed: 1), seed: 2).run()
  }
}
