import SimCore

/// A 2-D convolution with a square odd kernel, stride 1 and "same" zero padding (`kernelSize/2`
/// on each side), so the output keeps the input's height and width. As in every deep-learning
/// library, it is a cross-correlation: `y[o, y, x] = b[o] + Σ_{c,dy,dx} W[o, c, dy, dx] ·
/// in[c, y + dy − p, x + dx − p]`.
///
/// Parameters, in order: `W` as `outChannels × inChannels × k × k` floats, then `b` as
/// `outChannels` floats. Count: `outChannels·inChannels·k² + outChannels`.
///
/// Implementation: per sample, `Im2Col.lower` then one GEMM `W (out × in·k²) · columns`
/// (chosen over a direct loop because it reuses the tuned GEMM; measured in `LearningCases`).
/// Work per batch of `B`, with `K = inChannels·k²` and `P = height·width`: forward
/// `2·B·out·K·P + B·out·P`; backward `2·B·out·K·P` (∂W) `+ B·out·P` (∂b)
/// `+ 2·B·out·K·P` plus the in-image additions of the adjoint lowering (∂x, when needed).
public struct Convolution2D: Layer {
  /// Input channels.
  public let inChannels: Int
  /// Output channels (filters).
  public let outChannels: Int
  /// Input (and output) height in pixels.
  public let height: Int
  /// Input (and output) width in pixels.
  public let width: Int
  /// The kernel's side: 5 for a 5×5 kernel.
  public let kernelSize: Int
  /// How the weights are drawn.
  public let initialisation: WeightInitialisation

  /// A convolution from `inChannels × height × width` to `outChannels × height × width`.
  /// - Precondition: every size is positive and `kernelSize` is odd.
  public init(
    inChannels: Int, outChannels: Int, height: Int, width: Int, kernelSize: Int = 5,
    initialisation: WeightInitialisation = .heUniform
  ) {
    precondition(
      inChannels > 0 && outChannels > 0 && height > 0 && width > 0 && kernelSize > 0
        && kernelSize % 2 == 1,
      "Convolution2D: bad geometry in \(inChannels)→\(outChannels) at \(height)×\(width), kernel \(kernelSize)"
    )
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.height = height
    self.width = width
    self.kernelSize = kernelSize
    self.initialisation = initialisation
  }

  /// Rows of the lowered column matrix: `inChannels·k²`.
  var patchSize: Int { inChannels * kernelSize * kernelSize }
  /// Pixels per channel.
  var plane: Int { height * width }

  /// The shape of one input sample.
  public var inputShape: [Int] { [inChannels, height, width] }
  /// The shape of one output sample.
  public var outputShape: [Int] { [outChannels, height, width] }
  /// The number of trainable floats, in the layout documented on the type.
  public var parameterCount: Int { outChannels * patchSize + outChannels }
  /// A short label for logs and precondition messages.
  public var description: String {
    "Convolution2D(\(inChannels)→\(outChannels), \(kernelSize)×\(kernelSize), \(height)×\(width))"
  }

  /// Draws the weights as `initialisation` says and zeroes the biases.
  public func initialise(
    _ parameters: UnsafeMutableBufferPointer<Float>,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(
      parameters.count == parameterCount, "\(self): \(parameters.count) parameters given")
    let weightCount = outChannels * patchSize
    initialisation.fill(
      UnsafeMutableBufferPointer(rebasing: parameters[0..<weightCount]), fanIn: patchSize,
      fanOut: outChannels * kernelSize * kernelSize, using: &generator)
    UnsafeMutableBufferPointer(rebasing: parameters[weightCount...]).update(repeating: 0)
  }

