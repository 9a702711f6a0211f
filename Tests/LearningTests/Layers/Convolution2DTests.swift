import SimCore
import Testing

@testable import Learning

struct Convolution2DTests {
  @Test func forwardMatchesAHandComputation() {
    // One 3×3 channel [1 2 3; 4 5 6; 7 8 9], a 3×3 kernel of ones and bias 0.5: each output is
    // the sum of the pixel's padded 3×3 neighbourhood plus 0.5. Corner (0,0): 1+2+4+5 = 12;
    // centre: 45; edge (0,1): 1+2+3+4+5+6 = 21.
    let layer = Convolution2D(inChannels: 1, outChannels: 1, height: 3, width: 3, kernelSize: 3)
    let parameters = [Float](repeating: 1, count: 9) + [0.5]
    let input = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
    let (output, work) = parameters.withUnsafeBufferPointer { layer.forward(input, parameters: $0) }
    // Row 0: 12, 21, 16 (2+3+5+6); row 1: 27 (1+2+4+5+7+8), 45, 33; row 2: 24, 39, 28.
    #expect(output.scalars == [12, 21, 16, 27, 45, 33, 24, 39, 28].map { $0 + 0.5 })
    // 2·out·(in·k²)·P + out·P = 2·1·9·9 + 9 = 171.
    #expect(work == .flops(171))
  }

  @Test func fiveByFiveKernelIsACrossCorrelation() {
    // Two input channels of 5×5 and a 5×5 kernel that is 1 only at (c=1, dy=0, dx=4): output
    // (y, x) = channel 1 at (y − 2, x + 2), so output (2, 0) = in[1, 0, 2] and (4, 2) = in[1, 2, 4];
    // positions that read outside the image are 0.
    let layer = Convolution2D(inChannels: 2, outChannels: 1, height: 5, width: 5)
    var parameters = [Float](repeating: 0, count: layer.parameterCount)
    parameters[25 + 4] = 1
    let input = Tensor(shape: [1, 2, 5, 5], scalars: (0..<50).map { Float($0) })
    let output = parameters.withUnsafeBufferPointer { layer.forward(input, parameters: $0).output }
    #expect(output.scalars[2 * 5 + 0] == 25 + 0 * 5 + 2)
    #expect(output.scalars[4 * 5 + 2] == 25 + 2 * 5 + 4)
    #expect(output.scalars[0] == 0)  // (0, 0) reads row −2.
    #expect(output.scalars[2 * 5 + 3] == 0)  // (2, 3) reads column 5.
    // 2·1·(2·25)·25 + 25 = 2525.
    #expect(layer.parameterCount == 51)
  }

  @Test func gradientsMatchFiniteDifferences() {
    let layer = Convolution2D(inChannels: 2, outChannels: 3, height: 4, width: 5)
    GradientCheck(layer, input: GradientCheck.spreadInput(shape: [2, 2, 4, 5], seed: 3), seed: 4)
      .run()
  }
}
