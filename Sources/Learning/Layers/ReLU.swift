import SimCore

/// The rectified linear unit, `y = max(x, 0)` elementwise.
///
/// No parameters. The derivative is taken as 0 at `x = 0` (the usual subgradient choice).
/// Work: one comparison per element forward, one per element backward.
public struct ReLU: Layer {
  /// The shape of one sample, unchanged by the layer.
  public let shape: [Int]

  /// A ReLU over samples of `shape`.
  public init(shape: [Int]) {
    precondition(!shape.isEmpty && shape.allSatisfy { $0 > 0 }, "ReLU: bad sample shape \(shape)")
    self.shape = shape
  }

  /// The shape of one input sample.
  public var inputShape: [Int] { shape }
  /// The shape of one output sample.
  public var outputShape: [Int] { shape }
  /// The number of trainable floats, in the layout documented on the type.
  public var parameterCount: Int { 0 }
  /// A short label for logs and precondition messages.
  public var description: String { "ReLU(\(shape))" }

  /// Does nothing: the layer has no parameters.
  public func initialise(
    _ parameters: UnsafeMutableBufferPointer<Float>,
    using generator: inout some RandomNumberGenerator
  ) {}

  /// The output for a batch; the work follows the rule documented on the type.
  public func forward(_ input: Tensor, parameters: UnsafeBufferPointer<Float>) -> (
    output: Tensor, work: Work
  ) {
    _ = batchSize(of: input, matching: shape, role: "input")
    var output = input
    output.withUnsafeMutableBufferPointer { y in
      for i in y.indices where !(y[i] > 0) { y[i] = 0 }
    }
    return (output, .flops(Int64(input.count)))
  }

  /// Back-propagates through the layer, as `Layer.backward` specifies.
  public func backward(
    input: Tensor, output: Tensor, outputGradient: Tensor, parameters: UnsafeBufferPointer<Float>,
    parameterGradient: UnsafeMutableBufferPointer<Float>, needsInputGradient: Bool
  ) -> (inputGradient: Tensor?, work: Work) {
    _ = batchSize(of: outputGradient, matching: shape, role: "output gradient")
    guard needsInputGradient else { return (nil, .zero) }
    var dx = outputGradient
    input.withUnsafeBufferPointer { x in
      dx.withUnsafeMutableBufferPointer { dx in
        for i in dx.indices where !(x[i] > 0) { dx[i] = 0 }
      }
    }
    return (dx, .flops(Int64(input.count)))
  }
}
