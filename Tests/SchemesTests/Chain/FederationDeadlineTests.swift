import Learning
import Ledger
import SimCore
import Testing

@testable import Schemes

/// The contract's two deadlines on hand-built blocks (the fixtures of `FederationContractTests`:
/// three clients, three-parameter models): the round deadline counts from the block that confirms
/// the opening, and registration closes at its deadline.
struct FederationDeadlineTests {
  typealias Fixture = FederationContractTests

  static func contract(
    clientsPerRound: Int = 2, deadline: SimDuration? = nil, noticeDepth: Int = 0,
    registrationDeadline: SimDuration? = nil
  ) -> FederationContract {
    FederationContract(
      rules: FederationRules(
        clientCount: 3, rounds: 2, clientsPerRound: clientsPerRound, roundDeadline: deadline,
        keepsModelOnChain: true, noticeDepth: noticeDepth,
        registrationDeadline: registrationDeadline),
      initialModel: Fixture.initialModel, sampler: Xoshiro256StarStar(seed: Fixture.samplerSeed))
  }

  @Test func theRoundDeadlineCountsFromTheBlockThatConfirmsTheOpening() {
    // Opened by the block at 1 s; with 2 confirmations its clients learn of it at the second
    // block after it (8 s), so a 10 s deadline passes at the first block at or after 18 s. Counted
    // from the opening, it would have passed at 17 s (16 s ≥ 10 s) before anyone could answer.
    var contract = Self.contract(deadline: .seconds(10), noticeDepth: 2)
    var chain = Fixture.Chain()
    _ = contract.execute(chain.next((0..<3).map(Fixture.registration), at: 1), reading: .none)
    #expect(contract.openRound == 1 && contract.deadlineStart == nil)
    _ = contract.execute(chain.next([], at: 6), reading: .none)
    #expect(contract.deadlineStart == nil)
    _ = contract.execute(chain.next([], at: 8), reading: .none)
    #expect(contract.deadlineStart == .zero + .seconds(8))
    let early = contract.execute(chain.next([], at: 17), reading: .none)
    #expect(early.outcome.aggregation == nil)
    let due = contract.execute(chain.next([], at: 18), reading: .none)
    #expect(due.outcome.aggregation?.closedByDeadline == true)
    #expect(due.outcome.openedRound == 2)
  }

  @Test func withoutConfirmationsTheDeadlineCountsFromTheOpeningBlock() {
    // Depth 0 (PoA's default, BFT): 10 s after the opening block at 1 s, so the block at 11 s.
    var contract = Self.contract(deadline: .seconds(10))
    var chain = Fixture.Chain()
    _ = contract.execute(chain.next((0..<3).map(Fixture.registration), at: 1), reading: .none)
    #expect(contract.deadlineStart == .zero + .seconds(1))
    #expect(contract.execute(chain.next([], at: 10), reading: .none).outcome.aggregation == nil)
    #expect(contract.execute(chain.next([], at: 11), reading: .none).outcome.aggregation != nil)
  }

  @Test func registrationClosesAtItsDeadlineWithTheClientsRegisteredSoFar() {
    // Every client is sampled (3 of 3); client 2 has not registered by the 5 s deadline.
    var contract = Self.contract(clientsPerRound: 3, registrationDeadline: .seconds(5))
    var chain = Fixture.Chain()
    _ = contract.execute(
      chain.next([Fixture.registration(0), Fixture.registration(1)], at: 1), reading: .none)
    let before = contract.execute(chain.next([], at: 4), reading: .none)
    #expect(before.outcome.openedRound == nil && contract.phase == .registering)
    let closing = contract.execute(chain.next([], at: 5), reading: .none)
    #expect(closing.outcome.openedRound == 1)
    #expect(closing.outcome.unregisteredSelected == [ClientID(2)])
    // Client 2 registers late: it is registered for later rounds, but its update to round 1 is
    // refused (it was counted as a dropout when the round opened), and the two others complete
    // the round without a deadline: 1 decided at the opening + 2 stored = 3 sampled.
    let late = contract.execute(
      chain.next(
        [
          Fixture.registration(2), Fixture.update(2, parameters: [1, 1, 1]),
          Fixture.update(0, parameters: [1, 2, 3]), Fixture.update(1, parameters: [3, 2, 1]),
        ], at: 6), reading: .none)
    #expect(late.receipts[0].rejection == nil)
    #expect(late.receipts[1].rejection == .notSelected(client: 2, round: 1))
    #expect(late.receipts[2].rejection == nil && late.receipts[3].rejection == nil)
    #expect(late.outcome.aggregation?.contributors == [ClientID(0), ClientID(1)])
    #expect(late.outcome.aggregation?.closedByDeadline == false)
  }

  @Test func withoutARegistrationDeadlineTheRegistryWaitsForEveryClient() {
    var contract = Self.contract()
    var chain = Fixture.Chain()
    _ = contract.execute(chain.next([Fixture.registration(0)], at: 1), reading: .none)
    let much = contract.execute(chain.next([], at: 1_000_000), reading: .none)
    #expect(much.outcome.openedRound == nil && contract.phase == .registering)
  }
}
