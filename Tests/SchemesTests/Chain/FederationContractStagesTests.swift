import Learning
import Ledger
import SimCore
import Testing

@testable import Schemes

/// The federation contract with stages: validation by the validators' majority (verdicts feed
/// the reputation book and the block's judgements), a robust aggregation rule metered in gas,
/// and the selection value it is deployed with. Three clients, two selected per round,
/// three-parameter models, as in `FederationContractTests`.
struct FederationContractStagesTests {
  typealias Fixture = FederationContractTests

  static func contract(
    validation: (any UpdateValidation)? = nil,
    aggregation: any AggregationRule = FederatedAveraging(),
    selection: any ClientSelection = UniformSelection()
  ) -> (FederationContract, FederationContractTests.Chain) {
    var contract = FederationContract(
      rules: FederationRules(
        clientCount: 3, rounds: 2, clientsPerRound: 2, roundDeadline: nil,
        keepsModelOnChain: true),
      initialModel: Fixture.initialModel, selection: selection, aggregation: aggregation,
      validation: validation, reputationBook: ReputationBook(selfAssessments: [0.2, 0.9, 0.5]),
      sampler: Xoshiro256StarStar(seed: Fixture.samplerSeed))
    var chain = FederationContractTests.Chain()
    _ = contract.execute(chain.next((0..<3).map(Fixture.registration), at: 1), reading: .none)
    return (contract, chain)
  }

  @Test func aNormBoundRejectsTheFarUpdateAndTheRoundClosesWithoutIt() throws {
    // Three validators; the global model is 0, so an update's score is its own L2 norm:
    // (3, 4, 0) → 5 passes a bound of 6, (30, 40, 0) → 50 does not.
    var (contract, chain) = Self.contract(validation: NormValidation(bound: 6, validatorCount: 3))
    let (a, b) = (contract.selected[0].index, contract.selected[1].index)
    let execution = contract.execute(
      chain.next(
        [Fixture.update(a, parameters: [3, 4, 0]), Fixture.update(b, parameters: [30, 40, 0])],
        at: 2), reading: .none)
    #expect(execution.receipts[0].rejection == nil)
    #expect(
      execution.receipts[1].rejection
        == .failedValidation(client: b, round: 1, score: 50, rule: "norm:bound=6.0"))
    #expect(
      execution.outcome.judgements.map(\.accepted) == [true, false]
        && execution.outcome.judgements.map(\.score) == [5, 50])
    // Both selected clients are decided, so the round aggregates now, with a's update alone.
    let aggregation = try #require(execution.outcome.aggregation)
    #expect(aggregation.contributors == [ClientID(a)])
    #expect(contract.globalModel == ParameterWireFormat.encode([3, 4, 0]))
    // One acceptance for a and one rejection for b, decayed by 0.9 when round 2 opened.
    #expect(contract.reputationBook.evidence(of: ClientID(a)) == (accepted: 0.9, rejected: 0))
    #expect(contract.reputationBook.evidence(of: ClientID(b)) == (accepted: 0, rejected: 0.9))
  }

  @Test func theMedianRunsOnChainAndIsMeteredByItsFlops() throws {
    var (contract, chain) = Self.contract(aggregation: CoordinateMedian())
    let (a, b) = (contract.selected[0].index, contract.selected[1].index)
    let execution = contract.execute(
      chain.next(
        [Fixture.update(a, parameters: [1, 2, 3]), Fixture.update(b, parameters: [5, 6, 7])],
        at: 2), reading: .none)
    #expect(execution.outcome.aggregation?.contributors.count == 2)
    // The median of two values is their mean: (3, 4, 5).
    #expect(contract.globalModel == ParameterWireFormat.encode([3, 4, 5]))
    let median = try CoordinateMedian().aggregate([
      ClientUpdate(parameters: [1, 2, 3], sampleCount: 100),
      ClientUpdate(parameters: [5, 6, 7], sampleCount: 100),
    ])
    // The arithmetic is the rule's own flop count at 5 gas (a MUL) each; the rest as for FedAvg
    // (FederationContractTests.theAggregateIsTheSampleWeightedMeanBitForBit: 66,735 with 63 for
    // FedAvg's arithmetic).
    let arithmetic = Int(median.work.floatingPointOperations) * 5
    #expect(execution.gasUsed == UInt64(66_735 - 63 + arithmetic))
  }

  @Test func aReputationSelectionPicksTheBestSelfAssessedFirst() {
    // Round 1 has no evidence, so every expected opinion is 0.5 and the ranking is the
    // self-assessments': 0.9 (client 1), then 0.5 (client 2).
    let (contract, _) = Self.contract(selection: ReputationSelection())
    #expect(contract.selected == [ClientID(1), ClientID(2)])
  }
}
