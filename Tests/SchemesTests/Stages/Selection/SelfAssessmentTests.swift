import Schemes
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

struct SelfAssessmentTests {
  /// The expected values are a few operations away from the computed ones; 1e-12 is far above
  /// their rounding and far below any difference a wrong formula would make.
  private static let tolerance = 1e-12

  @Test func evenTwoClassClientScoresByHand() {
    // Client 0: [0, 1]: size 2/4 = 0.5; p = (½, ½), H = ln 2, balance ln 2 / ln 2 = 1;
    // coverage 2/2 = 1; score (0.5 + 1 + 1)/3 = 5/6.
    // Client 1: [0, 0, 1, 1]: size 4/4 = 1, balance 1, coverage 1; score 1.
    let scores = SelfAssessment.scores(labels: [[0, 1], [0, 0, 1, 1]], classCount: 2)
    #expect(scores.count == 2)
    #expect(abs(scores[0] - 5.0 / 6) <= Self.tolerance)
    #expect(abs(scores[1] - 1) <= Self.tolerance)
  }

  @Test func singleLabelClientHasNoBalanceAndPartialCoverage() {
    // [0, 0, 0] of 3 classes: size 3/3 = 1, H = 0, coverage 1/3; score (1 + 0 + 1/3)/3 = 4/9.
    let scores = SelfAssessment.scores(labels: [[0, 0, 0]], classCount: 3)
    #expect(abs(scores[0] - 4.0 / 9) <= Self.tolerance)
  }

  @Test func skewedHistogramHasBinaryEntropyBalance() {
    // [0, 0, 0, 1]: p = (¾, ¼), H = −(¾ ln ¾ + ¼ ln ¼) ≈ 0.562335 nats; / ln 2 ≈ 0.811278
    // (the binary entropy of ¼).
    let scores = SelfAssessment.scores(
      labels: [[0, 0, 0, 1]], classCount: 2, weights: (size: 0, balance: 1, coverage: 0))
    let expected = -(0.75 * log(0.75) + 0.25 * log(0.25)) / log(2.0)
    #expect(abs(scores[0] - expected) <= Self.tolerance)
    #expect(abs(scores[0] - 0.811278) < 1e-6)
  }

  @Test func sizeIsRelativeToTheLargestClient() {
    let scores = SelfAssessment.scores(
      labels: [[0], [0, 1, 0, 1], [1, 1]], classCount: 2,
      weights: (size: 1, balance: 0, coverage: 0))
    // 1/4, 4/4, 2/4.
    #expect(scores == [0.25, 1, 0.5])
  }

  @Test func emptyClientAndSingleClassScoreZeroBalance() {
    // An empty client: size 0/2, balance 0 (n = 0), coverage 0/2.
    let scores = SelfAssessment.scores(labels: [[], [0, 1]], classCount: 2)
    #expect(scores[0] == 0)
    // One class: ln 1 = 0, so balance is defined as 0; size 1, coverage 1: (1 + 0 + 1)/3.
    let single = SelfAssessment.scores(labels: [[0, 0]], classCount: 1)
    #expect(abs(single[0] - 2.0 / 3) <= Self.tolerance)
    // Every client empty: size is 0, not 0/0.
    #expect(SelfAssessment.scores(labels: [[], []], classCount: 2) == [0, 0])
  }

  @Test func evenHistogramsNeverScoreAboveOne() {
    // Summing −p ln p over 5 (or 40) classes of p = 1/C lands a few ulps above ln C, so the raw
    // ratio is 1.0000000000000002; a score above 1 would trap in `ReputationBook`.
    for classCount in [5, 40, 64] {
      let labels = [(0..<Int32(classCount)).map { $0 }]
      let balance = SelfAssessment.scores(
        labels: labels, classCount: classCount, weights: (size: 0, balance: 1, coverage: 0))
      #expect(balance == [1], "\(classCount) classes")
      let score = SelfAssessment.scores(labels: labels, classCount: classCount)
      #expect(score == [1], "\(classCount) classes")
      _ = ReputationBook(selfAssessments: score)
    }
    // Weights summing to 1 + 1e-10 (within rounding tolerance) still give at most 1.
    let heavy = SelfAssessment.scores(
      labels: [[0, 1]], classCount: 2, weights: (size: 0.5, balance: 0.5, coverage: 1e-10))
    #expect(heavy == [1])
  }

  @Test func uniformGivesEveryClientOne() {
    #expect(SelfAssessment.uniform(count: 3) == [1, 1, 1])
    #expect(SelfAssessment.uniform(count: 0) == [])
  }
}
