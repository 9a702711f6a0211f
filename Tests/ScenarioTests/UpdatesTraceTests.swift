import Foundation
import Testing

@testable import Scenario

/// `updates.csv`: a row for every update of every sampled client, saying what became of it.
struct UpdatesTraceTests {
  /// `name`'s rows as dictionaries keyed by its header.
  static func rows(_ name: String, of output: Experiment.Output) -> [[String: String]] {
    let table = BlockchainComparisonTests.rows(name, of: output)
    return table.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(table[0], $0)) }
  }

  /// A server `s` and three clients on 5 ms, 100 Mbit/s links, vanilla FedAvg over all three
  /// (C = 1) with placeholder training of 1,000 parameters: a 4,012-byte update (12 + 4 × 1,000).
  /// `c0`'s link carries `c0Link`'s extra fields.
  private func star(rounds: Int, deadline: String, c0Link: String) throws -> ScenarioSpec {
    let text = """
      {"name": "star", "seed": 1,
       "topology": {"nodes": [{"id": "s", "roles": ["server"]}, {"id": "c0", "roles": ["client"]},
                              {"id": "c1", "roles": ["client"]}, {"id": "c2", "roles": ["client"]}],
                    "links": [
        {"id": "l0", "between": ["s", "c0"], "latency": "5ms", "bandwidth": "100Mbps"\(c0Link)},
        {"id": "l1", "between": ["s", "c1"], "latency": "5ms", "bandwidth": "100Mbps"},
        {"id": "l2", "between": ["s", "c2"], "latency": "5ms", "bandwidth": "100Mbps"}]},
       "workload": {"kind": "fedavg", "rounds": \(rounds), "fraction": 1, "deadline": "\(deadline)",
                    "training": {"kind": "placeholder", "parameters": 1000, "samplesPerClient": 50}}}
      """
    return try ScenarioDecoder.decode(text, file: "star.json")
  }

  @Test func updatesCSVAccountsForEverySelectedClientInEveryRound() throws {
    // The small default, paired: 3 rounds of 6 sampled clients in each scheme, and every one
    // reports (BlockchainComparisonTests), so 18 `aggregated` rows per scheme, vanilla first. An
    // mlp:64-16-10 update is 12 + 4 × (64·16 + 16 + 16·10 + 10) = 4,852 bytes.
    let output = try Experiment.compare(try BlockchainComparisonTests.small())
    let updates = Self.rows("updates.csv", of: output)
    let twin = try #require(output.twin)
    #expect(twin.rounds.map(\.selected).reduce(0, +) == 18)
    #expect(output.rounds.map(\.selected).reduce(0, +) == 18)
    #expect(
      updates.map { $0["scheme"] } == Array(repeating: "fedavg", count: 18)
        + Array(
          repeating: "bcfl", count: 18))
    let fates = ["aggregated", "rejected", "late", "lost", "not_sent", "unfinished"]
    for row in updates {
      #expect(fates.contains(row["fate"]!), "\(row)")
      #expect(row["fate"] == "aggregated" && row["bytes"] == "4852" && row["score"] == "")
      let (sent, arrived, time) = (
        Int(row["sent_ns"]!)!, Int(row["arrived_ns"]!)!, Int(row["time_ns"]!)!
      )
      #expect(sent < arrived && arrived <= time, "\(row)")
    }
    // One row per (round, client) per scheme, matching the rounds' selections.
    for (scheme, rounds) in [("fedavg", twin.rounds), ("bcfl", output.rounds)] {
      let mine = updates.filter { $0["scheme"] == scheme }
      #expect(Set(mine.map { "\($0["round"]!)/\($0["client"]!)" }).count == mine.count)
      for round in rounds {
        #expect(mine.filter { $0["round"] == String(round.round) }.count == round.selected)
      }
    }
  }

  @Test func aDeadlineMarksLateUpdatesAsLate() throws {
    // c0 uploads at 10 kbit/s: 4,012 × 8 / 10⁴ = 3.21 s, well past the 1 s deadline (it takes longer,
    // sharing c0's link with the other round's), so in both rounds its update arrives after the server aggregated without it. c1 and c2 report within
    // about 11 ms (5 ms + 0.32 ms each way, and a moment of training).
    let spec = try star(rounds: 2, deadline: "1s", c0Link: #", "reverseBandwidth": "10kbps""#)
    let output = try Experiment.run(spec)
    #expect(output.rounds.map(\.reported) == [2, 2])
    let updates = Self.rows("updates.csv", of: output)
    #expect(updates.count == 6)
    for row in updates {
      let late = row["client"] == "c0"
      #expect(row["fate"] == (late ? "late" : "aggregated"), "\(row)")
    }
    let round1 = try #require(updates.first { $0["client"] == "c0" && $0["round"] == "1" })
    let arrived = try #require(Int(row: round1, "arrived_ns"))
    // Decided when it arrived, 3.2 s after it was sent, past round 1's end.
    #expect(round1["time_ns"] == String(arrived))
    #expect(arrived - Int(row: round1, "sent_ns")! > 3_209_600_000)
    #expect(arrived > output.rounds[0].end.nanosecondsSinceStart)
  }

  @Test func lostUpdatesHaveARowSayingLost() throws {
    // c0's link drops half of what crosses it, in either direction: each round its model or its
    // update is lost with probability 1 − 0.5² = 0.75 (all 10 rounds clean: 0.25¹⁰ ≈ 10⁻⁶). A lost
    // model means no update is sent, so each lost message of c0's is exactly one `lost` row: one
    // with no `sent_ns` for a lost model, one with it for a lost update. The 1 s deadline closes
    // every round.
    let output = try Experiment.run(
      try star(rounds: 10, deadline: "1s", c0Link: #", "loss": 0.5"#))
    #expect(output.rounds.count == 10)
    let updates = Self.rows("updates.csv", of: output)
    #expect(updates.count == 30)
    let transfers = Self.rows("transfers.csv", of: output).filter { $0["lost"] == "1" }
    let lost = updates.filter { $0["fate"] == "lost" }
    #expect(!lost.isEmpty)
    #expect(lost.allSatisfy { $0["client"] == "c0" })
    #expect(
      lost.filter { $0["sent_ns"] == "" }.count == transfers.filter { $0["kind"] == "model" }.count)
    #expect(
      lost.filter { $0["sent_ns"] != "" }.count
        == transfers.filter { $0["kind"] == "update" }.count)
    #expect(
      updates.filter { $0["client"] != "c0" }.allSatisfy { $0["fate"] == "aggregated" })
  }
}

