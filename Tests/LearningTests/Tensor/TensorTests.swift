import Testing

@testable import Learning

struct TensorTests {
  @Test func storesScalarsRowMajorAndReshapesWithoutCopyingOrder() {
    let tensor = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
    #expect(tensor.count == 6 && tensor.rank == 2)
    let reshaped = tensor.reshaped([3, 2])
    #expect(reshaped.shape == [3, 2] && reshaped.scalars == tensor.scalars)
    #expect(Tensor(shape: [2, 0]).count == 0)
    #expect(Tensor(shape: [2, 2], repeating: 1.5).scalars == [1.5, 1.5, 1.5, 1.5])
    #expect(tensor.description == "Tensor[2, 3](1.0, 2.0, 3.0, 4.0, 5.0, 6.0)")
  }
}
