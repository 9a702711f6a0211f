import SimCore

/// A recipe for a generated classification data set: any size, no files, reproducible from a
/// random stream. For tests and for runs larger than the real data sets.
///
/// - `blobs`: one Gaussian blob per class. Class centres have coordinates drawn from
///   N(0, separation²); sample i has label `i % classCount` (balanced classes) and features
///   centre + N(0, noise²).
/// - `teacher`: a random linear teacher. Weights W (classes × features) are drawn from
///   N(0, 1/features); inputs x from N(0, 1); the label is argmax W·x (ties to the lower class);
///   the stored features are x + N(0, noise²), so noise blurs a linearly separable problem.
///
/// ```
/// var rng = streams.make(.syntheticData)
/// let data = try SyntheticDataset(kind: .blobs, sampleCount: 100_000).make(using: &rng)
/// ```
public struct SyntheticDataset: Sendable, Equatable {
  /// The generating model.
  public enum Kind: String, Sendable, CaseIterable {
    /// Gaussian class blobs.
    case blobs
    /// A random linear teacher.
    case teacher
  }

  /// The generating model.
  public var kind: Kind
  /// Samples to generate (≥ 1).
  public var sampleCount: Int
  /// Classes (≥ 1).
  public var classCount: Int
  /// Features per sample (≥ 1); the feature shape is `[featureCount]`.
  public var featureCount: Int
  /// `blobs`: standard deviation of the centres' coordinates (≥ 0); unused by `teacher`.
  public var separation: Double
  /// Standard deviation of the noise added to every feature (≥ 0).
  public var noise: Double

  /// A recipe; the defaults give 2000 samples of 64 features in 10 classes.
  public init(
    kind: Kind = .blobs, sampleCount: Int = 2000, classCount: Int = 10, featureCount: Int = 64,
    separation: Double = 1, noise: Double = 1
  ) {
    self.kind = kind
    self.sampleCount = sampleCount
    self.classCount = classCount
    self.featureCount = featureCount
    self.separation = separation
    self.noise = noise
  }

  /// Checks every parameter's range.
  /// - Throws: `invalidParameter` naming the first bad parameter.
  public func validate() throws(DatasetError) {
    func check(_ isValid: Bool, _ name: String, _ value: String, _ accepted: String)
      throws(DatasetError)
    {
      if !isValid { throw .invalidParameter(name: name, value: value, accepted: accepted) }
    }
    try check(sampleCount >= 1, "samples", "\(sampleCount)", "at least 1")
    try check(classCount >= 1, "classes", "\(classCount)", "at least 1")
    try check(featureCount >= 1, "features", "\(featureCount)", "at least 1")
    let (total, overflow) = sampleCount.multipliedReportingOverflow(by: featureCount)
    try check(
      !overflow && total <= 1 << 34, "samples × features", overflow ? "overflow" : "\(total)",
      "at most 2^34 floats")
    // Labels are `Int32`, and the class centres (or teacher weights) are classes × features.
    try check(classCount <= Int(Int32.max), "classes", "\(classCount)", "at most 2^31 − 1")
    let (parameters, parametersOverflow) = classCount.multipliedReportingOverflow(
      by: featureCount)
    try check(
      !parametersOverflow && parameters <= 1 << 34, "classes × features",
      parametersOverflow ? "overflow" : "\(parameters)", "at most 2^34 numbers")
    try check(
      separation.isFinite && separation >= 0, "separation", "\(separation)", "finite and ≥ 0")
    try check(noise.isFinite && noise >= 0, "noise", "\(noise)", "finite and ≥ 0")
  }

  /// Generates the data set, named `synthetic-blobs` or `synthetic-teacher`, drawing from
  /// `generator` in a fixed order (model parameters first, then sample by sample).
  /// - Throws: `invalidParameter` (see `validate`).
  /// - Complexity: O(sampleCount × featureCount × (1 + classCount for `teacher`)).
  public func make(using generator: inout some RandomNumberGenerator) throws(DatasetError)
    -> Dataset
  {
    try validate()
    var features = [Float](repeating: 0, count: sampleCount * featureCount)
    var labels = [Int32](repeating: 0, count: sampleCount)
    switch kind {
    case .blobs:
      var centres = [Double](repeating: 0, count: classCount * featureCount)
      for index in centres.indices {
        centres[index] = generator.nextNormal(standardDeviation: separation)
      }
      for sample in 0..<sampleCount {
        let label = sample % classCount
        labels[sample] = Int32(label)
        for feature in 0..<featureCount {
          let value =
            centres[label * featureCount + feature]
            + generator.nextNormal(standardDeviation: noise)
          features[sample * featureCount + feature] = Float(value)
        }
      }
    case .teacher:
      let scale = 1 / Double(featureCount).squareRoot()
      var weights = [Double](repeating: 0, count: classCount * featureCount)
      for index in weights.indices {
        weights[index] = generator.nextNormal(standardDeviation: scale)
      }
      var input = [Double](repeating: 0, count: featureCount)
      for sample in 0..<sampleCount {
        for feature in 0..<featureCount { input[feature] = generator.nextNormal() }
        var best = 0
        var bestScore = -Double.infinity
        for label in 0..<classCount {
          var score = 0.0
          for feature in 0..<featureCount {
            score += weights[label * featureCount + feature] * input[feature]
          }
          if score > bestScore {
            best = label
            bestScore = score
          }
        }
        labels[sample] = Int32(best)
        for feature in 0..<featureCount {
          let value = input[feature] + generator.nextNormal(standardDeviation: noise)
          features[sample * featureCount + feature] = Float(value)
        }
      }
    }
    return Dataset(
      name: "synthetic-\(kind.rawValue)", featureShape: [featureCount], features: features,
      labels: labels, classCount: classCount)
  }
}
