import Foundation
import Platform
import SimCore
import Testing

@testable import Scenario

struct ExperimentTests {
  private func file(_ name: String, of output: Experiment.Output) -> String {
    output.files.first { $0.name == name }!.contents
  }

  @Test func issueExampleFinishesBothFlowsAtTwoPointZeroTwoSeconds() throws {
    // 20 ms of latency, then two 10 MB flows at 5 MB/s each on l3: 2.02 s (SimGrid CM02 agrees).
    let spec = try ScenarioDecoder.decode(ScenarioErrorTests.twoFlows(), file: "two-flows.json")
    let transfers = file("transfers.csv", of: try Experiment.run(spec))
    let rows = transfers.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    #expect(rows.count == 2)
    // Columns: time_ns,run,seed,scheme,id,from,to,bytes,start_ns,finish_ns,…
    for row in rows {
      #expect(row[7] == "10000000" && row[8] == "0" && row[9] == "2020000000", "\(row)")
    }
  }

  /// A star of `clients` clients around a server on identical links, FedAvg with placeholder
  /// training.
  private func star(clients: Int, fraction: Double, rounds: Int, seed: Int = 1) -> String {
    let nodes = (0..<clients).map { #"{"id": "c\#($0)", "roles": ["client"]}"# }.joined(
      separator: ", ")
    let links = (0..<clients).map {
      #"{"id": "l\#($0)", "between": ["s", "c\#($0)"], "latency": "5ms", "bandwidth": "100Mbps"}"#
    }.joined(separator: ", ")
    return """
      {"name": "star", "seed": \(seed),
       "topology": {"nodes": [{"id": "s", "roles": ["server"]}, \(nodes)], "links": [\(links)]},
       "workload": {"kind": "fedavg", "rounds": \(rounds), "fraction": \(fraction),
                    "training": {"kind": "placeholder", "parameters": 1000, "samplesPerClient": 50}}}
      """
  }

  @Test func fedAvgMovesTheModelTwicePerSelectedClientPerRound() throws {
    // Placeholder wire size (ParameterWireFormat): 12 B header + 4 B × 1,000 parameters = 4,012 B.
    // C = 0.3 of 10 → 3 clients per round; each round moves 3 × 4,012 down and 3 × 4,012 up =
    // 24,072 B; over 4 rounds 96,288 B of messages, and each message crosses one link.
    let spec = try ScenarioDecoder.decode(
      star(clients: 10, fraction: 0.3, rounds: 4), file: "star.json")
    let output = try Experiment.run(spec)
    #expect(output.rounds.count == 4)
    for round in output.rounds {
      #expect(round.selected == 3 && round.reported == 3)
      #expect(round.bytesDown.bytes == 12_036 && round.bytesUp.bytes == 12_036)
    }
    #expect(output.summary.messageBytes == 96_288)
    #expect(output.summary.linkBytesByClass.map(\.bytes).reduce(0, +) == 96_288)
  }

