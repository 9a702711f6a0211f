extension Dataset {
  /// The samples at `indices` as one tensor `[indices.count] + sampleShape` and their labels.
  /// - Precondition: `sampleShape` has `featureCount` elements; every index is in range.
  /// - Complexity: O(indices.count × featureCount).
  func makeBatch(_ indices: ArraySlice<Int>, sampleShape: [Int]) -> (
    features: Tensor, labels: [Int32]
  ) {
    let width = featureCount
    precondition(
      sampleShape.reduce(1, *) == width,
      "Dataset \(name): shape \(sampleShape) for \(width) features")
    var scalars = [Float](repeating: 0, count: indices.count * width)
    var batchLabels = [Int32]()
    batchLabels.reserveCapacity(indices.count)
    features.withUnsafeBufferPointer { source in
      scalars.withUnsafeMutableBufferPointer { target in
        for (row, index) in indices.enumerated() {
          precondition(
            index >= 0 && index < count, "Dataset \(name): index \(index) outside 0..<\(count)")
          (target.baseAddress! + row * width).update(
            from: source.baseAddress! + index * width, count: width)
          batchLabels.append(labels[index])
        }
      }
    }
    return (Tensor(shape: [indices.count] + sampleShape, scalars: scalars), batchLabels)
  }
}
