import SimCore
import Testing

@testable import Schemes

struct BehaviourPlanTests {
  private typealias Rule = BehaviourPlan.Rule

  @Test func theLastRuleNamingAClientWins() {
    let plan = BehaviourPlan(rules: [
      Rule(clients: [ClientID(1), ClientID(2)], conduct: .attack(.signFlip), fromRound: 1),
      Rule(clients: [ClientID(2)], conduct: .silent, fromRound: 1),
    ])
    #expect(plan.conduct(of: ClientID(1), inRound: 1) == .attack(.signFlip))
    #expect(plan.conduct(of: ClientID(2), inRound: 1) == .silent)
    #expect(plan.conduct(of: ClientID(2), inRound: 50) == .silent)
  }

  @Test func aRuleAppliesFromItsRoundOn() {
    let plan = BehaviourPlan(rules: [
      Rule(clients: [ClientID(3)], conduct: .attack(.signFlip), fromRound: 2),
      Rule(clients: [ClientID(3)], conduct: .silent, fromRound: 10),
    ])
    #expect(plan.conduct(of: ClientID(3), inRound: 1) == .honest)
    #expect(plan.conduct(of: ClientID(3), inRound: 2) == .attack(.signFlip))
    #expect(plan.conduct(of: ClientID(3), inRound: 9) == .attack(.signFlip))
    #expect(plan.conduct(of: ClientID(3), inRound: 10) == .silent)
    #expect(plan.conduct(of: ClientID(3), inRound: 1_000) == .silent)
  }

  @Test func aLaterRuleStartingEarlierHidesAnEarlierRuleForever() {
    // Precedence is list order, not start round: rule 1 is in force from round 5, and rule 0
    // (from round 10) never wins against it.
    let plan = BehaviourPlan(rules: [
      Rule(clients: [ClientID(4)], conduct: .silent, fromRound: 10),
      Rule(clients: [ClientID(4)], conduct: .attack(.freeRider), fromRound: 5),
    ])
    #expect(plan.conduct(of: ClientID(4), inRound: 4) == .honest)
    #expect(plan.conduct(of: ClientID(4), inRound: 5) == .attack(.freeRider))
    #expect(plan.conduct(of: ClientID(4), inRound: 12) == .attack(.freeRider))
  }

  @Test func unnamedClientsAreHonest() {
    let plan = BehaviourPlan(rules: [
      Rule(clients: [ClientID(5)], conduct: .silent, fromRound: 1)
    ])
    #expect(plan.conduct(of: ClientID(0), inRound: 1) == .honest)
    #expect(plan.conduct(of: ClientID(6), inRound: 1) == .honest)  // beyond every named client
    #expect(plan.conduct(of: ClientID(99_999), inRound: 7) == .honest)
    #expect(!plan.isEveryoneHonest)
    #expect(BehaviourPlan.everyoneHonest.isEveryoneHonest)
    #expect(BehaviourPlan.everyoneHonest.conduct(of: ClientID(0), inRound: 1) == .honest)
    let allHonest = BehaviourPlan(rules: [
      Rule(clients: [ClientID(1)], conduct: .honest, fromRound: 3)
    ])
    #expect(allHonest.isEveryoneHonest)
  }

  @Test(arguments: [1, 2, 3, 4])
  func agreesWithTheDefinitionOnRandomPlans(seed: UInt64) {
    // The definition read literally (scan every rule, keep the last that names the client and
    // has started) against the precomputed timelines.
    var generator = Xoshiro256StarStar(seed: seed)
    let conducts: [ClientConduct] = [
      .honest, .silent, .attack(.signFlip), .attack(.scale(factor: 3)), .attack(.freeRider),
    ]
    let rules = (0..<8).map { _ in
      Rule(
        clients: (0..<generator.nextInt(in: 0...6)).map { _ in
          ClientID(generator.nextInt(below: 12))
        },
        conduct: conducts[generator.nextInt(below: conducts.count)],
        fromRound: generator.nextInt(in: 0...8))
    }
    let plan = BehaviourPlan(rules: rules)
    for client in (0..<14).map(ClientID.init) {
      for round in 0...10 {
        let expected =
          rules.last { $0.clients.contains(client) && $0.fromRound <= round }?.conduct ?? .honest
        #expect(
          plan.conduct(of: client, inRound: round) == expected,
          "seed \(seed), \(client), round \(round)")
      }
    }
  }

  @Test func handlesAHundredThousandClients() {
    // Every tenth client signs-flips from round 1, every hundredth is silent from round 5.
    let clients = (0..<100_000).map(ClientID.init)
    let plan = BehaviourPlan(rules: [
      Rule(
        clients: clients.filter { $0.index % 10 == 0 }, conduct: .attack(.signFlip), fromRound: 1),
      Rule(clients: clients.filter { $0.index % 100 == 0 }, conduct: .silent, fromRound: 5),
    ])
    #expect(plan.conduct(of: ClientID(99_990), inRound: 3) == .attack(.signFlip))
    #expect(plan.conduct(of: ClientID(99_900), inRound: 3) == .attack(.signFlip))
    #expect(plan.conduct(of: ClientID(99_900), inRound: 5) == .silent)
    #expect(plan.conduct(of: ClientID(99_999), inRound: 5) == .honest)
  }
}
