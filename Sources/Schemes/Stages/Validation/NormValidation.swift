import SimCore

/// Rejects an update that strays too far from the global model: the L2 distance
/// ‖update − global‖₂ must be at most `bound`.
///
/// The score is the distance itself. It is computed in `Double`, summing the squared coordinate
/// differences in ascending coordinate order, so the result is the same on every machine. A
/// non-finite distance (an update holding NaN or ±∞) is rejected.
///
/// Every validator computes the same number from the same two vectors, so they all agree; the
/// validator count only sets how many verdicts (and how many charges of the work) a decision has.
///
/// Work: 3 flops per coordinate (a subtraction, a multiplication, an addition) and 1 for the
/// square root: `3d + 1` for d coordinates.
public struct NormValidation: UpdateValidation {
  /// The largest accepted L2 distance to the global model, in parameter units; finite and > 0.
  public let bound: Double
  /// How many validators judge each update (≥ 1).
  public let validatorCount: Int

  /// A rule accepting updates within `bound` of the global model, judged by `validatorCount`
  /// validators.
  /// - Precondition: `bound` is finite and > 0, and `validatorCount ≥ 1` (`ValidationSpec`
  ///   checks the bound when it parses).
  public init(bound: Double, validatorCount: Int = 1) {
    precondition(
      bound.isFinite && bound > 0, "NormValidation: bound \(bound) must be finite and > 0")
    precondition(
      validatorCount >= 1, "NormValidation: validator count \(validatorCount) must be ≥ 1")
    self.bound = bound
    self.validatorCount = validatorCount
  }

  /// ‖update − global‖₂, summed in `Double` in ascending coordinate order.
  /// - Precondition: both vectors have the same length.
  /// - Complexity: O(d).
  public static func distance(_ update: [Float], _ global: [Float]) -> Double {
    precondition(
      update.count == global.count,
      "NormValidation: update has \(update.count) parameters, global model \(global.count)")
    var sum = 0.0
    for index in update.indices {
      let difference = Double(update[index]) - Double(global[index])
      sum += difference * difference
    }
    return sum.squareRoot()
  }

  /// Accepts when the distance is at most `bound`; the score is the distance.
  /// - Precondition: `validator` is in `0..<validatorCount`; `update` and `global` have the same
  ///   length.
  /// - Complexity: O(d).
  public func judge(update: [Float], global: [Float], by validator: Int) -> (
    verdict: Verdict, work: Work
  ) {
    precondition(
      validator >= 0 && validator < validatorCount,
      "NormValidation: validator \(validator) outside 0..<\(validatorCount)")
    let distance = Self.distance(update, global)
    // `distance <= bound` is false for NaN, so a broken update is rejected.
    return (
      Verdict(accepted: distance <= bound, score: distance),
      .flops(3 * Int64(update.count) + 1)
    )
  }

  /// The rule in `ValidationSpec` form: `norm:bound=B`.
  public var description: String { "norm:bound=\(bound)" }
}