  /// The output for a batch; the work follows the rule documented on the type.
  public func forward(_ input: Tensor, parameters: UnsafeBufferPointer<Float>) -> (
    output: Tensor, work: Work
  ) {
    let batch = batchSize(of: input, matching: inputShape, role: "input")
    var output = Tensor(shape: [batch] + outputShape)
    let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * plane)
    defer { columns.deallocate() }
    let weights = MatrixView(
      rowMajor: parameters.baseAddress!, rows: outChannels, columns: patchSize)
    let bias = parameters.baseAddress! + outChannels * patchSize
    input.withUnsafeBufferPointer { x in
      output.withUnsafeMutableBufferPointer { y in
        for sample in 0..<batch {
          Im2Col.lower(
            x.baseAddress! + sample * inChannels * plane, channels: inChannels, height: height,
            width: width, kernelSize: kernelSize, into: columns)
          let out = y.baseAddress! + sample * outChannels * plane
          GEMM.multiply(
            weights, MatrixView(rowMajor: columns, rows: patchSize, columns: plane), into: out,
            rowStride: plane, accumulating: false)
          for o in 0..<outChannels {
            let row = out + o * plane
            for i in 0..<plane { row[i] = row[i] + bias[o] }
          }
        }
      }
    }
    let flops =
      Int64(batch)
      * (GEMM.flops(m: outChannels, n: plane, k: patchSize) + Int64(outChannels * plane))
    return (output, .flops(flops))
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
    let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * plane)
    let columnGradient = UnsafeMutablePointer<Float>.allocate(
      capacity: needsInputGradient ? patchSize * plane : 0)
    defer {
      columns.deallocate()
      columnGradient.deallocate()
    }
    var inputGradient = needsInputGradient ? Tensor(shape: [batch] + inputShape) : nil
    var flops: Int64 = 0
    let weightGradient = parameterGradient.baseAddress!
    let biasGradient = weightGradient + outChannels * patchSize
    biasGradient.update(repeating: 0, count: outChannels)
    if batch == 0 { weightGradient.update(repeating: 0, count: outChannels * patchSize) }
    input.withUnsafeBufferPointer { x in
      outputGradient.withUnsafeBufferPointer { dy in
        for sample in 0..<batch {
          let dySample = dy.baseAddress! + sample * outChannels * plane
          let dyView = MatrixView(rowMajor: dySample, rows: outChannels, columns: plane)
          Im2Col.lower(
            x.baseAddress! + sample * inChannels * plane, channels: inChannels, height: height,
            width: width, kernelSize: kernelSize, into: columns)
          // ∂W (+)= ∂y · columnsᵀ; samples accumulate in order.
          GEMM.multiply(
            dyView, MatrixView(rowMajor: columns, rows: patchSize, columns: plane).transposed,
            into: weightGradient, rowStride: patchSize, accumulating: sample > 0)
          flops += GEMM.flops(m: outChannels, n: patchSize, k: plane)
          Self.accumulateRowSums(dySample, rows: outChannels, columns: plane, into: biasGradient)
          flops += Int64(outChannels * plane)
          if needsInputGradient {
            // ∂columns = Wᵀ · ∂y, then scattered back to the pixels they came from.
            let weights = MatrixView(
              rowMajor: parameters.baseAddress!, rows: outChannels, columns: patchSize)
            GEMM.multiply(
              weights.transposed, dyView, into: columnGradient, rowStride: plane,
              accumulating: false)
            flops += GEMM.flops(m: patchSize, n: plane, k: outChannels)
            inputGradient!.withUnsafeMutableBufferPointer { dx in
              flops += Im2Col.accumulateAdjoint(
                columnGradient, channels: inChannels, height: height, width: width,
                kernelSize: kernelSize, into: dx.baseAddress! + sample * inChannels * plane)
            }
          }
        }
      }
    }
    return (inputGradient, .flops(flops))
  }

  /// `sums[r] = sums[r] + row[0] + row[1] + …` for each of `rows` rows of `columns` floats, each
  /// sum in column order. Each sum is a chain of dependent adds, so eight rows are summed side by
  /// side: the same chains, with eight in flight instead of one waiting on the adder's latency.
  static func accumulateRowSums(
    _ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>
  ) {
    var r = 0
    while r + 8 <= rows {
      let base = matrix + r * columns
      var s = SIMD8<Float>(UnsafeBufferPointer(start: sums + r, count: 8))
      for i in 0..<columns {
        s =
          s
          + SIMD8<Float>(
            base[i], base[columns + i], base[2 * columns + i], base[3 * columns + i],
            base[4 * columns + i], base[5 * columns + i], base[6 * columns + i],
            base[7 * columns + i])
      }
      for lane in 0..<8 { sums[r + lane] = s[lane] }
      r += 8
    }
    while r < rows {
      let row = matrix + r * columns
      var sum = sums[r]
      for i in 0..<columns { sum = sum + row[i] }
      sums[r] = sum
      r += 1
    }
  }
}
