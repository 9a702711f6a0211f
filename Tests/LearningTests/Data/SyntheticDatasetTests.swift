import SimCore
import Testing

@testable import Learning

struct SyntheticDatasetTests {
  private func make(_ recipe: SyntheticDataset, seed: UInt64 = 5) throws -> Dataset {
    var generator = RandomStreams(seed: seed).make(.syntheticData)
    return try recipe.make(using: &generator)
  }

  @Test(arguments: SyntheticDataset.Kind.allCases)
  func shapeAndLabelsFollowTheRecipe(kind: SyntheticDataset.Kind) throws {
    let data = try make(
      SyntheticDataset(kind: kind, sampleCount: 300, classCount: 4, featureCount: 12))
    #expect(data.name == "synthetic-\(kind.rawValue)")
    #expect(data.count == 300)
    #expect(data.featureShape == [12])
    #expect(data.classCount == 4)
    #expect(Set(data.labels).count > 1)
  }

  @Test(arguments: SyntheticDataset.Kind.allCases)
  func sameSeedSameBitsOtherSeedOtherBits(kind: SyntheticDataset.Kind) throws {
    let recipe = SyntheticDataset(kind: kind, sampleCount: 50, featureCount: 8)
    let first = try make(recipe, seed: 1)
    let again = try make(recipe, seed: 1)
    #expect(first.features.map(\.bitPattern) == again.features.map(\.bitPattern))
    #expect(first.labels == again.labels)
    #expect(try make(recipe, seed: 2).features != first.features)
  }

  @Test func blobLabelsCycleAndNoiselessSamplesSitOnTheirCentre() throws {
    let data = try make(
      SyntheticDataset(kind: .blobs, sampleCount: 30, classCount: 3, featureCount: 5, noise: 0))
    #expect(data.labels == (0..<30).map { Int32($0 % 3) })
    // Without noise every sample of a class equals the class centre, and centres differ.
    let rows = (0..<30).map { Array(data.features[($0 * 5)..<($0 * 5 + 5)]) }
    for sample in 3..<30 { #expect(rows[sample] == rows[sample % 3]) }
    #expect(rows[0] != rows[1] && rows[1] != rows[2])
  }

  @Test func teacherLabelsAreTheArgmaxOfTheDocumentedDraws() throws {
    // Replays the documented draw order: W (classes × features, N(0, 1/features)) first, then
    // per sample x ~ N(0, 1) followed by one noise draw per feature (σ = 0 here, so the stored
    // features are x itself). The label must be argmax W·x.
    let recipe = SyntheticDataset(
      kind: .teacher, sampleCount: 200, classCount: 3, featureCount: 4, noise: 0)
    let data = try make(recipe, seed: 8)
    var replay = RandomStreams(seed: 8).make(.syntheticData)
    let weights = (0..<12).map { _ in replay.nextNormal(standardDeviation: 0.5) }
    for sample in 0..<200 {
      let x = (0..<4).map { _ in replay.nextNormal() }
      for _ in 0..<4 { _ = replay.nextNormal(standardDeviation: 0) }
      let scores = (0..<3).map { label in
        (0..<4).reduce(0.0) { $0 + weights[label * 4 + $1] * x[$1] }
      }
      #expect(Int(data.labels[sample]) == scores.firstIndex(of: scores.max()!))
      #expect(Array(data.features[(sample * 4)..<(sample * 4 + 4)]) == x.map { Float($0) })
    }
    let counts = PartitionStatistics.labelCounts(
      of: Array(0..<200), labels: data.labels, classCount: 3)
    #expect(counts.allSatisfy { $0 > 0 }, "class counts \(counts)")
  }

  @Test func classCountsThatWouldTrapAreRejected() {
    // Labels are Int32: 2^31 classes cannot all be labelled.
    #expect(
      throws: DatasetError.invalidParameter(
        name: "classes", value: "2147483648", accepted: "at most 2^31 − 1")
    ) { try SyntheticDataset(sampleCount: 10, classCount: 1 << 31, featureCount: 1).validate() }
    // 2^30 classes × 2^10 features = 2^40 centre coordinates.
    #expect(
      throws: DatasetError.invalidParameter(
        name: "classes × features", value: "1099511627776", accepted: "at most 2^34 numbers")
    ) {
      try SyntheticDataset(sampleCount: 10, classCount: 1 << 30, featureCount: 1 << 10).validate()
    }
    // (2^31 − 1) classes × 2^34 features ≈ 2^65 overflows Int (one sample keeps
    // samples × features at the 2^34 limit).
    #expect(
      throws: DatasetError.invalidParameter(
        name: "classes × features", value: "overflow", accepted: "at most 2^34 numbers")
    ) {
      try SyntheticDataset(sampleCount: 1, classCount: Int(Int32.max), featureCount: 1 << 34)
        .validate()
    }
  }

  @Test func invalidRecipesNameTheParameter() {
    let cases: [(SyntheticDataset, DatasetError)] = [
      (
        SyntheticDataset(sampleCount: 0),
        .invalidParameter(name: "samples", value: "0", accepted: "at least 1")
      ),
      (
        SyntheticDataset(classCount: 0),
        .invalidParameter(name: "classes", value: "0", accepted: "at least 1")
      ),
      (
        SyntheticDataset(noise: -1),
        .invalidParameter(name: "noise", value: "-1.0", accepted: "finite and ≥ 0")
      ),
      (
        SyntheticDataset(sampleCount: 1 << 40, featureCount: 1 << 30),
        .invalidParameter(
          name: "samples × features", value: "overflow", accepted: "at most 2^34 floats")
      ),
    ]
    for (recipe, expected) in cases {
      #expect(throws: expected) { try recipe.validate() }
    }
  }
}
