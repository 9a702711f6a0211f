import SimCore
import Testing

@testable import Schemes

struct NormValidationTests {
  @Test func distanceIsTheEuclideanNormOfTheDifference() {
    // (3, 4, 0) − 0: √(9 + 16 + 0) = 5, a 3-4-5 triangle.
    #expect(NormValidation.distance([3, 4, 0], [0, 0, 0]) == 5)
    // (1, 2, 3) − (1, −2, 0) = (0, 4, 3): again √(0 + 16 + 9) = 5.
    #expect(NormValidation.distance([1, 2, 3], [1, -2, 0]) == 5)
    #expect(NormValidation.distance([], []) == 0)
  }

  @Test func updateWithinTheBoundIsAcceptedAndBeyondItRejected() {
    let update: [Float] = [3, 4, 0]
    let global: [Float] = [0, 0, 0]
    // The distance is 5 (above): a bound of 5 accepts (the bound itself is allowed), 4.9 rejects.
    let (atBound, work) = NormValidation(bound: 5).judge(update: update, global: global, by: 0)
    #expect(atBound == Verdict(accepted: true, score: 5))
    // 3 flops for each of 3 coordinates, plus the square root: 3 × 3 + 1 = 10.
    #expect(work == .flops(10))
    let tighter = NormValidation(bound: 4.9).judge(update: update, global: global, by: 0)
    #expect(tighter.verdict == Verdict(accepted: false, score: 5))
  }

  @Test func everyValidatorReachesTheSameVerdict() {
    let rule = NormValidation(bound: 4.9, validatorCount: 3)
    #expect(rule.validatorCount == 3)
    let verdicts = (0..<3).map { rule.judge(update: [3, 4, 0], global: [0, 0, 0], by: $0) }
    #expect(verdicts.allSatisfy { $0.verdict == Verdict(accepted: false, score: 5) })
    #expect(verdicts.allSatisfy { $0.work == .flops(10) })
    #expect(rule.description == "norm:bound=4.9")
  }

  @Test func nonFiniteUpdateIsRejected() {
    // NaN propagates into the distance, and `NaN ≤ bound` is false.
    let nan = NormValidation(bound: 1e30).judge(update: [.nan, 0], global: [0, 0], by: 0)
    #expect(!nan.verdict.accepted && nan.verdict.score.isNaN)
    let infinite = NormValidation(bound: 1e30).judge(update: [.infinity], global: [0], by: 0)
    #expect(infinite.verdict == Verdict(accepted: false, score: .infinity))
  }
}
