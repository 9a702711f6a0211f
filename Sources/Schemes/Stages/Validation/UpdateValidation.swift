import SimCore

/// One validator's judgement of one update: its score (an accuracy, or a distance) and whether it
/// passes.
public struct Verdict: Sendable, Hashable {
  public var accepted: Bool
  /// What the rule measured: a validation accuracy in [0, 1], or a distance to the global model.
  public var score: Double

  public init(accepted: Bool, score: Double) {
    self.accepted = accepted
    self.score = score
  }
}

/// The validation stage: whether an update may enter the aggregate.
///
/// Every validator judges every update (each on its own data, for `accuracy`); the majority
/// decides, and each verdict feeds the client's reputation. The work is one validator's: each
/// validator does its own, and the driver or the contract runtime charges it to each.
public protocol UpdateValidation: Sendable, CustomStringConvertible {
  /// How many validators judge each update.
  var validatorCount: Int { get }

  /// Validator `validator`'s verdict on `update`, given the round's global model `global`, and
  /// the work that validator did to reach it.
  func judge(update: [Float], global: [Float], by validator: Int) -> (verdict: Verdict, work: Work)
}
