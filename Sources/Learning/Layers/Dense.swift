import SimCore

/// A fully connected layer: `y = x·W + b` for each sample.
///
/// Parameters, in order: `W` as `inputs × outputs` floats, row-major (row `i` holds the weights
/// from input `i`), then `b` as `outputs` floats. Count: `inputs·outputs + outputs`.
///
/// Work per batch of `B`: forward `2·B·inputs·outputs + B·outputs`; backward
/// `2·B·inputs·outputs` (∂W) `+ B·outputs` (∂b) `+ 2·B·inputs·outputs` (∂x, when needed).
public struct Dense: Layer {
  /// Floats per input sample.
  public let inputs: Int
  /// Floats per output sample.
  public let outputs: Int
  /// How the weights are drawn.
  public let initialisation: WeightInitialisation

  /// A dense layer from `inputs` to `outputs` features.
  /// - Precondition: both are positive.
  public init(inputs: Int, outputs: Int, initialisation: WeightInitialisation = .heUniform) {
    precondition(
      inputs > 0 && outputs > 0, "Dense: sizes must be positive, got \(inputs)→\(outputs)")
    self.inputs = inputs
    self.outputs = outputs
    self.initialisation = initialisation
  }

  /// The shape of one input sample.
  public var inputShape: [Int] { [inputs] }
  /// The shape of one output sample.
  public var outputShape: [Int] { [outputs] }
  /// The number of trainable floats, in the layout documented on the type.
  public var parameterCount: Int { inputs * outputs + outputs }
  /// A short label for logs and precondition messages.
  public var description: String { "Dense(\(inputs)→\(outputs))" }

  /// Draws the weights as `initialisation` says and zeroes the biases.
  public func initialise(
    _ parameters: UnsafeMutableBufferPointer<Float>,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(
      parameters.count == parameterCount, "\(self): \(parameters.count) parameters given")
    initialisation.fill(
      UnsafeMutableBufferPointer(rebasing: parameters[0..<(inputs * outputs)]), fanIn: inputs,
      fanOut: outputs, using: &generator)
    UnsafeMutableBufferPointer(rebasing: parameters[(inputs * outputs)...]).update(repeating: 0)
  }

  /// The output for a batch; the work follows the rule documented on the type.
  public func forward(_ input: Tensor, parameters: UnsafeBufferPointer<Float>) -> (
    output: Tensor, work: Work
  ) {
    let batch = batchSize(of: input, matching: inputShape, role: "input")
    var output = Tensor(shape: [batch, outputs])
    input.withUnsafeBufferPointer { x in
      output.withUnsafeMutableBufferPointer { y in
        let weights = MatrixView(rowMajor: parameters.baseAddress!, rows: inputs, columns: outputs)
        GEMM.multiply(
          MatrixView(rowMajor: x.baseAddress!, rows: batch, columns: inputs), weights,
          into: y.baseAddress!, rowStride: outputs, accumulating: false)
        let bias = parameters.baseAddress! + inputs * outputs
        for row in 0..<batch {
          let y = y.baseAddress! + row * outputs
          for j in 0..<outputs { y[j] = y[j] + bias[j] }
        }
      }
    }
    let work = GEMM.flops(m: batch, n: outputs, k: inputs) + Int64(batch * outputs)
    return (output, .flops(work))
  }

  /// Back-propagates through the layer, as `Layer.backward` specifies.
  public func backward(
    input: Tensor, output: Tensor, outputGradient: Tensor, parameters: UnsafeBufferPointer<Float>,
    parameterGradient: UnsafeMutableBufferPointer<Float>, needsInputGradient: Bool
  ) -> (inputGradient: Tensor?, work: Work) {
    let batch = batchSize(of: input, matching: inputShape, role: "input")
    _ = batchSize(of: outputGradient, matching: outputShape, role: "output gradient")
    precondition(
      parameterGradient.count == parameterCount,
      "\(self): gradient slice of \(parameterGradient.count)")
    var flops: Int64 = 0
    var inputGradient: Tensor? = nil
    input.withUnsafeBufferPointer { x in
      outputGradient.withUnsafeBufferPointer { dy in
        let dyView = MatrixView(rowMajor: dy.baseAddress!, rows: batch, columns: outputs)
        // ∂W = xᵀ·∂y: each entry sums over the batch in sample order.
        GEMM.multiply(
          MatrixView(rowMajor: x.baseAddress!, rows: batch, columns: inputs).transposed, dyView,
          into: parameterGradient.baseAddress!, rowStride: outputs, accumulating: false)
        flops += GEMM.flops(m: inputs, n: outputs, k: batch)
        // ∂b = Σ over the batch of ∂y, in sample order.
        let biasGradient = parameterGradient.baseAddress! + inputs * outputs
        biasGradient.update(repeating: 0, count: outputs)
        for row in 0..<batch {
          let dy = dy.baseAddress! + row * outputs
          for j in 0..<outputs { biasGradient[j] = biasGradient[j] + dy[j] }
        }
        flops += Int64(batch * outputs)
        if needsInputGradient {
          // ∂x = ∂y·Wᵀ.
          var dx = Tensor(shape: [batch, inputs])
          dx.withUnsafeMutableBufferPointer { dx in
            let weights = MatrixView(
              rowMajor: parameters.baseAddress!, rows: inputs, columns: outputs)
            GEMM.multiply(
              dyView, weights.transposed, into: dx.baseAddress!, rowStride: inputs,
              accumulating: false)
          }
          flops += GEMM.flops(m: batch, n: inputs, k: outputs)
          inputGradient = dx
        }
      }
    }
    return (inputGradient, .flops(flops))
  }
}
