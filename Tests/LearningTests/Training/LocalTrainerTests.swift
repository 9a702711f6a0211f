import SimCore
import Testing

@testable import Learning

struct LocalTrainerTests {
  /// Points uniform in [−1, 1]⁴, labelled 1 when x₀ + x₁ − x₂ > 0: linearly separable.
  private static func separableData(count: Int, seed: UInt64) -> Dataset {
    var generator = RandomStreams(seed: seed).make(.syntheticData)
    var features: [Float] = []
    var labels: [Int32] = []
    for _ in 0..<count {
      let x = (0..<4).map { _ in Float(generator.nextUnitDouble() * 2 - 1) }
      features += x
      labels.append(x[0] + x[1] - x[2] > 0 ? 1 : 0)
    }
    return Dataset(
      name: "separable", featureShape: [4], features: features, labels: labels, classCount: 2)
  }

  /// 8 × 8 images with a bright row (class 0) or a bright column (class 1) at a random place,
  /// over faint noise.
  private static func barsData(count: Int, seed: UInt64) -> Dataset {
    var generator = RandomStreams(seed: seed).make(.syntheticData)
    var features: [Float] = []
    var labels: [Int32] = []
    for sample in 0..<count {
      var image = (0..<64).map { _ in Float(generator.nextUnitDouble() * 0.2) }
      let position = generator.nextInt(below: 8)
      let isColumn = sample % 2 == 1
      for i in 0..<8 { image[isColumn ? i * 8 + position : position * 8 + i] = 1 }
      features += image
      labels.append(isColumn ? 1 : 0)
    }
    return Dataset(
      name: "bars", featureShape: [1, 8, 8], features: features, labels: labels, classCount: 2)
  }

  @Test func tinyMLPLearnsASeparableTask() throws {
    let data = Self.separableData(count: 200, seed: 1)
    var initialisation = RandomStreams(seed: 2).make(.modelInitialisation)
    let model = Model(spec: try ModelSpec(parsing: "mlp:4-8-2"), using: &initialisation)
    let before = try model.evaluate(on: data)
    var shuffling = RandomStreams(seed: 2).make(.dataShuffling)
    let trainer = try LocalTrainer(epochs: 30, batchSize: 10, learningRate: 0.2, momentum: 0.5)
    let outcome = try trainer.train(model, on: data, using: &shuffling)
    let after = try Model(spec: model.spec, parameters: outcome.parameters).evaluate(on: data)
    // An untrained 2-class model is near chance (loss ≈ ln 2 ≈ 0.69); a separating hyperplane
    // exists, so training should bring the loss well down and classify nearly everything.
    #expect(after.meanLoss < before.meanLoss / 3, "loss \(before.meanLoss) → \(after.meanLoss)")
    #expect(after.accuracy >= 0.95, "accuracy \(after.accuracy)")
    #expect(outcome.steps == 30 * 20 && outcome.samplesProcessed == 6000)
  }

  @Test func digitsCNNLearnsBars() throws {
    let data = Self.barsData(count: 40, seed: 3)
    var initialisation = RandomStreams(seed: 4).make(.modelInitialisation)
    let model = Model(spec: .cnnDigits, using: &initialisation)
    var shuffling = RandomStreams(seed: 4).make(.dataShuffling)
    let first = try LocalTrainer(epochs: 1, batchSize: 8, learningRate: 0.05).train(
      model, on: data, using: &shuffling)
    var trained = try Model(spec: .cnnDigits, parameters: first.parameters)
    let later = try LocalTrainer(epochs: 6, batchSize: 8, learningRate: 0.05).train(
      trained, on: data, using: &shuffling)
    trained.parameters = later.parameters
    let evaluation = try trained.evaluate(on: data)
    // Rows versus columns is easy for two 5×5 convolutions: the loss falls from the first
    // epoch's mean and the training set is classified almost perfectly.
    #expect(later.meanLoss < first.meanLoss, "loss \(first.meanLoss) → \(later.meanLoss)")
    #expect(evaluation.accuracy >= 0.9, "accuracy \(evaluation.accuracy)")
  }