  /// The default scenario cut to 3 rounds of a small MLP, so that debug-build tests stay fast;
  /// everything else (topology, sampling, real training on the digits) is as in the default.
  /// With `chain: false` (the default) the chain is removed, leaving the vanilla-FedAvg twin.
  static func smallDefaultText(threads: Int = 2, seed: Int = 1, chain: Bool = false) throws
    -> String
  {
    var text = DefaultScenario.text
      .replacingFirst(#""rounds": 20"#, with: #""rounds": 3"#)
      .replacingFirst(#""seed": 1"#, with: #""seed": \#(seed)"#)
      .replacingFirst(
        #""model": "cnn:digits""#, with: #""model": "mlp:64-16-10", "threads": \#(threads)"#)
    let chainLine =
      #"    "chain": {"consensus": "poa", "blockPeriod": "1s", "payloads": "on-chain"},"#
    precondition(
      text.contains("mlp:64-16-10") && text.contains(#""rounds": 3"#) && text.contains(chainLine),
      "default scenario changed shape")
    if !chain { text = text.replacingFirst(chainLine + "\n", with: "") }
    return text
  }

  static func smallDefault(threads: Int = 2, seed: Int = 1, chain: Bool = false) throws
    -> ScenarioSpec
  {
    try ScenarioDecoder.decode(
      try smallDefaultText(threads: threads, seed: seed, chain: chain), file: "small-default.json")
  }

  @Test func sameSeedGivesIdenticalBytesInEveryFile() throws {
    let first = try Experiment.run(try Self.smallDefault())
    let second = try Experiment.run(try Self.smallDefault())
    #expect(first.files.map(\.name) == second.files.map(\.name))
    for (a, b) in zip(first.files, second.files) {
      #expect(a.contents == b.contents, "\(a.name) differs")
    }
    // The run trained for real: every round has an accuracy.
    #expect(first.rounds.allSatisfy { $0.accuracy != nil })
    #expect(first.summary.finalLoss != nil && first.summary.finalLoss == first.rounds.last?.loss)
  }

  @Test func outputsAreIdenticalWithOneTrainingThreadOrTwo() throws {
    let serial = try Experiment.run(try Self.smallDefault(threads: 1))
    let parallel = try Experiment.run(try Self.smallDefault(threads: 2))
    for (a, b) in zip(serial.files, parallel.files) where a.name != "manifest.json" {
      #expect(a.contents == b.contents, "\(a.name) differs between 1 and 2 threads")
    }
  }

  @Test func anotherSeedTrainsAnotherModel() throws {
    let a = try Experiment.run(try Self.smallDefault(seed: 1))
    let b = try Experiment.run(try Self.smallDefault(seed: 2))
    #expect(a.rounds.map(\.accuracy) != b.rounds.map(\.accuracy))
  }

  @Test func anotherSeedSamplesOtherClients() throws {
    let spec = try ScenarioDecoder.decode(
      star(clients: 20, fraction: 0.2, rounds: 3), file: "star.json")
    let a = file("transfers.csv", of: try Experiment.run(spec, options: .init(seed: 1)))
    let b = file("transfers.csv", of: try Experiment.run(spec, options: .init(seed: 2)))
    // Columns 5 and 6 are from and to: the set of clients contacted must differ.
    func destinations(_ csv: String) -> [Substring] {
      csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[6] }
    }
    #expect(destinations(a) != destinations(b))
  }

  @Test func embeddedDefaultScenarioMatchesTheCommittedFile() throws {
    // Tests/ScenarioTests/ExperimentTests.swift → repository root is three levels up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let committed = try String(
      contentsOf: root.appendingPathComponent("scenarios/default.json"), encoding: .utf8)
    #expect(committed == DefaultScenario.text + "\n" || committed == DefaultScenario.text)
  }

  @Test func defaultScenarioDecodesAndItsInputsLoad() throws {
    // Its full run (20 rounds of a CNN) is checked in release by .ci/run, which requires ≥ 90 %
    // accuracy; here only that it is well formed and its data and model fit.
    let spec = try DefaultScenario.load()
    try Experiment.checkInputs(spec)
    #expect(spec.topology.nodes.count == 16)
  }

  @Test func missingMNISTIsAnInputErrorNamingTheField() throws {
    let text = DefaultScenario.text.replacingFirst(
      #""dataset": "digits""#, with: #""dataset": "mnist:/nonexistent""#)
    let spec = try ScenarioDecoder.decode(text, file: "mnist.json")
    do {
      try Experiment.checkInputs(spec)
      Issue.record("a missing MNIST folder was accepted")
    } catch {
      guard case .invalidValue(_, _, "workload.training.dataset", _, let accepted) = error else {
        Issue.record("got \(error)")
        return
      }
      #expect(accepted.contains("/nonexistent"))
    }
  }

  @Test func modelThatDoesNotFitTheDataIsAnInputError() throws {
    let text = DefaultScenario.text.replacingFirst(
      #""model": "cnn:digits""#, with: #""model": "cnn:mnist""#)
    let spec = try ScenarioDecoder.decode(text, file: "misfit.json")
    #expect(throws: ScenarioError.self) { try Experiment.checkInputs(spec) }
  }

  @Test(arguments: [
    (#""model": "cnn:digits""#, #""model": "cnn:cifar""#, "workload.training.model"),
    (#""dataset": "digits""#, #""dataset": "imagenet""#, "workload.training.dataset"),
    (
      #""dataset": "digits""#, #""dataset": "digits", "partition": "dirichlet:-1""#,
      "workload.training.partition"
    ),
    (
      #""dataset": "digits""#, #""dataset": "digits", "aggregation": "median:3""#,
      "workload.training.aggregation"
    ),
  ])
  func badTrainingSpecsNameTheirField(original: String, replacement: String, path: String) {
    let text = DefaultScenario.text.replacingFirst(original, with: replacement)
    do {
      let spec = try ScenarioDecoder.decode(text, file: "bad.json")
      try Experiment.checkInputs(spec)
      Issue.record("\(replacement) was accepted")
    } catch {
      guard case .invalidValue(_, _, let found, _, _) = error else {
        Issue.record("got \(error)"); return
      }
      #expect(found == path)
    }
  }
}

struct LossWarningTests {
  @Test func lostMessagesWithoutADeadlineStopTheRunWithAWarning() throws {
    // Every link drops almost everything: the first round never completes, and the run says why.
    let text = """
      {"name": "lossy", "seed": 3,
       "topology": {"nodes": [{"id": "s", "roles": ["server"]}, {"id": "c0", "roles": ["client"]}],
                    "links": [{"id": "l", "between": ["s", "c0"], "latency": "1ms", "bandwidth": "10Mbps", "loss": 0.999}]},
       "workload": {"kind": "fedavg", "rounds": 3, "fraction": 1,
                    "training": {"kind": "placeholder", "parameters": 10, "samplesPerClient": 1}}}
      """
    let output = try Experiment.run(try ScenarioDecoder.decode(text, file: "lossy.json"))
    #expect(output.rounds.count < 3)
    #expect(output.warnings.count == 1 && output.warnings[0].contains("workload.deadline"))
  }
}

struct RefusedAggregationTests {
  @Test func aRuleThatRefusesItsUpdatesIsReportedNotHidden() throws {
    // Krum with f = 3 needs n > 2f + 2 = 8 updates; C = 0.5 of 12 clients gives 6 per round.
    let text = try ExperimentTests.smallDefaultText()
      .replacingFirst(
        #""dataset": "digits""#, with: #""dataset": "digits", "aggregation": "krum:3""#)
    let output = try Experiment.run(try ScenarioDecoder.decode(text, file: "krum.json"))
    #expect(output.rounds.count == 3)
    #expect(output.warnings.count == 1 && output.warnings[0].contains("3 round(s)"))
    // The model never changed, so accuracy stays where the initial model is.
    #expect(Set(output.rounds.compactMap(\.accuracy)).count == 1)
  }
}
