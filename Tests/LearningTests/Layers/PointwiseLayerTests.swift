import SimCore
import Testing

@testable import Learning

struct MaxPooling2DTests {
  @Test func forwardAndBackwardMatchAHandComputation() {
    // One 4×4 channel; windows (top-left first): [1 5; 2 0] → 5, [3 3; 3 3] → 3 (tie),
    // [−1 −2; −3 −4] → −1, [0 9; 8 9] → 9 (tie between (2,3)… see below).
    let layer = MaxPooling2D(channels: 1, height: 4, width: 4)
    let input = Tensor(
      shape: [1, 1, 4, 4],
      scalars: [
        1, 5, 3, 3,
        2, 0, 3, 3,
        -1, -2, 0, 9,
        -3, -4, 8, 9,
      ])
    let (output, work) = layer.forward(input, parameters: UnsafeBufferPointer(start: nil, count: 0))
    #expect(output == Tensor(shape: [1, 1, 2, 2], scalars: [5, 3, -1, 9]))
    #expect(work == .flops(12))  // 3 comparisons × 4 outputs.
    // Gradients [10, 20, 30, 40] go to the first maximum of each window in row-major order:
    // 10 → (0,1); 20 → (0,2), the first of four 3s; 30 → (2,0); 40 → (2,3), before (3,3).
    let dy = Tensor(shape: [1, 1, 2, 2], scalars: [10, 20, 30, 40])
    var empty: [Float] = []
    let dx = empty.withUnsafeMutableBufferPointer { g in
      layer.backward(
        input: input, output: output, outputGradient: dy,
        parameters: UnsafeBufferPointer(start: nil, count: 0),
        parameterGradient: g, needsInputGradient: true
      ).inputGradient!
    }
    var expected = [Float](repeating: 0, count: 16)
    expected[1] = 10
    expected[2] = 20
    expected[8] = 30
    expected[11] = 40
    #expect(dx.scalars == expected)
  }

  @Test func gradientsMatchFiniteDifferences() {
    let layer = MaxPooling2D(channels: 2, height: 4, width: 6)
    GradientCheck(layer, input: GradientCheck.spreadInput(shape: [2, 2, 4, 6], seed: 5), seed: 6)
      .run()
  }
}

struct ReLUTests {
  @Test func forwardAndBackwardMatchAHandComputation() {
    // max(x, 0) of [−2, 0, 3, −0.5] is [0, 0, 3, 0]; the gradient passes only where x > 0.
    let layer = ReLU(shape: [4])
    let input = Tensor(shape: [1, 4], scalars: [-2, 0, 3, -0.5])
    let (output, work) = layer.forward(input, parameters: UnsafeBufferPointer(start: nil, count: 0))
    #expect(output.scalars == [0, 0, 3, 0])
    #expect(work == .flops(4))
    var empty: [Float] = []
    let dx = empty.withUnsafeMutableBufferPointer { g in
      layer.backward(
        input: input, output: output,
        outputGradient: Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]),
        parameters: UnsafeBufferPointer(start: nil, count: 0), parameterGradient: g,
        needsInputGradient: true
      ).inputGradient!
    }
    #expect(dx.scalars == [0, 0, 3, 0])
  }

  @Test func gradientsMatchFiniteDifferences() {
    GradientCheck(
      ReLU(shape: [3, 4]), input: GradientCheck.spreadInput(shape: [2, 3, 4], seed: 7), seed: 8
    ).run()
  }
}

struct FlattenTests {
  @Test func relabelsTheShapeOnly() {
    let layer = Flatten(inputShape: [2, 2, 1])
    let input = Tensor(shape: [1, 2, 2, 1], scalars: [1, 2, 3, 4])
    let (output, work) = layer.forward(input, parameters: UnsafeBufferPointer(start: nil, count: 0))
    #expect(output == Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]))
    #expect(work == .zero)
  }
}
