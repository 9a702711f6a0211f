import Foundation
import Testing

@testable import Scenario

/// LL-BCFL end to end, through a scenario: validators reject label flippers by their accuracy,
/// their reputation falls below every honest client's, and `updates.csv` has a row for every
/// selected client in every round.
@Suite struct LLBCFLRunTests {
  static let flippers = ["c3", "c7", "c10"]

  /// The small default scenario (3 rounds of `mlp:64-16-10` on the digits, 12 clients, a PoA
  /// chain) as LL-BCFL: every client trains every round (`all`), 20 local epochs so an honest
  /// update is well above chance after one round, no privacy noise, an absolute accuracy
  /// threshold, and three label flippers.
  static func scenario(validation: String = "accuracy:threshold=0.3") throws -> ScenarioSpec {
    let text = try ExperimentTests.smallDefaultText(chain: true)
      .replacingFirst(
        #""epochs": 1,"#,
        with: #"""
          "epochs": 20, "scheme": "ll-bcfl",
          "stages": {"selection": "all", "privacy": "none", "validation": "\#(validation)"},
          "behaviours": [{"clients": ["c3", "c7", "c10"], "attack": "label-flip"}],
          """#)
    precondition(text.contains("ll-bcfl"), "default scenario changed shape")
    return try ScenarioDecoder.decode(text, file: "ll-bcfl-small.json")
  }

  @Test func validatorsRejectEveryFlippedUpdateAndNoHonestOne() throws {
    let output = try Experiment.run(try Self.scenario())
    let clients = BlockchainComparisonTests.column(
      "client", of: "updates.csv", scheme: "ll-bcfl", in: output)
    let rounds = BlockchainComparisonTests.column(
      "round", of: "updates.csv", scheme: "ll-bcfl", in: output)
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "ll-bcfl", in: output)
    let scores = BlockchainComparisonTests.column(
      "score", of: "updates.csv", scheme: "ll-bcfl", in: output
    ).map { Double($0) ?? .nan }
    // Every selected client in every round has exactly one row: 3 rounds × all 12 clients.
    let keys = zip(rounds, clients).map { "\($0.0)/\($0.1)" }
    #expect(keys.count == 36)
    #expect(Set(keys).count == 36)
    for (client, (fate, score)) in zip(clients, zip(fates, scores)) {
      // A flipper trains on labels l → 9 − l, so its model is nearly always wrong on honest
      // labels; an honest model after 20 epochs is far above the threshold (measured with
      // `fedchain run` on this scenario: flippers 0.00–0.16, honest clients 0.74–0.92).
      if Self.flippers.contains(client) {
        #expect(fate == "rejected", "\(client): \(fate), score \(score)")
        #expect(score < 0.3)
      } else {
        #expect(fate == "aggregated", "\(client): \(fate), score \(score)")
        #expect(score >= 0.3)
      }
    }
    let reasons = BlockchainComparisonTests.column(
      "reason", of: "updates.csv", scheme: "ll-bcfl", in: output)
    #expect(reasons.contains { $0.contains("failed validation (accuracy:threshold=0.3") })
  }

  @Test func flippersReputationFallsBelowEveryHonestClientsAfterOneRound() throws {
    let output = try Experiment.run(try Self.scenario())
    let table = BlockchainComparisonTests.rows("reputation.csv", of: output)
    let header = table[0]
    let (round, client, reputation) = (
      header.firstIndex(of: "round")!, header.firstIndex(of: "client")!,
      header.firstIndex(of: "reputation")!
    )
    for r in ["1", "2", "3"] {
      let rows = table.dropFirst().filter { $0[round] == r }
      #expect(rows.count == 12)
      let flipped = rows.filter { Self.flippers.contains($0[client]) }.map {
        Double($0[reputation])!
      }
      let honest = rows.filter { !Self.flippers.contains($0[client]) }.map {
        Double($0[reputation])!
      }
      // After one rejection (decayed to 0.9) a flipper's expected opinion is 0.5 × 2/2.9 ≈ 0.345,
      // an honest client's 0.9/2.9 + 0.5 × 2/2.9 ≈ 0.655: 0.7 × 0.31 outweighs any difference of
      // self-assessments (0.3 × at most 1).
      #expect(flipped.max()! < honest.min()!, "round \(r): \(flipped) against \(honest)")
    }
  }

  @Test func normValidationIsAcceptedAndScoresDistances() throws {
    // A bound no update of this small model reaches: every update is aggregated, and each score
    // is a distance (≥ 0), not an accuracy.
    let output = try Experiment.run(try Self.scenario(validation: "norm:bound=1000"))
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "ll-bcfl", in: output)
    #expect(fates.count == 36 && fates.allSatisfy { $0 == "aggregated" })
    let scores = BlockchainComparisonTests.column(
      "score", of: "updates.csv", scheme: "ll-bcfl", in: output)
    #expect(scores.allSatisfy { (Double($0) ?? -1) > 1 })
  }
}
