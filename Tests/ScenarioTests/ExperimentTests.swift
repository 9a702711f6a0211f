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
    let transfers = file("transfers.csv", of: Experiment.run(spec))
    let rows = transfers.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    #expect(rows.count == 2)
    // Columns: time_ns,run,seed,id,from,to,bytes,start_ns,finish_ns,…
    for row in rows {
      #expect(row[6] == "10000000" && row[7] == "0" && row[8] == "2020000000", "\(row)")
    }
  }

  /// A star of `clients` clients around a server on identical links, FedAvg with placeholder
  /// training.
  private func star(clients: Int, fraction: Double, rounds: Int, seed: Int = 1) -> String {
    let nodes = (0..<clients).map { #"{"id": "c\#($0)", "roles": ["client"]}"# }.joined(separator: ", ")
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
    // Placeholder wire size: 4 B × 1,000 parameters + 16 B header = 4,016 B. C = 0.3 of 10 → 3
    // clients per round; each round moves 3 × 4,016 down and 3 × 4,016 up = 24,096 B; over 4
    // rounds 96,384 B of messages, and each message crosses one link.
    let spec = try ScenarioDecoder.decode(star(clients: 10, fraction: 0.3, rounds: 4), file: "star.json")
    let output = Experiment.run(spec)
    #expect(output.rounds.count == 4)
    for round in output.rounds {
      #expect(round.selected == 3 && round.reported == 3)
      #expect(round.bytesDown.bytes == 12_048 && round.bytesUp.bytes == 12_048)
    }
    #expect(output.summary.messageBytes == 96_384)
    #expect(output.summary.linkBytesByClass.map(\.bytes).reduce(0, +) == 96_384)
  }

  @Test func sameSeedGivesIdenticalBytesInEveryFile() throws {
    let spec = try DefaultScenario.load()
    let first = Experiment.run(spec)
    let second = Experiment.run(spec)
    #expect(first.files.map(\.name) == second.files.map(\.name))
    for (a, b) in zip(first.files, second.files) { #expect(a.contents == b.contents, "\(a.name) differs") }
  }

  @Test func anotherSeedSamplesOtherClients() throws {
    let spec = try ScenarioDecoder.decode(star(clients: 20, fraction: 0.2, rounds: 3), file: "star.json")
    let a = file("transfers.csv", of: Experiment.run(spec, options: .init(seed: 1)))
    let b = file("transfers.csv", of: Experiment.run(spec, options: .init(seed: 2)))
    // Columns 4 and 5 are from and to: the set of clients contacted must differ.
    func destinations(_ csv: String) -> [Substring] {
      csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[5] }
    }
    #expect(destinations(a) != destinations(b))
  }

  @Test func embeddedDefaultScenarioMatchesTheCommittedFile() throws {
    // Tests/ScenarioTests/ExperimentTests.swift → repository root is three levels up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let committed = try String(contentsOf: root.appendingPathComponent("scenarios/default.json"), encoding: .utf8)
    #expect(committed == DefaultScenario.text + "\n" || committed == DefaultScenario.text)
  }

  @Test func defaultScenarioRunsEveryRoundWithEveryClientReporting() throws {
    let output = Experiment.run(try DefaultScenario.load())
    #expect(output.rounds.count == 20)
    #expect(output.rounds.allSatisfy { $0.reported == $0.selected && $0.selected == 6 })
  }
}
