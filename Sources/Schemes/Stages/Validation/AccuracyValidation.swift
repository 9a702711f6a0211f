import Learning
import SimCore

/// LL-BCFL's update validation (algorithm 2, `Valid_Model`): a validator (a miner) predicts its
/// own validation data with the client's updated model and accepts the update when the accuracy
/// is high enough.
///
/// Validator v holds `validationSets[v]` (see `split(_:validators:)` for dealing one held-out set
/// among the validators). The score is the update's accuracy on that set, exactly as
/// `Model.evaluate(on:batchSize:)` computes it. The threshold is either an absolute accuracy or a
/// margin below the round's global model, measured on the same validator's set.
///
/// Work: the evaluation's own count of inference flops (forward passes, loss and arg-max) in
/// batches of `evaluationBatchSize`. In relative mode the validator also evaluates the global
/// model and is charged for it on every judgement; a real miner would cache that accuracy for
/// the round, but charging it each time keeps the rule stateless and its cost exact per call.
///
/// The model and the validation data must fit (`Model.validate`); the scenario decoder checks
/// that before building the rule, so a mismatch here is a programmer error and fails a
/// precondition.
public struct AccuracyValidation: UpdateValidation {
  /// When an update's accuracy is good enough.
  public enum Threshold: Sendable, Hashable {
    /// Accept when the update's accuracy is at least this value, in [0, 1].
    case absolute(Double)
    /// Accept when the update's accuracy is at least the global model's accuracy on the same
    /// validator's set minus `margin`, in [0, 1].
    case relative(margin: Double)
  }

  /// Samples per evaluation batch. Fixed so that the work charged never depends on a setting.
  public static let evaluationBatchSize = 256

  /// The architecture the updates' parameters belong to.
  public let architecture: ModelSpec
  /// Validator v's validation data, by validator index; none is empty.
  public let validationSets: [Dataset]
  /// The acceptance rule.
  public let threshold: Threshold

  /// A rule evaluating updates of `architecture` on one validation set per validator.
  /// - Precondition: at least one set, none empty; an absolute threshold or a margin in [0, 1].
  public init(architecture: ModelSpec, validationSets: [Dataset], threshold: Threshold) {
    precondition(!validationSets.isEmpty, "AccuracyValidation: no validation sets")
    for (index, set) in validationSets.enumerated() {
      precondition(
        set.count > 0, "AccuracyValidation: validation set \(index) (\(set.name)) is empty")
    }
    switch threshold {
    case .absolute(let value):
      precondition(
        value >= 0 && value <= 1, "AccuracyValidation: threshold \(value) outside [0, 1]")
    case .relative(let margin):
      precondition(
        margin >= 0 && margin <= 1, "AccuracyValidation: margin \(margin) outside [0, 1]")
    }
    self.architecture = architecture
    self.validationSets = validationSets
    self.threshold = threshold
  }

  /// How many validators judge each update: one per validation set.
  public var validatorCount: Int { validationSets.count }

  /// Validator `validator`'s verdict: the update's accuracy on its set, compared with the
  /// threshold; the work is that evaluation's (plus the global model's, in relative mode).
  /// - Precondition: `validator` is in `0..<validatorCount`; `update` and `global` both have the
  ///   architecture's parameter count; the validator's set fits the architecture.
  /// - Complexity: one forward pass per validation sample (two in relative mode).
  public func judge(update: [Float], global: [Float], by validator: Int) -> (
    verdict: Verdict, work: Work
  ) {
    precondition(
      validator >= 0 && validator < validatorCount,
      "AccuracyValidation: validator \(validator) outside 0..<\(validatorCount)")
    precondition(
      update.count == global.count,
      "AccuracyValidation: update has \(update.count) parameters, global model \(global.count)")
    let data = validationSets[validator]
    let evaluation = evaluate(update, on: data)
    switch threshold {
    case .absolute(let minimum):
      return (
        Verdict(accepted: evaluation.accuracy >= minimum, score: evaluation.accuracy),
        evaluation.work
      )
    case .relative(let margin):
      let reference = evaluate(global, on: data)
      return (
        Verdict(
          accepted: evaluation.accuracy >= reference.accuracy - margin,
          score: evaluation.accuracy),
        evaluation.work + reference.work
      )
    }
  }

  /// `parameters` as a model of `architecture`, evaluated on `data`.
  private func evaluate(_ parameters: [Float], on data: Dataset) -> Evaluation {
    do {
      let model = try Model(spec: architecture, parameters: parameters)
      return try model.evaluate(on: data, batchSize: Self.evaluationBatchSize)
    } catch {
      preconditionFailure("AccuracyValidation: \(error)")
    }
  }

  /// The rule in `ValidationSpec` form, without the validation fraction (the rule holds the
  /// data, not the fraction it came from): `accuracy:threshold=T` or `accuracy:margin=M`.
  public var description: String {
    switch threshold {
    case .absolute(let value): "accuracy:threshold=\(value)"
    case .relative(let margin): "accuracy:margin=\(margin)"
    }
  }
}

// MARK: - Dealing validation data

extension AccuracyValidation {
  /// `data` dealt into `validators` disjoint contiguous parts of equal size, named
  /// `<name>-validator-<v>`: part v holds samples `v·q ..< (v + 1)·q` with
  /// `q = ⌊data.count / validators⌋`.
  ///
  /// The last `data.count mod validators` samples are left out, so that every validator judges
  /// on the same number of samples and does the same work. Shuffle `data` beforehand if its
  /// order is not random (e.g. sorted by label).
  /// - Precondition: `1 ≤ validators ≤ data.count`, so no part is empty.
  /// - Complexity: O(data.count × data.featureCount).
  public static func split(_ data: Dataset, validators: Int) -> [Dataset] {
    precondition(
      validators >= 1 && validators <= data.count,
      "AccuracyValidation.split: \(validators) validators for \(data.count) samples of \(data.name)"
    )
    let size = data.count / validators
    return (0..<validators).map { validator in
      data.subset(
        Array((validator * size)..<((validator + 1) * size)),
        name: "\(data.name)-validator-\(validator)")
    }
  }
}
