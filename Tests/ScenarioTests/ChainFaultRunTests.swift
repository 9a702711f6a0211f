import Foundation
import SimCore
import Testing

@testable import Scenario

/// Validator faults through whole blockchain runs: the consensus engines react (a BFT chain keeps
/// committing with f of its validators down and stops with f + 1), clients fail over to a live
/// validator, registration closes at its deadline, and a run that cannot progress ends with a
/// warning that names the cause.
@Suite struct ChainFaultRunTests {
  /// Four validators (v0 also the twin's server) and six clients, all on one router, so that a
  /// validator down cuts off nobody else; placeholder training of 1,000 parameters, every client
  /// sampled, 3 rounds of at most 20 s.
  static func scenario(chain: String, faults: String) throws -> ScenarioSpec {
    let clients = (0..<6).map { "c\($0)" }
    let validators = (0..<4).map { "v\($0)" }
    let nodes =
      [#"{"id": "r", "roles": ["router"]}"#]
      + validators.map { id in
        #"{"id": "\#(id)", "roles": [\#(id == "v0" ? #""server", "#: "")"validator"], "profile": "edge-server", "cores": 4}"#
      }
      + clients.map { #"{"id": "\#($0)", "roles": ["client"], "profile": "smartphone"}"# }
    let links = (validators + clients).map { id in
      #"{"id": "r-\#(id)", "between": ["r", "\#(id)"], "latency": "5ms", "bandwidth": "100Mbps"}"#
    }
    let text = #"""
      {"name": "chain-faults", "seed": 3,
       "topology": {"nodes": [\#(nodes.joined(separator: ", "))],
                    "links": [\#(links.joined(separator: ", "))]},
       "workload": {"kind": "fedavg", "server": "v0", "rounds": 3, "fraction": 1.0, "epochs": 1,
                    "batchSize": 10, "learningRate": 0.05, "deadline": "20s",
                    "chain": \#(chain),
                    "training": {"kind": "placeholder", "parameters": 1000, "samplesPerClient": 100}},
       "faults": \#(faults)}
      """#
    return try ScenarioDecoder.decode(text, file: "chain-faults.json")
  }

  static let bft = #"{"consensus": "bft", "timeout": "1s"}"#

  @Test func aBFTChainWithFOfItsValidatorsDownCompletesEveryRound() throws {
    // n = 4 tolerates f = ⌊(4 − 1)/3⌋ = 1: v2 down from the start, for the whole run.
    let output = try Experiment.run(
      try Self.scenario(chain: Self.bft, faults: #"[{"at": "0s", "crash": "v2"}]"#))
    #expect(output.rounds.count == 3)
    #expect(!output.stoppedEarly)
    // Every client's gateway is the lowest-latency validator, ties to the lower index: v0, which
    // is up, so every update is aggregated.
    #expect(output.rounds.allSatisfy { $0.reported == 6 })
  }

  @Test func clientsOfACrashedGatewayFailOverToALiveValidator() throws {
    // v0, every client's gateway, crashes at 0 s: its clients register and submit through the
    // nearest live validator (v1), and the chain (3 of 4 up) goes on.
    let output = try Experiment.run(
      try Self.scenario(chain: Self.bft, faults: #"[{"at": "0s", "crash": "v0"}]"#))
    #expect(output.rounds.count == 3)
    #expect(output.rounds.allSatisfy { $0.reported == 6 })
  }

  @Test func aBFTChainWithFPlusOneValidatorsDownStopsWithItsCause() throws {
    // Two of four down from 0 s: no height commits (a quorum is 2f + 1 = 3), so no client
    // registers and round 1 never opens. The run ends (the stall watchdog), saying why.
    let output = try Experiment.run(
      try Self.scenario(
        chain: Self.bft,
        faults: #"[{"at": "0s", "crash": "v2"}, {"at": "0s", "crash": "v3"}]"#))
    #expect(output.rounds.isEmpty)
    #expect(output.stoppedEarly)
    #expect(
      output.warnings.contains {
        $0.contains(
          "only 0 of 3 rounds completed: the chain lost its quorum: 2 of 4 BFT "
            + "validators were down (v2, v3)")
      }, "\(output.warnings)")
  }

  @Test func aBFTChainResumesWhenAValidatorRecovers() throws {
    // v2 down for good and v3 down from 0 s to 30 s: nothing commits until v3 is back, then the
    // rounds complete; registration (deadline = the round deadline, 20 s) closed before that
    // with nobody registered would have emptied round 1, so it is given 60 s.
    let chain = #"{"consensus": "bft", "timeout": "1s", "registrationDeadline": "60s"}"#
    let output = try Experiment.run(
      try Self.scenario(
        chain: chain,
        faults: #"[{"at": "0s", "crash": "v2"}, {"at": "0s", "crash": "v3", "for": "30s"}]"#))
    #expect(output.rounds.count == 3)
    #expect(
      output.rounds.first.map { $0.start >= SimInstant.zero + SimDuration.seconds(30) } == true)
    #expect(output.rounds.allSatisfy { $0.reported == 6 })
  }

  @Test func registrationClosesAtItsDeadlineWithoutAnUnreachableClient() throws {
    // c5 is down from the start: its registration is lost. Round 1 opens at the first block
    // 20 s in (the registration deadline defaults to the round deadline), and c5 is a dropout
    // of every round, "not registered".
    let output = try Experiment.run(
      try Self.scenario(chain: Self.bft, faults: #"[{"at": "0s", "crash": "c5"}]"#))
    #expect(output.rounds.count == 3)
    #expect(
      output.rounds.first.map { $0.start >= SimInstant.zero + SimDuration.seconds(20) } == true)
    #expect(output.rounds.allSatisfy { $0.selected == 6 && $0.reported == 5 })
    let reasons = BlockchainComparisonTests.column(
      "reason", of: "updates.csv", scheme: "bcfl", in: output)
    #expect(
      reasons.filter { $0 == "the client had not registered by the registration deadline" }.count
        == 3)
    #expect(
      BlockchainComparisonTests.column(
        "updates_lost_to_faults", of: "summary.csv", scheme: "bcfl", in: output) == ["3"])
  }

  @Test func proofOfWorkDeadlinesCountFromTheConfirmingBlock() throws {
    // 6 confirmations of 5 s blocks (about 30 s before a client can know of a round) against a
    // 20 s deadline: counted from the opening block, the deadline would pass before any client
    // heard of the round and every update would be late; counted from the confirming block, none
    // is.
    let chain = #"{"consensus": "pow", "blockInterval": "5s", "confirmations": 6}"#
    let output = try Experiment.run(try Self.scenario(chain: chain, faults: "[]"))
    #expect(output.rounds.count == 3)
    let fates = BlockchainComparisonTests.column(
      "fate", of: "updates.csv", scheme: "bcfl", in: output)
    #expect(fates.count == 18 && fates.allSatisfy { $0 == "aggregated" }, "\(fates)")
  }
}
