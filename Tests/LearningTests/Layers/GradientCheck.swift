import SimCore
import Testing

@testable import Learning

/// Finite-difference checks of a layer's backward pass.
///
/// The objective is `L = Σᵢ rᵢ·yᵢ` for fixed random weights `r`, so `∂L/∂y = r` is the output
/// gradient handed to `backward`. Each analytic derivative ∂L/∂θ is compared with the central
/// difference `(L(θ + h) − L(θ − h)) / 2h`, with `L` summed in Double from the float32 outputs.
/// With `h = 1e−2` the truncation error is O(h²·L‴) ≈ 1e−4 and the rounding error about
/// `1e−7·|L| / h` ≈ 1e−4 for these sizes, so `tolerance` (2e−3 absolute + 1e−2 relative) leaves
/// a wide margin while a wrong index or a missing term (errors of order 1e−1) fails.
struct GradientCheck {
  static let step: Float = 1e-2
  static let absoluteTolerance = 2e-3
  static let relativeTolerance = 1e-2

  let layer: any Layer
  let input: Tensor
  var parameters: [Float]
  let weights: [Float]

  /// A check of `layer` at `input` with parameters drawn by the layer's own initialiser (biases
  /// then set to small random values so they are exercised too).
  init(_ layer: any Layer, input: Tensor, seed: UInt64) {
    self.layer = layer
    self.input = input
    var generator = RandomStreams(seed: seed).make(StreamPurpose("gradientCheck"))
    var parameters = [Float](repeating: 0, count: layer.parameterCount)
    parameters.withUnsafeMutableBufferPointer { layer.initialise($0, using: &generator) }
    for i in parameters.indices where parameters[i] == 0 {
      parameters[i] = Float(generator.nextUnitDouble() - 0.5) * 0.2
    }
    self.parameters = parameters
    let outputCount = input.shape[0] * layer.outputCount
    self.weights = (0..<outputCount).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
  }

  /// L at the given input and parameters.
  func objective(_ input: Tensor, _ parameters: [Float]) -> Double {
    let output = parameters.withUnsafeBufferPointer { layer.forward(input, parameters: $0).output }
    return zip(output.scalars, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
  }

  /// The analytic gradients with respect to the parameters and the input.
  func analytic() -> (parameters: [Float], input: Tensor) {
    let output = parameters.withUnsafeBufferPointer { layer.forward(input, parameters: $0).output }
    var parameterGradient = [Float](repeating: .nan, count: parameters.count)
    let outputGradient = Tensor(shape: output.shape, scalars: weights)
    let inputGradient = parameters.withUnsafeBufferPointer { p in
      parameterGradient.withUnsafeMutableBufferPointer { g in
        layer.backward(
          input: input, output: output, outputGradient: outputGradient, parameters: p,
          parameterGradient: g, needsInputGradient: true
        ).inputGradient
      }
    }
    return (parameterGradient, inputGradient!)
  }

  static func agree(_ analytic: Float, _ numeric: Double) -> Bool {
    abs(Double(analytic) - numeric) <= absoluteTolerance + relativeTolerance * abs(numeric)
  }

  /// Checks every parameter and input derivative (or every `stride`-th, for larger layers).
  func run(stride: Int = 1, sourceLocation: SourceLocation = #_sourceLocation) {
    let (parameterGradient, inputGradient) = analytic()
    let h = Self.step
    for index in Swift.stride(from: 0, to: parameters.count, by: stride) {
      var plus = parameters
      var minus = parameters
      plus[index] += h
      minus[index] -= h
      let numeric = (objective(input, plus) - objective(input, minus)) / Double(2 * h)
      #expect(
        Self.agree(parameterGradient[index], numeric),
        "\(layer): ∂L/∂θ[\(index)] analytic \(parameterGradient[index]) vs numeric \(numeric)",
        sourceLocation: sourceLocation)
    }
    for index in Swift.stride(from: 0, to: input.count, by: stride) {
      var plus = input
      var minus = input
      plus.scalars[index] += h
      minus.scalars[index] -= h
      let numeric = (objective(plus, parameters) - objective(minus, parameters)) / Double(2 * h)
      #expect(
        Self.agree(inputGradient.scalars[index], numeric),
        "\(layer): ∂L/∂x[\(index)] analytic \(inputGradient.scalars[index]) vs numeric \(numeric)",
        sourceLocation: sourceLocation)
    }
  }

  /// A tensor of `shape` with entries spread over (−1, 1) whose pairwise gaps all exceed `2h`
  /// (a shuffled grid), so that ReLU and max-pooling have no kink within a finite-difference step.
  static func spreadInput(shape: [Int], seed: UInt64) -> Tensor {
    let count = shape.reduce(1, *)
    var generator = RandomStreams(seed: seed).make(StreamPurpose("gradientCheckInput"))
    var values = (0..<count).map { i in -0.95 + 1.9 * (Float(i) + 0.5) / Float(count) }
    generator.shuffle(&values)
    // Keep values away from 0 too (ReLU's kink): nudge any within 2h of it outwards.
    values = values.map { abs($0) < 3 * step ? ($0 < 0 ? -3 * step : 3 * step) - $0 * 0.1 : $0 }
    return Tensor(shape: shape, scalars: values)
  }
}
