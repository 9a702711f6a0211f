import SimCore

/// 2 × 2 max-pooling with stride 2: each output pixel is the largest of a 2 × 2 input window,
/// per channel, halving height and width.
///
/// No parameters. Backward routes each output gradient to the window position that held the
/// maximum; on ties, to the first in row-major order (top-left, top-right, bottom-left,
/// bottom-right), found again from the input rather than cached.
///
/// Work per batch of `B` with `N = B·channels·(height/2)·(width/2)` outputs: 3 comparisons per
/// output forward (`3N`), and `3N` backward.
public struct MaxPooling2D: Layer {
  /// Channels, kept unchanged.
  public let channels: Int
  /// Input height in pixels (even).
  public let height: Int
  /// Input width in pixels (even).
  public let width: Int

  /// Pooling over `channels × height × width` inputs.
  /// - Precondition: sizes positive, `height` and `width` even.
  public init(channels: Int, height: Int, width: Int) {
    precondition(
      channels > 0 && height > 0 && width > 0 && height % 2 == 0 && width % 2 == 0,
      "MaxPooling2D: needs positive, even sizes, got \(channels)×\(height)×\(width)")
    self.channels = channels
    self.height = height
    self.width = width
  }

  /// The shape of one input sample.
  public var inputShape: [Int] { [channels, height, width] }
  /// The shape of one output sample.
  public var outputShape: [Int] { [channels, height / 2, width / 2] }
  /// The number of trainable floats, in the layout documented on the type.
  public var parameterCount: Int { 0 }
  /// A short label for logs and precondition messages.
  public var description: String { "MaxPooling2D(2×2, \(channels)×\(height)×\(width))" }

  /// Does nothing: the layer has no parameters.
  public func initialise(
    _ parameters: UnsafeMutableBufferPointer<Float>,
    using generator: inout some RandomNumberGenerator
  ) {}

  /// Which of the four positions of output `(oy, ox)`'s window wins (0 top-left, 1 top-right,
  /// 2 bottom-left, 3 bottom-right; the first on ties): each later position replaces the winner
  /// so far when it is greater.
  ///
  /// Written with masks, not branches or selects (which the compiler turned back into branches):
  /// on real activations the winner is unpredictable, and the mispredictions cost more than the
  /// rest of the layer (a tenth of a CNN training step).
  @inline(__always)
  func argmax(_ plane: UnsafePointer<Float>, _ oy: Int, _ ox: Int) -> Int {
    let topLeft = 2 * oy * width + 2 * ox
    var best = 0
    var value = plane[topLeft].bitPattern
    @inline(__always) func challenge(_ position: Int, _ candidate: Float) {
      let wins = unsafeBitCast(candidate > Float(bitPattern: value), to: UInt8.self)
      let mask = 0 &- UInt32(wins)
      value = (candidate.bitPattern & mask) | (value & ~mask)
      let indexMask = 0 &- Int(wins)
      best = (position & indexMask) | (best & ~indexMask)
    }
    challenge(1, plane[topLeft + 1])
    challenge(2, plane[topLeft + width])
    challenge(3, plane[topLeft + width + 1])
    return best
  }

  /// The output for a batch; the work follows the rule documented on the type.
  public func forward(_ input: Tensor, parameters: UnsafeBufferPointer<Float>) -> (
    output: Tensor, work: Work
  ) {
    let batch = batchSize(of: input, matching: inputShape, role: "input")
    let outHeight = height / 2
    let outWidth = width / 2
    var output = Tensor(shape: [batch] + outputShape)
    input.withUnsafeBufferPointer { x in
      output.withUnsafeMutableBufferPointer { y in
        for planeIndex in 0..<(batch * channels) {
          let source = x.baseAddress! + planeIndex * height * width
          let target = y.baseAddress! + planeIndex * outHeight * outWidth
          for oy in 0..<outHeight {
            for ox in 0..<outWidth {
              let i = 2 * oy * width + 2 * ox
              let top = max(source[i], source[i + 1])
              let bottom = max(source[i + width], source[i + width + 1])
              target[oy * outWidth + ox] = max(top, bottom)
            }
          }
        }
      }
    }
    return (output, .flops(3 * Int64(output.count)))
  }

  /// Back-propagates through the layer, as `Layer.backward` specifies.
  public func backward(
    input: Tensor, output: Tensor, outputGradient: Tensor, parameters: UnsafeBufferPointer<Float>,
    parameterGradient: UnsafeMutableBufferPointer<Float>, needsInputGradient: Bool
  ) -> (inputGradient: Tensor?, work: Work) {
    let batch = batchSize(of: input, matching: inputShape, role: "input")
    _ = batchSize(of: outputGradient, matching: outputShape, role: "output gradient")
    guard needsInputGradient else { return (nil, .zero) }
    let outHeight = height / 2
    let outWidth = width / 2
    var dx = Tensor(shape: [batch] + inputShape)
    input.withUnsafeBufferPointer { x in
      outputGradient.withUnsafeBufferPointer { dy in
        dx.withUnsafeMutableBufferPointer { dx in
          for planeIndex in 0..<(batch * channels) {
            let source = x.baseAddress! + planeIndex * height * width
            let target = dx.baseAddress! + planeIndex * height * width
            let gradient = dy.baseAddress! + planeIndex * outHeight * outWidth
            // Every input position is in exactly one window, so writing all four (the gradient
            // to the winner, zero to the others) fills the plane without scattering.
            for oy in 0..<outHeight {
              for ox in 0..<outWidth {
                let winner = argmax(source, oy, ox)
                let g = gradient[oy * outWidth + ox]
                let topLeft = 2 * oy * width + 2 * ox
                target[topLeft] = winner == 0 ? g : 0
                target[topLeft + 1] = winner == 1 ? g : 0
                target[topLeft + width] = winner == 2 ? g : 0
                target[topLeft + width + 1] = winner == 3 ? g : 0
              }
            }
          }
        }
      }
    }
    return (dx, .flops(3 * Int64(outputGradient.count)))
  }
}
