import Foundation
import Testing

@testable import Scenario

/// A silent client (trains, never uploads) through the round driver of vanilla FedAvg: with a
/// deadline its update is `not_sent` and the rounds go on; without one the round can never close,
/// and the driver's stall watchdog (which FedAvg now has) ends the run with a warning.
@Suite struct SilentClientTests {
  /// The small default scenario without its chain (FedAvg, 3 rounds, 12 clients), every client
  /// selected every round, `c5` silent; `deadline` replaces the 60 s round deadline, or removes
  /// it when nil.
  static func scenario(deadline: String?) throws -> ScenarioSpec {
    var text = try ExperimentTests.smallDefaultText(chain: false)
      .replacingFirst(
        #""epochs": 1,"#,
        with: #"""
          "epochs": 1, "stages": {"selection": "all"},
          "behaviours": [{"clients": ["c5"], "attack": "silent"}],
          """#)
    text = text.replacingFirst(
      #""deadline": "60s","#, with: deadline.map { #""deadline": "\#($0)","# } ?? "")
    precondition(text.contains("silent"), "default scenario changed shape")
    return try ScenarioDecoder.decode(text, file: "silent.json")
  }

  @Test func withADeadlineTheSilentUpdateIsNotSentAndEveryRoundCloses() throws {
    let output = try Experiment.run(try Self.scenario(deadline: "60s"))
    #expect(output.rounds.count == 3)
    #expect(output.rounds.allSatisfy { $0.selected == 12 && $0.reported == 11 })
    let clients = BlockchainComparisonTests.column(
      "client", of: "updates.csv", scheme: "fedavg", in: output)
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "fedavg", in: output)
    #expect(clients.count == 36)
    for (client, fate) in zip(clients, fates) {
      #expect(fate == (client == "c5" ? "not_sent" : "aggregated"), "\(client): \(fate)")
    }
  }

  @Test func withoutADeadlineTheWatchdogEndsTheRunAfterAnHourOfSilence() throws {
    let output = try Experiment.run(try Self.scenario(deadline: nil))
    #expect(output.rounds.isEmpty)
    #expect(output.warnings.contains { $0.hasPrefix("fedavg: only 0 of 3 rounds completed") })
    // Nothing was in flight once the 11 updates arrived (within seconds); the watchdog fired an
    // hour later, and that is where the run ended: the undecided updates are decided then.
    let times = BlockchainComparisonTests.column(
      "time_ns", of: "updates.csv", scheme: "fedavg", in: output
    ).compactMap(Int64.init)
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "fedavg", in: output)
    #expect(times.count == 12)
    #expect(times.allSatisfy { $0 > 3_600_000_000_000 && $0 < 3_700_000_000_000 })
    #expect(fates.filter { $0 == "unfinished" }.count == 11)
    #expect(fates.filter { $0 == "not_sent" }.count == 1)
  }
}
