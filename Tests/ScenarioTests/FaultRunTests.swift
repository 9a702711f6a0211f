import Foundation
import Testing

@testable import Scenario

/// Faults through a whole run: the injector's events reach `faults.csv` and `summary.csv`, a
/// client that is down when selected is a dropout with its cause in `updates.csv`, and a faulty
/// run is byte-identical twice.
@Suite struct FaultRunTests {
  /// The small default scenario without its chain (FedAvg, 3 rounds of ~1 s, 12 clients, every
  /// client selected), with `faults` appended at the top level.
  static func scenario(faults: String) throws -> ScenarioSpec {
    var text = try ExperimentTests.smallDefaultText(chain: false)
      .replacingFirst(#""epochs": 1,"#, with: #""epochs": 1, "stages": {"selection": "all"},"#)
    let end = try #require(text.lastIndex(of: "}"))
    text.replaceSubrange(end...end, with: #", "faults": \#(faults)}"#)
    return try ScenarioDecoder.decode(text, file: "faults.json")
  }

  @Test func aClientDownWhenSelectedIsADropoutAndTheRoundGoesOn() throws {
    // c3 is down from 0 s for the whole run: every round selects it, none waits for it.
    let output = try Experiment.run(
      try Self.scenario(faults: #"[{"at": "0s", "crash": "c3"}]"#))
    #expect(output.rounds.count == 3)
    #expect(output.rounds.allSatisfy { $0.selected == 12 && $0.reported == 11 })
    let clients = BlockchainComparisonTests.column(
      "client", of: "updates.csv", scheme: "fedavg", in: output)
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "fedavg", in: output)
    let reasons = BlockchainComparisonTests.column(
      "reason", of: "updates.csv", scheme: "fedavg", in: output)
    for (client, (fate, reason)) in zip(clients, zip(fates, reasons)) where client == "c3" {
      #expect(fate == "dropped" && reason == "the client was down when selected")
    }
    #expect(fates.filter { $0 == "dropped" }.count == 3)
    // One fault injected at 0 s, never recovered.
    let faults = BlockchainComparisonTests.rows("faults.csv", of: output)
    #expect(faults.count == 2)
    #expect(faults[1] == ["0", "0", "1", "fedavg", "0", "crash", "c3", "injected", ""])
    #expect(
      BlockchainComparisonTests.column("faults", of: "summary.csv", scheme: "fedavg", in: output)
        == ["1"])
  }

  @Test func aCrashWhileTrainingDropsTheUpdateAndTheDeadlineClosesTheRound() throws {
    // Round 1 starts at 0 s; without faults c0 (an iot-device) trains from 26.94 ms to 27.59 ms
    // (its tasks.csv rows), so a crash at 27.2 ms, for a second, catches it training: its update
    // is dropped, and round 1 waits for its 60 s deadline.
    let output = try Experiment.run(
      try Self.scenario(faults: #"[{"at": "27200us", "crash": "c0", "for": "1s"}]"#))
    #expect(output.rounds.count == 3)
    #expect(output.rounds[0].reported == 11)
    #expect(output.rounds[0].end.nanosecondsSinceStart >= 60_000_000_000)
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "fedavg", in: output)
    let reasons = BlockchainComparisonTests.column(
      "reason", of: "updates.csv", scheme: "fedavg", in: output)
    #expect(
      zip(fates, reasons).filter { $0 == ("dropped", "the client crashed while training") }.count
        == 1)
    let events = BlockchainComparisonTests.column(
      "event", of: "faults.csv", scheme: "fedavg", in: output)
    #expect(events == ["injected", "recovered"])
    // The training task c0 lost has its row, marked lost, ending at the crash.
    let tasks = BlockchainComparisonTests.rows("tasks.csv", of: output)
    let header = tasks[0]
    let (node, label, lost, finish) = (
      header.firstIndex(of: "node")!, header.firstIndex(of: "label")!,
      header.firstIndex(of: "lost")!, header.firstIndex(of: "finish_ns")!
    )
    let lostTasks = tasks.dropFirst().filter { $0[lost] == "1" }
    #expect(lostTasks.count == 1)
    #expect(
      lostTasks.first.map { [$0[node], $0[label], $0[finish]] } == ["c0", "train", "27200000"])
  }

  @Test func aFaultyRunIsByteIdenticalTwice() throws {
    let faults = #"""
      [{"at": "30ms", "crash": "c0", "for": "1s"},
       {"from": "0s", "until": "2s", "straggler": "c5", "slowdown": 3},
       {"from": "0s", "until": "2s", "loss": 0.5, "links": "all"}]
      """#
    let first = try Experiment.run(try Self.scenario(faults: faults))
    let second = try Experiment.run(try Self.scenario(faults: faults))
    for (a, b) in zip(first.files, second.files) where a.name != "manifest.json" {
      #expect(a.contents == b.contents, "\(a.name) differs")
    }
  }

  @Test func aRandomCrashProcessIsByteIdenticalAcrossThreadCounts() throws {
    // Every client crashes at random (mean 1 s up, 0.2 s down): the draws come from one named
    // stream per client, never from the training's threads, so one and two training threads
    // give the same bytes in every file.
    var outputs: [Experiment.Output] = []
    for threads in [1, 2] {
      var text = try ExperimentTests.smallDefaultText(threads: threads)
      let end = try #require(text.lastIndex(of: "}"))
      let process = #"{"random": "crash", "role": "client", "mtbf": "1s", "mttr": "200ms"}"#
      text.replaceSubrange(end...end, with: #", "faults": [\#(process)]}"#)
      outputs.append(try Experiment.run(try ScenarioDecoder.decode(text, file: "random.json")))
    }
    #expect(outputs[0].summary.faults > 0)
    for (a, b) in zip(outputs[0].files, outputs[1].files) where a.name != "manifest.json" {
      #expect(a.contents == b.contents, "\(a.name) differs")
    }
  }

  @Test func crashingAValidatorIsAcceptedNowThatTheEnginesReactToIt() throws {
    // The small default with its chain: e1 is one of the PoA validators (cloud, e0, e1, e2). A
    // crash of it decodes like a crash of the client c1 on the same chain.
    var text = try ExperimentTests.smallDefaultText(chain: true)
    let end = try #require(text.lastIndex(of: "}"))
    text.replaceSubrange(
      end...end,
      with: #", "faults": [{"at": "1s", "crash": "e1", "for": "2s"}, {"at": "1s", "crash": "c1"}]}"#
    )
    let spec = try ScenarioDecoder.decode(text, file: "faults.json")
    let e1 = try #require(spec.topology.node(named: "e1")?.id)
    #expect(spec.faults.faults.count == 2)
    #expect(spec.faults.faults.first == .crash(node: e1, at: .seconds(1), duration: .seconds(2)))
  }
}
