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
      Self.zeroWhereNotPositive(y.baseAddress!, mask: UnsafePointer(y.baseAddress!), count: y.count)
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
        Self.zeroWhereNotPositive(dx.baseAddress!, mask: x.baseAddress!, count: dx.count)
      }
    }
    return (dx, .flops(Int64(input.count)))
  }

  /// `values[i] = 0` wherever `!(mask[i] > 0)` (so a NaN or −0 mask zeroes too), 16 lanes at a
  /// time as a select, then the tail one by one: the same values as the scalar rule, without its
  /// branch per element.
  @inline(__always)
  static func zeroWhereNotPositive(
    _ values: UnsafeMutablePointer<Float>, mask: UnsafePointer<Float>, count: Int
  ) {
    typealias V = SIMD16<Float>
    let output = UnsafeMutableRawPointer(values)
    let input = UnsafeRawPointer(mask)
    var i = 0
    while i + V.scalarCount <= count {
      let offset = i * MemoryLayout<Float>.stride
      let m = input.loadUnaligned(fromByteOffset: offset, as: V.self)
      let v = output.loadUnaligned(fromByteOffset: offset, as: V.self)
      output.storeBytes(
        of: v.replacing(with: 0, where: .!(m .> 0)), toByteOffset: offset, as: V.self)
      i += V.scalarCount
    }
    while i < count {
      if !(mask[i] > 0) { values[i] = 0 }
      i += 1
    }
  }
}