struct ChainUpdatesTraceTests {
  @Test func bothSchemesMarkSlowUpdatesLateAndDroppedOnesLost() throws {
    // The small default, paired, with a 5 s deadline; c0 uploads at 5 kbit/s (a 4,852-byte
    // update takes 4,852 × 8 / 5,000 = 7.8 s, past the deadline: late in either scheme, in any
    // round it is sampled) and c3's link drops 30% of what crosses it (a lost model, update,
    // payload or transaction of c3's is a `lost` row; seed 1 loses no registration, which
    // would stall the chain).
    let e0 = #"{"id": "e0-c0", "between": ["e0", "c0"], "latency": "5ms", "bandwidth": "20Mbps", "#
    let e3 = #"{"id": "e0-c3", "between": ["e0", "c3"], "latency": "5ms", "bandwidth": "20Mbps", "#
    let text = try ExperimentTests.smallDefaultText(chain: true)
      .replacingFirst(#""deadline": "60s""#, with: #""deadline": "5s""#)
      .replacingFirst(
        e0 + #""reverseBandwidth": "5Mbps"}"#, with: e0 + #""reverseBandwidth": "5kbps"}"#
      )
      .replacingFirst(
        e3 + #""reverseBandwidth": "5Mbps"}"#,
        with: e3 + #""reverseBandwidth": "5Mbps", "loss": 0.3}"#)
    let output = try Experiment.compare(try ScenarioDecoder.decode(text, file: "slow.json"))
    let updates = UpdatesTraceTests.rows("updates.csv", of: output)
    let lostMessages = UpdatesTraceTests.rows("transfers.csv", of: output).filter {
      $0["lost"] == "1"
    }
    for scheme in ["fedavg", "bcfl"] {
      let mine = updates.filter { $0["scheme"] == scheme }
      #expect(mine.count == 18, "\(scheme)")
      let slow = mine.filter { $0["client"] == "c0" }
      #expect(!slow.isEmpty && slow.allSatisfy { $0["fate"] == "late" }, "\(scheme): \(slow)")
      let lost = mine.filter { $0["fate"] == "lost" }
      #expect(!lost.isEmpty && lost.allSatisfy { $0["client"] == "c3" }, "\(scheme): \(lost)")
      #expect(lost.count == lostMessages.filter { $0["scheme"] == scheme }.count, "\(scheme)")
      #expect(
        mine.filter { !["c0", "c3"].contains($0["client"]) }.allSatisfy {
          $0["fate"] == "aggregated"
        })
    }
  }
}

extension Int {
  /// The integer in `row`'s `column`, nil when it is empty or not a number.
  fileprivate init?(row: [String: String], _ column: String) {
    guard let text = row[column], let value = Int(text) else { return nil }
    self = value
  }
}
