import SimCore
import Testing

@testable import Learning

struct SGDTests {
  /// float32 rounding of the hand-computed values below, which are exact in decimal.
  private static let tolerance: Float = 1e-6

  @Test func momentumAndWeightDecayFollowTheHandComputation() {
    // w = [1, −2], ∇ = [0.5, 1] on both steps, η = 0.1, μ = 0.9, λ = 0.01.
    // Step 1: g = ∇ + λw = [0.51, 0.98]; v = g; w = w − ηv = [0.949, −2.098].
    // Step 2: g = [0.5 + 0.00949, 1 − 0.02098] = [0.50949, 0.97902];
    //         v = 0.9·[0.51, 0.98] + g = [0.96849, 1.86102]; w = [0.852151, −2.284102].
    var optimiser = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01)
    var w: [Float] = [1, -2]
    let first = optimiser.step(&w, gradient: [0.5, 1])
    #expect(abs(w[0] - 0.949) < Self.tolerance && abs(w[1] + 2.098) < Self.tolerance)
    let second = optimiser.step(&w, gradient: [0.5, 1])
    #expect(abs(w[0] - 0.852151) < Self.tolerance && abs(w[1] + 2.284102) < Self.tolerance)
    // Per parameter: update 2 + decay 2 (+ momentum 2 from the second step), two parameters.
    #expect(first == .flops(8) && second == .flops(12))
  }

  @Test func plainStepIsGradientDescent() {
    // w − η∇ = [1 − 0.5·0.5, −2 − 0.5·1] = [0.75, −2.5]: exact in binary.
    var optimiser = SGD(learningRate: 0.5)
    var w: [Float] = [1, -2]
    #expect(optimiser.step(&w, gradient: [0.5, 1]) == .flops(4))
    #expect(w == [0.75, -2.5])
  }
}
