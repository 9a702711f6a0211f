import Learning
import SimCore
import Testing

@testable import Schemes

struct AccuracyValidationTests {
  /// Two validators' sets, a well-trained update, a less-trained one and the initial model.
  private struct Fixture {
    var architecture: ModelSpec
    var validationSets: [Dataset]
    /// The initial model trained 1 epoch: validation accuracies (0.91, 0.83) (measured).
    var oneEpoch: [Float]
    /// `oneEpoch` trained 4 more epochs: validation accuracies (0.97, 0.96) (measured).
    var fiveEpochs: [Float]
  }

  /// 600 Gaussian blobs in 4 classes and 16 features (label i mod 4): samples 0..<400 train an
  /// `mlp:16-16-4`, samples 400..<600 are dealt to 2 validators (100 each, 25 per class).
  private static func makeFixture() throws -> Fixture {
    var dataGenerator = RandomStreams(seed: 11).make(.syntheticData)
    let all = try SyntheticDataset(
      kind: .blobs, sampleCount: 600, classCount: 4, featureCount: 16
    ).make(using: &dataGenerator)
    let training = all.subset(Array(0..<400))
    let sets = AccuracyValidation.split(all.subset(Array(400..<600)), validators: 2)
    let architecture = try ModelSpec(parsing: "mlp:16-16-4")
    var initialisation = RandomStreams(seed: 12).make(.modelInitialisation)
    let initial = Model(spec: architecture, using: &initialisation)
    var shuffling = RandomStreams(seed: 12).make(.dataShuffling)
    let one = try LocalTrainer(epochs: 1, batchSize: 20, learningRate: 0.1).train(
      initial, on: training, using: &shuffling)
    let five = try LocalTrainer(epochs: 4, batchSize: 20, learningRate: 0.1).train(
      try Model(spec: architecture, parameters: one.parameters), on: training, using: &shuffling)
    return Fixture(
      architecture: architecture, validationSets: sets, oneEpoch: one.parameters,
      fiveEpochs: five.parameters)
  }

  private func evaluation(_ parameters: [Float], _ fixture: Fixture, validator: Int) throws
    -> Evaluation
  {
    try Model(spec: fixture.architecture, parameters: parameters).evaluate(
      on: fixture.validationSets[validator], batchSize: AccuracyValidation.evaluationBatchSize)
  }

  @Test func absoluteThresholdAcceptsATrainedUpdateAndRejectsAZeroOne() throws {
    let fixture = try Self.makeFixture()
    let good = fixture.fiveEpochs
    // All-zero parameters give all-zero logits; the arg-max tie goes to class 0, so the accuracy
    // is the share of class 0 in each validator's 100 samples: 25 / 100 = 0.25 exactly.
    let bad = [Float](repeating: 0, count: good.count)
    // The trained update measures 0.97 and 0.96 on the two sets, the zero update 0.25: 0.6 lies
    // well inside the gap, so neither side sits near the threshold.
    let rule = AccuracyValidation(
      architecture: fixture.architecture, validationSets: fixture.validationSets,
      threshold: .absolute(0.6))
    #expect(rule.validatorCount == 2)
    for validator in 0..<2 {
      let expected = try evaluation(good, fixture, validator: validator)
      let (goodVerdict, goodWork) = rule.judge(update: good, global: bad, by: validator)
      #expect(goodVerdict == Verdict(accepted: true, score: expected.accuracy))
      #expect(goodVerdict.score >= 0.95, "validator \(validator): \(goodVerdict.score)")
      #expect(goodWork == expected.work && !goodWork.isZero)
      let (badVerdict, badWork) = rule.judge(update: bad, global: good, by: validator)
      #expect(badVerdict == Verdict(accepted: false, score: 0.25))
      #expect(badWork == (try evaluation(bad, fixture, validator: validator)).work)
    }
    #expect(rule.description == "accuracy:threshold=0.6")
  }

  @Test func relativeThresholdComparesWithTheGlobalModelOnTheSameSet() throws {
    let fixture = try Self.makeFixture()
    let global = fixture.oneEpoch  // accuracies (0.91, 0.83)
    let good = fixture.fiveEpochs  // accuracies (0.97, 0.96)
    let bad = [Float](repeating: 0, count: good.count)  // 0.25 on both (see above)
    let rule = AccuracyValidation(
      architecture: fixture.architecture, validationSets: fixture.validationSets,
      threshold: .relative(margin: 0.05))
    for validator in 0..<2 {
      let update = try evaluation(good, fixture, validator: validator)
      let reference = try evaluation(global, fixture, validator: validator)
      // 0.97 ≥ 0.91 − 0.05 and 0.96 ≥ 0.83 − 0.05: accepted; 0.25 is far below both bars.
      let (verdict, work) = rule.judge(update: good, global: global, by: validator)
      #expect(verdict == Verdict(accepted: true, score: update.accuracy))
      // The validator evaluates both models on its set and is charged for both.
      #expect(work == update.work + reference.work)
      #expect(!rule.judge(update: bad, global: global, by: validator).verdict.accepted)
    }
    // Roles swapped, the one-epoch update (0.91, 0.83) trails the five-epoch global model
    // (0.97, 0.96) by 0.06 and 0.13: outside a 0.05 margin, inside a 0.2 one.
    let strict = rule
    let lenient = AccuracyValidation(
      architecture: fixture.architecture, validationSets: fixture.validationSets,
      threshold: .relative(margin: 0.2))
    for validator in 0..<2 {
      #expect(!strict.judge(update: global, global: good, by: validator).verdict.accepted)
      #expect(lenient.judge(update: global, global: good, by: validator).verdict.accepted)
    }
    #expect(rule.description == "accuracy:margin=0.05")
  }

  @Test func splitDealsEqualContiguousPartsAndDropsTheRemainder() {
    // Ten one-feature samples whose label is their index, so each part's labels show which
    // samples it got: ⌊10 / 3⌋ = 3 each, and sample 9 (10 mod 3 = 1 left over) goes unused.
    let data = Dataset(
      name: "ten", featureShape: [1], features: (0..<10).map { Float($0) },
      labels: (0..<10).map { Int32($0) }, classCount: 10)
    let parts = AccuracyValidation.split(data, validators: 3)
    #expect(parts.map(\.labels) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
    #expect(parts.map(\.features) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
    #expect(parts.map(\.name) == ["ten-validator-0", "ten-validator-1", "ten-validator-2"])
    #expect(
      AccuracyValidation.split(data, validators: 10).map(\.count) == Array(repeating: 1, count: 10))
  }
}
