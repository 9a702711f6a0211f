/// A dense float32 array of any rank, stored contiguously in row-major order.
///
/// `Tensor` is the value that flows between layers: a mini-batch of images is a
/// `[batch, channels, height, width]` tensor, a batch of logits `[batch, classes]`. Storage is one
/// `[Float]`, so kernels read it through an `UnsafeBufferPointer` without copying, and the value
/// semantics of `Array` make a tensor a `Sendable` value that is copied only when written.
///
/// This is the `Learning` target's overview: tensors (`Tensor`), kernels (`GEMM`, `Convolution`,
/// the elementary functions), layers (`Layer` and its conformers), models (`ModelSpec`, `Model`,
/// the parameter wire format) and training (`LocalTrainer`, `SGD`). Every computation returns the
/// `Work` it did, counted by the rule in `Layer`'s documentation, so the simulator charges time
/// without measuring it.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
  /// The size of each dimension, outermost first.
  public private(set) var shape: [Int]
  /// The elements in row-major order: `shape.reduce(1, *)` floats.
  public var scalars: [Float]

  /// A tensor of the given shape holding `scalars` in row-major order.
  /// - Precondition: every dimension is non-negative and `scalars.count` is their product.
  public init(shape: [Int], scalars: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
    precondition(
      scalars.count == shape.reduce(1, *),
      "Tensor: \(scalars.count) scalars do not fill shape \(shape) (\(shape.reduce(1, *)) needed)")
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of the given shape filled with `value`.
  public init(shape: [Int], repeating value: Float = 0) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
    self.shape = shape
    self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
  }

  /// The number of elements: the product of the shape.
  @inlinable public var count: Int { scalars.count }

  /// The number of dimensions.
  @inlinable public var rank: Int { shape.count }

  /// The same scalars viewed with another shape of the same element count.
  /// - Precondition: `newShape` has as many elements as `shape`.
  public func reshaped(_ newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, scalars: scalars)
  }

  /// Calls `body` with the scalars' contiguous storage.
  @inlinable
  public func withUnsafeBufferPointer<R, E: Error>(
    _ body: (UnsafeBufferPointer<Float>) throws(E) -> R
  ) throws(E) -> R {
    try scalars.withUnsafeBufferPointer { (buffer) throws(E) -> R in try body(buffer) }
  }

  /// Calls `body` with the scalars' contiguous storage, writable.
  @inlinable
  public mutating func withUnsafeMutableBufferPointer<R, E: Error>(
    _ body: (UnsafeMutableBufferPointer<Float>) throws(E) -> R
  ) throws(E) -> R {
    try scalars.withUnsafeMutableBufferPointer { (buffer) throws(E) -> R in try body(buffer) }
  }

  /// `Tensor[2, 3]` and at most the first eight scalars, for test failures and logs.
  public var description: String {
    let head = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
    return "Tensor\(shape)(\(head)\(count > 8 ? ", …" : ""))"
  }
}
