import Foundation
import SimCore
import Testing

@testable import Scenario

/// `Experiment.compare` on the default scenario cut to 3 rounds of a small MLP: the blockchain
/// scheme (a proof-of-authority chain, a block a second, on the 3 edge servers and the cloud)
/// against its vanilla twin.
struct BlockchainComparisonTests {
  static func small(chain: String? = nil, seed: Int = 1) throws -> ScenarioSpec {
    var text = try ExperimentTests.smallDefaultText(seed: seed, chain: true)
    if let chain {
      text = text.replacingFirst(
        #""chain": {"consensus": "poa", "blockPeriod": "1s", "payloads": "on-chain"}"#,
        with: #""chain": \#(chain)"#)
    }
    return try ScenarioDecoder.decode(text, file: "small-chain.json")
  }

  static func rows(_ name: String, of output: Experiment.Output) -> [[String]] {
    let text = output.files.first { $0.name == name }!.contents
    return text.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  /// The values of column `column` in `name`, for rows whose `scheme` is `scheme`.
  static func column(
    _ column: String, of name: String, scheme: String, in output: Experiment.Output
  )
    -> [String]
  {
    let table = rows(name, of: output)
    let c = table[0].firstIndex(of: column)!
    let s = table[0].firstIndex(of: "scheme")!
    return table.dropFirst().filter { $0[s] == scheme }.map { $0[c] }
  }

  @Test func theChainTrainsTheSameModelsAsItsVanillaTwin() throws {
    let output = try Experiment.compare(try Self.small())
    let twin = try #require(output.twin)
    // The contract samples with the server's stream and averages with the same rule in the same
    // order; every sampled client reports in both runs, so every round's model is identical.
    #expect(output.rounds.count == 3 && twin.rounds.count == 3)
    #expect(output.rounds.allSatisfy { $0.reported == $0.selected && $0.selected == 6 })
    #expect(output.rounds.map(\.accuracy) == twin.rounds.map(\.accuracy))
    #expect(output.rounds.map(\.loss) == twin.rounds.map(\.loss))
    #expect(output.summary.scheme == "bcfl" && twin.summary.scheme == "fedavg")
    // The chain costs time and traffic, and stores something.
    #expect(output.summary.totalTime > twin.summary.totalTime)
    #expect(output.summary.onChainBytes > 0 && twin.summary.onChainBytes == 0)
  }

  @Test func pairedOutputIsByteIdenticalForTheSameSeed() throws {
    let first = try Experiment.compare(try Self.small())
    let second = try Experiment.compare(try Self.small())
    #expect(first.files.map(\.name) == second.files.map(\.name))
    #expect(first.files.map(\.name).contains("blocks.csv"))
    for (a, b) in zip(first.files, second.files) {
      #expect(a.contents == b.contents, "\(a.name) differs")
    }
  }

  @Test func summaryHasBothRowsAndTheirRatios() throws {
    let output = try Experiment.compare(try Self.small())
    let table = Self.rows("summary.csv", of: output)
    let scheme = table[0].firstIndex(of: "scheme")!
    #expect(table.dropFirst().map { $0[scheme] } == ["fedavg", "bcfl", "bcfl/fedavg"])
    let time = table[0].firstIndex(of: "total_time_ns")!
    let ratio = Double(table[3][time])!
    #expect(ratio == Double(table[2][time])! / Double(table[1][time])!)
    // On-chain bytes and gas are zero for the vanilla run: their ratio is undefined, left empty.
    let onChain = table[0].firstIndex(of: "onchain_bytes")!
    #expect(table[1][onChain] == "0" && table[3][onChain] == "")
  }

  @Test func onChainBytesAndGasAreThoseOfTheCanonicalBlocks() throws {
    let output = try Experiment.compare(try Self.small())
    let blocks = Self.rows("blocks.csv", of: output)
    let header = blocks[0]
    var bytes: Int64 = 0
    var gas: UInt64 = 0
    for row in blocks.dropFirst() where row[header.firstIndex(of: "canonical")!] == "1" {
      bytes += Int64(row[header.firstIndex(of: "bytes")!])!
      gas += UInt64(row[header.firstIndex(of: "intrinsic_gas")!])!
      gas += UInt64(row[header.firstIndex(of: "execution_gas")!]) ?? 0
    }
    #expect(output.summary.onChainBytes == bytes && output.summary.gas == gas)
    // Proof of authority with every signer up never forks: every block is canonical, one per
    // second, in slot order.
    let created = blocks.dropFirst().map { Int64($0[header.firstIndex(of: "created_ns")!])! }
    #expect(created == (1...Int64(created.count)).map { $0 * 1_000_000_000 })
  }

  @Test func proofOfAuthorityRoundsEndJustAfterABlock() throws {
    let output = try Experiment.compare(try Self.small())
    // Registration fills the block of t = 1 s, which opens round 1. A client's download,
    // training of a small MLP and upload take well under a second, so round r's last update is
    // included in the block of t = r + 1 s, whose end-of-block step aggregates; the round ends
    // when the first validator has validated and executed it: milliseconds after the block.
    for round in output.rounds {
      let blockTime = SimInstant.zero + .seconds(Int64(round.round) + 1)
      #expect(round.end >= blockTime && round.end < blockTime + .milliseconds(50), "\(round)")
      #expect(round.inclusion <= .seconds(1) && round.inclusion > .zero)
      // Confirmation depth 0: a block is confirmed when it is accepted.
      #expect(round.confirmation == .zero)
    }
  }

  @Test func offChainPayloadsLeaveOnlyReferencesOnChain() throws {
    let onChain = try Experiment.compare(try Self.small())
    let offChain = try Experiment.compare(
      try Self.small(
        chain:
          #"{"consensus": "poa", "blockPeriod": "1s", "payloads": "off-chain", "storage": "cloud"}"#
      ))
    #expect(offChain.rounds.map(\.accuracy) == onChain.rounds.map(\.accuracy))
    let kinds = Self.column("kind", of: "transfers.csv", scheme: "bcfl", in: offChain)
    // 3 rounds × 6 clients upload their update to the storage node; each of the 4 validators
    // fetches each of those 18 updates to execute the blocks that reference them; the first
    // validator to aggregate a round publishes the model there: once per round.
    #expect(kinds.filter { $0 == "update-payload" }.count == 18)
    #expect(kinds.filter { $0 == "update-fetch" }.count == 4 * 18)
    #expect(kinds.filter { $0 == "model-publish" }.count == 3)
    // A reference is 41 bytes in a transaction; the update's 4,852 bytes are not on chain.
    #expect(offChain.summary.onChainBytes * 10 < onChain.summary.onChainBytes)
  }

  @Test func aLostMessageWithoutADeadlineStopsTheChainWithAWarning() throws {
    // c0's link drops 90% of what crosses it and no round has a deadline: some round waits for
    // a message that never comes. The contract cannot close it, so after 100 blocks of 60 s
    // (6,000 s) with nothing in flight the run stops instead of sealing empty blocks for 150
    // years.
    let text = try ExperimentTests.smallDefaultText(chain: true)
      .replacingFirst(#""deadline": "60s","#, with: "")
      .replacingFirst(#""blockPeriod": "1s""#, with: #""blockPeriod": "60s""#)
      .replacingFirst(
        #"{"id": "e0-c0", "between": ["e0", "c0"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps"}"#,
        with:
          #"{"id": "e0-c0", "between": ["e0", "c0"], "latency": "5ms", "bandwidth": "20Mbps", "reverseBandwidth": "5Mbps", "loss": 0.9}"#
      )
    let output = try Experiment.run(try ScenarioDecoder.decode(text, file: "lossy-chain.json"))
    #expect(output.rounds.count < 3)
    #expect(output.warnings.contains { $0.contains("workload.deadline") })
  }

  @Test func aRoundLongerThanAnHourIsNotMistakenForAStall() throws {
    // Placeholder training of 6 × 10,000 parameters × 100,000,000 samples = 6·10¹² flop takes
    // 6,000 s on an `iot-device` (10⁹ flop/s): the round outlasts the hour of silence (longer
    // than 100 blocks of 30 s) after which a chain with nothing in flight is stopped. Training is
    // in flight, so the round may not be cut short, and without a deadline it must complete.
    let text = try ExperimentTests.smallDefaultText(chain: true)
      .replacingFirst(#""deadline": "60s","#, with: "")
      .replacingFirst(#""rounds": 3"#, with: #""rounds": 1"#)
      .replacingFirst(#""blockPeriod": "1s""#, with: #""blockPeriod": "30s""#)
      .replacingFirst(
        #""training": {"kind": "learning", "model": "mlp:64-16-10", "threads": 2, "dataset": "digits"}"#,
        with:
          #""training": {"kind": "placeholder", "parameters": 10000, "samplesPerClient": 100000000}"#
      )
    let output = try Experiment.run(try ScenarioDecoder.decode(text, file: "slow-chain.json"))
    #expect(output.rounds.count == 1)
    #expect(output.rounds.allSatisfy { $0.compute >= .seconds(6_000) })
    #expect(output.warnings.isEmpty)
  }

  @Test func everyConsensusEngineCompletesTheRounds() throws {
    for chain in [
      #"{"consensus": "bft", "timeout": "1s"}"#,
      #"{"consensus": "pow", "blockInterval": "1s", "confirmations": 1}"#,
    ] {
      let output = try Experiment.run(try Self.small(chain: chain))
      #expect(output.rounds.count == 3, "\(chain)")
      #expect(output.summary.scheme == "bcfl" && output.summary.onChainBytes > 0, "\(chain)")
    }
  }
}
