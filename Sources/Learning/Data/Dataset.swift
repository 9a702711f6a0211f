/// A labelled data set held in memory: `count` samples, each a row of `featureShape` floats.
///
/// Features are stored row-major in one contiguous array so that a mini-batch is a slice that
/// kernels can read without copying. Labels are class indices in `0..<classCount`.
public struct Dataset: Sendable {
  /// A short name for traces and errors, e.g. `digits` or `mnist-train`.
  public var name: String
  /// The shape of one sample, e.g. `[64]` for 8×8 digits flattened or `[1, 28, 28]` for MNIST.
  public var featureShape: [Int]
  /// All samples' features, sample after sample: `count × featureCount` floats.
  public var features: [Float]
  /// One class index per sample.
  public var labels: [Int32]
  /// The number of classes; every label is below it.
  public var classCount: Int

  /// A data set from its parts.
  /// - Precondition: `features.count == labels.count × product(featureShape)` and every label is
  ///   in `0..<classCount`.
  public init(
    name: String, featureShape: [Int], features: [Float], labels: [Int32], classCount: Int
  ) {
    let featureCount = featureShape.reduce(1, *)
    precondition(
      features.count == labels.count * featureCount,
      "Dataset \(name): \(features.count) features for \(labels.count) samples of \(featureCount)")
    precondition(
      labels.allSatisfy { $0 >= 0 && Int($0) < classCount },
      "Dataset \(name): a label lies outside 0..<\(classCount)")
    self.name = name
    self.featureShape = featureShape
    self.features = features
    self.labels = labels
    self.classCount = classCount
  }

  /// The number of samples.
  public var count: Int { labels.count }

  /// Floats per sample: the product of `featureShape`.
  public var featureCount: Int { featureShape.reduce(1, *) }

  /// The samples at `indices`, in that order.
  /// - Complexity: O(indices.count × featureCount).
  public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
    let width = featureCount
    var newFeatures = [Float]()
    newFeatures.reserveCapacity(indices.count * width)
    var newLabels = [Int32]()
    newLabels.reserveCapacity(indices.count)
    for i in indices {
      precondition(i >= 0 && i < count, "Dataset \(self.name): index \(i) outside 0..<\(count)")
      newFeatures.append(contentsOf: features[(i * width)..<((i + 1) * width)])
      newLabels.append(labels[i])
    }
    return Dataset(
      name: name ?? self.name, featureShape: featureShape, features: newFeatures, labels: newLabels,
      classCount: classCount)
  }
}
