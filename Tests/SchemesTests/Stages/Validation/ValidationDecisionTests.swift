import SimCore
import Testing

@testable import Schemes

/// A rule whose validator v returns `verdicts[v]` and `works[v]`, whatever the update.
private struct ScriptedValidation: UpdateValidation {
  var verdicts: [Verdict]
  var works: [Work]
  var validatorCount: Int { verdicts.count }
  var description: String { "scripted" }

  func judge(update: [Float], global: [Float], by validator: Int) -> (verdict: Verdict, work: Work)
  {
    (verdicts[validator], works[validator])
  }
}

struct ValidationDecisionTests {
  @Test func twoOfThreeAcceptingIsAMajority() {
    let rule = ScriptedValidation(
      verdicts: [
        Verdict(accepted: true, score: 0.75), Verdict(accepted: false, score: 0.25),
        Verdict(accepted: true, score: 0.5),
      ],
      works: [.flops(10), .flops(30), .flops(20)])
    let decision = rule.decide(update: [1], global: [0])
    #expect(decision.accepted)  // 2 × 2 > 3
    // (0.75 + 0.25 + 0.5) / 3 = 1.5 / 3 = 0.5, exact in binary.
    #expect(decision.score == 0.5)
    #expect(decision.verdicts == rule.verdicts)
    #expect(decision.works == [.flops(10), .flops(30), .flops(20)])
    // The validators run in parallel: the slowest one's 30 flops, not the sum of 60.
    #expect(decision.work == .flops(30))
  }

  @Test func oneOfThreeAcceptingIsRejected() {
    let rule = ScriptedValidation(
      verdicts: [
        Verdict(accepted: false, score: 1), Verdict(accepted: true, score: 2),
        Verdict(accepted: false, score: 6),
      ],
      works: [.zero, .zero, .zero])
    let decision = rule.decide(update: [], global: [])
    #expect(!decision.accepted)  // 2 × 1 < 3
    #expect(decision.score == 3)  // (1 + 2 + 6) / 3
  }

  @Test func aTieRejects() {
    let rule = ScriptedValidation(
      verdicts: [Verdict(accepted: true, score: 0.9), Verdict(accepted: false, score: 0.2)],
      works: [.flops(5), .flops(5)])
    let decision = rule.decide(update: [], global: [])
    #expect(!decision.accepted)  // 2 × 1 = 2, not > 2
    // (0.9 + 0.2) / 2: the sum is 1.1 rounded once in binary, halved exactly.
    #expect(decision.score == (0.9 + 0.2) / 2)
    #expect(decision.work == .flops(5))
  }

  @Test func aSingleValidatorDecidesAlone() {
    let accept = ScriptedValidation(
      verdicts: [Verdict(accepted: true, score: 0.4)], works: [.flops(7)])
    #expect(
      accept.decide(update: [], global: [])
        == ValidationDecision(
          accepted: true, score: 0.4, verdicts: accept.verdicts, works: [.flops(7)],
          work: .flops(7)))
  }

  @Test func criticalPathWorkIsTheMaximumInEachCount() {
    // Validator 0 does more flops, validator 1 more hashing: each count's maximum is kept.
    let rule = ScriptedValidation(
      verdicts: Array(repeating: Verdict(accepted: true, score: 0), count: 2),
      works: [
        Work(floatingPointOperations: 9, bytesHashed: 1),
        Work(floatingPointOperations: 4, bytesHashed: 64),
      ])
    #expect(
      rule.decide(update: [], global: []).work
        == Work(floatingPointOperations: 9, bytesHashed: 64))
  }
}
