import SimCore

/// The validators' joint decision on one update: every validator's verdict, the majority's
/// answer and the work.
public struct ValidationDecision: Sendable, Hashable {
  /// Whether a strict majority of the validators accepted the update (a tie rejects).
  public var accepted: Bool
  /// The mean of the validators' scores.
  public var score: Double
  /// Each validator's verdict, by validator index.
  public var verdicts: [Verdict]
  /// The work each validator did, by validator index: what to charge each one.
  public var works: [Work]
  /// The decision's critical-path work: the validators run in parallel, each on its own
  /// machine, so this is the count-by-count maximum of `works` (the largest single validator's
  /// work whenever one dominates in every count, as it does for rules counting flops only).
  public var work: Work

  /// A decision from its parts.
  public init(accepted: Bool, score: Double, verdicts: [Verdict], works: [Work], work: Work) {
    self.accepted = accepted
    self.score = score
    self.verdicts = verdicts
    self.works = works
    self.work = work
  }
}

extension UpdateValidation {
  /// Every validator's judgement of `update`, in ascending validator order, and the majority's
  /// decision.
  ///
  /// The update is accepted when more than half of the validators accept it; with an even
  /// count a tie rejects, since validation exists to keep doubtful updates out of the aggregate.
  /// The score is the mean of the scores, summed in validator order.
  /// - Precondition: `validatorCount ≥ 1`.
  /// - Complexity: `validatorCount` judgements.
  public func decide(update: [Float], global: [Float]) -> ValidationDecision {
    precondition(validatorCount >= 1, "\(self): validator count \(validatorCount) must be ≥ 1")
    var verdicts: [Verdict] = []
    verdicts.reserveCapacity(validatorCount)
    var works: [Work] = []
    works.reserveCapacity(validatorCount)
    var acceptances = 0
    var scoreSum = 0.0
    var slowest = Work.zero
    for validator in 0..<validatorCount {
      let (verdict, work) = judge(update: update, global: global, by: validator)
      verdicts.append(verdict)
      works.append(work)
      if verdict.accepted { acceptances += 1 }
      scoreSum += verdict.score
      slowest = Work(
        floatingPointOperations: max(slowest.floatingPointOperations, work.floatingPointOperations),
        limbMultiplications: max(slowest.limbMultiplications, work.limbMultiplications),
        bytesHashed: max(slowest.bytesHashed, work.bytesHashed),
        bytesCiphered: max(slowest.bytesCiphered, work.bytesCiphered),
        curveScalarMultiplications: max(
          slowest.curveScalarMultiplications, work.curveScalarMultiplications))
    }
    return ValidationDecision(
      accepted: 2 * acceptances > validatorCount, score: scoreSum / Double(validatorCount),
      verdicts: verdicts, works: works, work: slowest)
  }
}