  @Test func sameSeedGivesIdenticalBitsAndAnotherSeedDoesNot() throws {
    let data = Self.separableData(count: 50, seed: 5)
    var initialisation = RandomStreams(seed: 6).make(.modelInitialisation)
    let model = Model(spec: .mlp(widths: [4, 6, 2]), using: &initialisation)
    let trainer = try LocalTrainer(
      epochs: 2, batchSize: 7, learningRate: 0.1, momentum: 0.9, weightDecay: 1e-3)
    func run(seed: UInt64) throws -> TrainingOutcome {
      var generator = RandomStreams(seed: seed).make(.dataShuffling)
      return try trainer.train(model, on: data, using: &generator)
    }
    let a = try run(seed: 7)
    let b = try run(seed: 7)
    let c = try run(seed: 8)
    #expect(a.parameters.map(\.bitPattern) == b.parameters.map(\.bitPattern))
    #expect(a.meanLoss.bitPattern == b.meanLoss.bitPattern && a.work == b.work)
    #expect(a.parameters != c.parameters)
  }

  @Test func countsWorkByTheDocumentedRule() throws {
    // mlp:4-3-2 (23 parameters), 5 samples, batch 2 → batches of 2, 2, 1; plain SGD.
    // Per sample: dense1 forward 2·4·3 + 3 = 27; ReLU 3; dense2 forward 2·3·2 + 2 = 14;
    // loss 6·2 + 2 + 1 = 15; dense2 backward 12 + 2 + 12 = 26; ReLU 3; dense1 backward 24 + 3 = 27
    // (no ∂x for the first layer): 115 per sample. Per step, SGD 2·23 = 46.
    // Total: 115·5 + 46·3 = 713.
    let data = Self.separableData(count: 5, seed: 9)
    var generator = RandomStreams(seed: 10).make(.modelInitialisation)
    let model = Model(spec: .mlp(widths: [4, 3, 2]), using: &generator)
    let outcome = try LocalTrainer(epochs: 1, batchSize: 2, learningRate: 0.1).train(
      model, on: data, using: &generator)
    #expect(outcome.work == .flops(713))
    #expect(outcome.steps == 3)
  }

  @Test func evaluationMatchesAHandComputation() throws {
    // mlp:2-2 with W = I and b = 0, so logits = x. Sample [1, 0] with label 0 is right, loss
    // ln(1 + e⁻¹) = 0.31326168751822286; sample [0, 1] with label 0 is wrong, loss
    // ln(1 + e) = 1.3132616875182228. Accuracy ½, mean loss 0.8132616875182228.
    // Work: forward 2·2·2·2 + 2·2 = 20; loss without gradient (4·2 + 1 + 1)·2 = 20; arg-max 2.
    let model = try Model(spec: .mlp(widths: [2, 2]), parameters: [1, 0, 0, 1, 0, 0])
    let data = Dataset(
      name: "two", featureShape: [2], features: [1, 0, 0, 1], labels: [0, 0], classCount: 2)
    let evaluation = try model.evaluate(on: data)
    #expect(evaluation.accuracy == 0.5)
    #expect(abs(evaluation.meanLoss - 0.8132616875182228) < 1e-15)
    #expect(evaluation.work == .flops(42))
  }

  @Test func rejectsBadSettingsAndMismatchedData() throws {
    #expect(
      throws: ModelError.invalidSetting(name: "batchSize", value: "0", accepted: "an integer ≥ 1")
    ) {
      try LocalTrainer(epochs: 1, batchSize: 0, learningRate: 0.1)
    }
    #expect(
      throws: ModelError.invalidSetting(
        name: "momentum", value: "1.0", accepted: "a number in [0, 1)")
    ) {
      try LocalTrainer(epochs: 1, batchSize: 1, learningRate: 0.1, momentum: 1)
    }
    let model = try Model(spec: .mlp(widths: [3, 2]), parameters: [Float](repeating: 0, count: 8))
    let data = Self.separableData(count: 4, seed: 11)
    var generator = RandomStreams(seed: 12).make(.dataShuffling)
    #expect(
      throws: ModelError.featureCountMismatch(
        model: "mlp:3-2", dataset: "separable", expected: 3, actual: 4)
    ) {
      try LocalTrainer(epochs: 1, batchSize: 1, learningRate: 0.1).train(
        model, on: data, using: &generator)
    }
    // Ten classes cannot be scored by two outputs.
    let tenClasses = Dataset(
      name: "ten", featureShape: [3], features: [0, 0, 0], labels: [9], classCount: 10)
    #expect(
      throws: ModelError.classCountMismatch(
        model: "mlp:3-2", dataset: "ten", outputs: 2, classes: 10)
    ) {
      try model.evaluate(on: tenClasses)
    }
  }
}
