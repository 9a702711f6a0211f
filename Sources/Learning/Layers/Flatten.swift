import SimCore

/// Reshapes each sample to one dimension, e.g. `[64, 7, 7]` to `[3136]`, between convolutional
/// and dense layers. The scalars are already contiguous, so both passes only relabel the shape.
/// No parameters, no work.
public struct Flatten: Layer {
  /// The shape of one input sample, e.g. `[64, 7, 7]`.
  public let inputShape: [Int]

  /// A flatten of samples shaped `inputShape`.
  public init(inputShape: [Int]) {
    precondition(
      !inputShape.isEmpty && inputShape.allSatisfy { $0 > 0 }, "Flatten: bad shape \(inputShape)")
    self.inputShape = inputShape
  }

  /// The shape of one output sample.
  public var outputShape: [Int] { [inputShape.reduce(1, *)] }
  /// The number of trainable floats, in the layout documented on the type.
  public var parameterCount: Int { 0 }
  /// A short label for logs and precondition messages.
  public var description: String { "Flatten(\(inputShape)→\(outputShape))" }

  /// Does nothing: the layer has no parameters.
  public func initialise(
    _ parameters: UnsafeMutableBufferPointer<Float>,
    using generator: inout some RandomNumberGenerator
  ) {}

  /// The output for a batch; the work follows the rule documented on the type.
  public func forward(_ input: Tensor, parameters: UnsafeBufferPointer<Float>) -> (
    output: Tensor, work: Work
  ) {
    let batch = batchSize(of: input, matching: inputShape, role: "input")
    return (input.reshaped([batch] + outputShape), .zero)
  }

  /// Back-propagates through the layer, as `Layer.backward` specifies.
  public func backward(
    input: Tensor, output: Tensor, outputGradient: Tensor, parameters: UnsafeBufferPointer<Float>,
    parameterGradient: UnsafeMutableBufferPointer<Float>, needsInputGradient: Bool
  ) -> (inputGradient: Tensor?, work: Work) {
    let batch = batchSize(of: outputGradient, matching: outputShape, role: "output gradient")
    return (needsInputGradient ? outputGradient.reshaped([batch] + inputShape) : nil, .zero)
  }
}
