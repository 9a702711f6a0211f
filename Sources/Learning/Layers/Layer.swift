import SimCore

/// One stage of a feed-forward network, with a hand-written forward and backward pass.
///
/// A layer is an immutable description (its geometry); its trainable parameters live in the
/// model's single flat parameter vector, of which the layer is handed its own slice. That keeps
/// aggregation, SGD and the wire format one loop over one `[Float]`, and makes layers `Sendable`
/// values that never hold state between calls.
///
/// Tensors passed to a layer have the batch as their first dimension; the rest is `inputShape`
/// (or `outputShape`) for one sample.
///
/// **Counting floating-point work.** Every call returns the `Work` of what it executed:
/// - a multiply-add (in GEMM, im2col convolution or a dot product) counts 2; a lone add, subtract,
///   multiply, divide or comparison (ReLU, max-pooling, max in softmax) counts 1;
/// - `exp` and `log` count 1 each (as in the usual FLOP-counting conventions, which leave
///   transcendental functions out, so as not to charge their software cost);
/// - the zeros of a convolution's "same" padding that its GEMM multiplies are counted (they are
///   part of the product as defined), but not the zero rows and columns GEMM adds internally to
///   fill its 16 × 16 tiles, which depend on the kernel, not on the model;
/// - copies, reshapes, packing and im2col lowering count 0.
public protocol Layer: Sendable, CustomStringConvertible {
  /// The shape of one input sample, e.g. `[784]` or `[1, 28, 28]`.
  var inputShape: [Int] { get }
  /// The shape of one output sample.
  var outputShape: [Int] { get }
  /// The number of trainable floats this layer owns in the model's parameter vector.
  var parameterCount: Int { get }

  /// Writes initial values into `parameters` (exactly `parameterCount` floats), drawing from
  /// `generator` in storage order.
  func initialise(
    _ parameters: UnsafeMutableBufferPointer<Float>,
    using generator: inout some RandomNumberGenerator)

  /// The output for a batch `[batch] + inputShape`, and the work done.
  func forward(_ input: Tensor, parameters: UnsafeBufferPointer<Float>) -> (
    output: Tensor, work: Work
  )

  /// Back-propagates `outputGradient` (∂loss/∂output, shaped like `output`).
  ///
  /// Writes ∂loss/∂parameters into `parameterGradient` (overwriting it; `parameterCount` floats)
  /// and returns ∂loss/∂input when `needsInputGradient` (the first layer skips it).
  /// `input` and `output` are the tensors of the matching forward call.
  func backward(
    input: Tensor, output: Tensor, outputGradient: Tensor, parameters: UnsafeBufferPointer<Float>,
    parameterGradient: UnsafeMutableBufferPointer<Float>, needsInputGradient: Bool
  ) -> (inputGradient: Tensor?, work: Work)
}

/// How a layer's weights are drawn; biases always start at zero.
public enum WeightInitialisation: Sendable, Equatable {
  /// He uniform, `U(−√(6/fanIn), √(6/fanIn))`, for layers followed by ReLU (He et al., "Delving
  /// deep into rectifiers", ICCV 2015).
  case heUniform
  /// Glorot uniform, `U(−√(6/(fanIn + fanOut)), …)`, for the output layer (Glorot and Bengio,
  /// AISTATS 2010).
  case glorotUniform

  /// The half-width of the uniform distribution for the given fans.
  public func limit(fanIn: Int, fanOut: Int) -> Double {
    switch self {
    case .heUniform: (6.0 / Double(fanIn)).squareRoot()
    case .glorotUniform: (6.0 / Double(fanIn + fanOut)).squareRoot()
    }
  }

  /// Fills `weights` with draws from `U(−limit, limit)`: `(2u − 1)·limit` for `u` from
  /// `nextUnitDouble()`, rounded to float32, one draw per weight in order.
  public func fill(
    _ weights: UnsafeMutableBufferPointer<Float>, fanIn: Int, fanOut: Int,
    using generator: inout some RandomNumberGenerator
  ) {
    let bound = limit(fanIn: fanIn, fanOut: fanOut)
    for i in weights.indices {
      weights[i] = Float((2 * generator.nextUnitDouble() - 1) * bound)
    }
  }
}

extension Layer {
  /// The number of floats in one input sample.
  public var inputCount: Int { inputShape.reduce(1, *) }
  /// The number of floats in one output sample.
  public var outputCount: Int { outputShape.reduce(1, *) }

  /// The batch size of `tensor`, after checking that its trailing dimensions are `shape`.
  func batchSize(of tensor: Tensor, matching shape: [Int], role: String) -> Int {
    precondition(
      tensor.rank == shape.count + 1 && Array(tensor.shape.dropFirst()) == shape,
      "\(self): \(role) has shape \(tensor.shape), expected [batch] + \(shape)")
    return tensor.shape[0]
  }
}
