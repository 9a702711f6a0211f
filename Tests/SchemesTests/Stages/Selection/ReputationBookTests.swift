import Schemes
import SimCore
import Testing

struct ReputationBookTests {
  /// Every expected value below is a handful of exact-ish operations; 1e-12 is far above their
  /// rounding and far below any difference a wrong formula would make.
  private static let tolerance = 1e-12

  private func isClose(_ value: Double, _ expected: Double) -> Bool {
    abs(value - expected) <= Self.tolerance
  }

  @Test func freshClientIsFullyUncertainWithBaseRateOpinion() {
    let book = ReputationBook(selfAssessments: [0.8])
    let client = ClientID(0)
    // r = q = 0: b = 0/2, d = 0/2, u = 2/2 = 1, E = 0 + 0.5 · 1 = 0.5.
    #expect(book.belief(of: client) == 0)
    #expect(book.disbelief(of: client) == 0)
    #expect(book.uncertainty(of: client) == 1)
    #expect(book.expectedOpinion(of: client) == 0.5)
    // R = 0.3 · 0.8 + 0.7 · 0.5 = 0.24 + 0.35 = 0.59.
    #expect(isClose(book.reputation(of: client), 0.59))
  }

  @Test func opinionAndReputationFollowSubjectiveLogic() {
    var book = ReputationBook(selfAssessments: [0.8, 0.5])
    let client = ClientID(0)
    for _ in 0..<3 { book.record(client: client, accepted: true) }
    book.record(client: client, accepted: false)
    // r = 3, q = 1, W = 2, so r + q + W = 6: b = 3/6 = 0.5, d = 1/6, u = 2/6 = 1/3,
    // E = b + a·u = 0.5 + 0.5 · 1/3 = 2/3.
    #expect(book.evidence(of: client) == (accepted: 3, rejected: 1))
    #expect(isClose(book.belief(of: client), 0.5))
    #expect(isClose(book.disbelief(of: client), 1.0 / 6))
    #expect(isClose(book.uncertainty(of: client), 1.0 / 3))
    #expect(isClose(book.expectedOpinion(of: client), 2.0 / 3))
    // R = 0.3 · 0.8 + 0.7 · 2/3 = 0.24 + 0.46667 = 0.70667.
    #expect(isClose(book.reputation(of: client), 0.24 + 0.7 * 2 / 3))
    #expect(abs(book.reputation(of: client) - 0.70667) < 1e-5)
    // The other client is untouched: R = 0.3 · 0.5 + 0.7 · 0.5 = 0.5.
    #expect(book.evidence(of: ClientID(1)) == (accepted: 0, rejected: 0))
    #expect(isClose(book.reputation(of: ClientID(1)), 0.5))
    #expect(book.reputations.count == 2)
    #expect(isClose(book.reputations[0], book.reputation(of: client)))
  }

  @Test func decayScalesEvidenceAndReturnsUncertainty() {
    var book = ReputationBook(selfAssessments: [0.8])
    let client = ClientID(0)
    for _ in 0..<3 { book.record(client: client, accepted: true) }
    book.record(client: client, accepted: false)
    book.decay()
    // λ = 0.9: r = 3 · 0.9 = 2.7, q = 1 · 0.9 = 0.9; u = 2 / (2.7 + 0.9 + 2) = 2/5.6 > 1/3.
    let evidence = book.evidence(of: client)
    #expect(isClose(evidence.accepted, 2.7) && isClose(evidence.rejected, 0.9))
    #expect(isClose(book.uncertainty(of: client), 2 / 5.6))
    // After 100 more rounds without verdicts, r + q = 3.6 · 0.9^100 ≈ 9.6e-5 and E ≈ a = 0.5.
    for _ in 0..<100 { book.decay() }
    #expect(book.uncertainty(of: client) > 0.9999)
    #expect(abs(book.expectedOpinion(of: client) - 0.5) < 1e-4)
  }

  @Test func decayOfOneKeepsEvidence() {
    var book = ReputationBook(selfAssessments: [0.5], decay: 1)
    book.record(client: ClientID(0), accepted: false)
    book.decay()
    #expect(book.evidence(of: ClientID(0)) == (accepted: 0, rejected: 1))
  }

  @Test func firstRoundRankingIsTheSelfAssessmentRanking() {
    let selfAssessments = [0.2, 0.9, 0.5, 0.7, 0.1]
    let book = ReputationBook(selfAssessments: selfAssessments)
    // Without evidence E = 0.5 for all, so R = 0.3 · s + 0.35: increasing in s.
    let byReputation = (0..<5).sorted { book.reputations[$0] > book.reputations[$1] }
    let bySelfAssessment = (0..<5).sorted { selfAssessments[$0] > selfAssessments[$1] }
    #expect(byReputation == [1, 3, 2, 0, 4])
    #expect(byReputation == bySelfAssessment)
    for (index, score) in selfAssessments.enumerated() {
      #expect(isClose(book.reputations[index], 0.3 * score + 0.35))
    }
  }

  @Test func clientWithRejectionsRanksBelowFreshOne() {
    var book = ReputationBook(selfAssessments: [0.5, 0.5])
    book.record(client: ClientID(0), accepted: false)
    book.record(client: ClientID(0), accepted: false)
    // Client 0: r = 0, q = 2: E = 0 + 0.5 · 2/4 = 0.25, R = 0.15 + 0.175 = 0.325;
    // client 1: E = 0.5, R = 0.5.
    #expect(isClose(book.reputation(of: ClientID(0)), 0.325))
    #expect(book.reputation(of: ClientID(0)) < book.reputation(of: ClientID(1)))
  }

  @Test func acceptedEvidenceOutweighsBetterSelfAssessment() {
    var book = ReputationBook(selfAssessments: [0.4, 0.9])
    for _ in 0..<4 { book.record(client: ClientID(0), accepted: true) }
    // Client 0: E = 4/6 + 0.5 · 2/6 = 5/6, R = 0.12 + 0.7 · 5/6 ≈ 0.7033;
    // client 1: R = 0.27 + 0.35 = 0.62.
    #expect(isClose(book.reputation(of: ClientID(0)), 0.12 + 0.7 * 5 / 6))
    #expect(book.reputation(of: ClientID(0)) > book.reputation(of: ClientID(1)))
  }

  @Test func weightsPriorAndBaseRateAreHonoured() {
    var book = ReputationBook(
      selfAssessments: [0.8], selfWeight: 1, historyWeight: 0, priorWeight: 1, baseRate: 0.2)
    book.record(client: ClientID(0), accepted: true)
    // W = 1, r = 1: b = 1/2, u = 1/2, E = 0.5 + 0.2 · 0.5 = 0.6; R = 1 · 0.8 + 0 · 0.6 = 0.8.
    #expect(isClose(book.uncertainty(of: ClientID(0)), 0.5))
    #expect(isClose(book.expectedOpinion(of: ClientID(0)), 0.6))
    #expect(book.reputation(of: ClientID(0)) == 0.8)
  }

  @Test func neutralBookGivesEveryClientOneHalf() {
    let book = ReputationBook.neutral(clientCount: 3)
    #expect(book.clientCount == 3)
    // 0.3 · 0.5 + 0.7 · 0.5 = 0.5.
    #expect(book.reputations.allSatisfy { isClose($0, 0.5) })
    #expect(book.selfAssessment(of: ClientID(2)) == 0.5)
  }
}
