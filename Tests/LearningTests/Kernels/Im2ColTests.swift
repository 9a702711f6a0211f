import SimCore
import Testing

@testable import Learning

struct Im2ColTests {
  @Test func lowersAThreeByThreeImageByHand() {
    // Image [1 2 3; 4 5 6; 7 8 9] with a 3×3 kernel, padding 1. Row (dy, dx) = (0, 0) reads the
    // pixel up and left of each output position: zero on the top row and left column, else
    // image[y−1][x−1]: [0 0 0; 0 1 2; 0 4 5]. Row (1, 1) is the image itself.
    let image: [Float] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    var columns = [Float](repeating: -1, count: 9 * 9)
    Im2Col.lower(image, channels: 1, height: 3, width: 3, kernelSize: 3, into: &columns)
    #expect(Array(columns[0..<9]) == [0, 0, 0, 0, 1, 2, 0, 4, 5])
    #expect(Array(columns[36..<45]) == image)
    // Row (2, 2) reads down and right: [5 6 0; 8 9 0; 0 0 0].
    #expect(Array(columns[72..<81]) == [5, 6, 0, 8, 9, 0, 0, 0, 0])
  }

  @Test func adjointSatisfiesTheDotProductTest() {
    // ⟨lower(x), c⟩ = ⟨x, adjoint(c)⟩ for any x, c: the defining property of an adjoint. With
    // small integers every product and sum is exact in float32 and Double, so equality is exact.
    let (channels, height, width, k) = (2, 4, 6, 5)
    var generator = RandomStreams(seed: 9).make(StreamPurpose("im2colTest"))
    let x = (0..<(channels * height * width)).map { _ in Float(generator.nextInt(in: -4...4)) }
    let rows = channels * k * k * height * width
    let c = (0..<rows).map { _ in Float(generator.nextInt(in: -4...4)) }
    var lowered = [Float](repeating: 0, count: rows)
    Im2Col.lower(x, channels: channels, height: height, width: width, kernelSize: k, into: &lowered)
    var adjoint = [Float](repeating: 0, count: x.count)
    Im2Col.accumulateAdjoint(
      c, channels: channels, height: height, width: width, kernelSize: k, into: &adjoint)
    let left = zip(lowered, c).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    let right = zip(x, adjoint).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    #expect(left == right)
  }
}
