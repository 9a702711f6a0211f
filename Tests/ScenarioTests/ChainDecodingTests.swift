import SimCore
import Testing

@testable import Scenario

/// Every malformed `workload.chain` is one `ScenarioError` naming the field, the value and what
/// is accepted.
struct ChainDecodingTests {
  static let chainLine =
    #""chain": {"consensus": "poa", "blockPeriod": "1s", "payloads": "on-chain"}"#

  /// The small default scenario with its chain replaced by `chain`.
  private func error(
    chain: String, replacing original: String? = nil, with replacement: String = ""
  )
    -> ScenarioError?
  {
    guard let base = try? ExperimentTests.smallDefaultText(chain: true) else {
      preconditionFailure("the small default scenario cannot be built")
    }
    var text = base.replacingFirst(Self.chainLine, with: #""chain": \#(chain)"#)
    if let original { text = text.replacingFirst(original, with: replacement) }
    do throws(ScenarioError) {
      let spec = try ScenarioDecoder.decode(text, file: "chain.json")
      try Experiment.checkInputs(spec)
      return nil
    } catch {
      return error
    }
  }

  /// The error's field path, or nil.
  private func path(_ error: ScenarioError?) -> String? {
    switch error {
    case .invalidValue(_, _, let path, _, _), .missingField(_, _, let path, _),
      .unknownField(_, _, let path, _), .unknownReference(_, _, let path, _, _),
      .duplicateID(_, _, let path, _), .wrongType(_, _, let path, _, _):
      return path
    default: return nil
    }
  }

  @Test func theDefaultChainDecodes() throws {
    #expect(error(chain: #"{"consensus": "poa"}"#) == nil)
    let spec = try ScenarioDecoder.decode(
      try ExperimentTests.smallDefaultText(chain: true), file: "chain.json")
    // Validators default to the nodes with role `validator`: the cloud and the 3 edge servers.
    guard case .fedavg(let fedavg) = spec.workload, let chain = fedavg.chain else {
      Issue.record("no chain decoded")
      return
    }
    #expect(
      chain.validators.map { spec.topology.nodes[$0.index].name } == ["cloud", "e0", "e1", "e2"])
    #expect(chain.confirmations == 0 && chain.maxBlockBytes.bytes == 1_000_000)
  }

  @Test func anUnknownConsensusIsRejectedWithTheChoices() {
    let found = error(chain: #"{"consensus": "proof-of-stake"}"#)
    #expect(path(found) == "workload.chain.consensus")
    #expect(found?.description.contains("poa") == true)
  }

  @Test func anotherEnginesFieldIsRejected() {
    let found = error(chain: #"{"consensus": "pow", "blockPeriod": "1s"}"#)
    #expect(path(found) == "workload.chain.blockPeriod")
    #expect(found?.description.contains("belongs to consensus \"poa\"") == true)
  }

  @Test func bftNeedsFourValidators() {
    let found = error(chain: #"{"consensus": "bft", "validators": ["e0", "e1", "e2"]}"#)
    #expect(path(found) == "workload.chain.validators")
    #expect(found?.description.contains("at least 4") == true)
  }

  @Test func anUnknownValidatorIsReported() {
    let found = error(chain: #"{"validators": ["e0", "v9"]}"#)
    #expect(
      found
        == .unknownReference(
          file: "chain.json", line: found.map(line) ?? 0, path: "workload.chain.validators[1]",
          name: "v9", kind: "node"))
  }

  @Test func offChainPayloadsNeedAStorageNode() {
    // The default topology has no node with role `storage`, so none can be inferred.
    let found = error(chain: #"{"payloads": "off-chain"}"#)
    #expect(path(found) == "workload.chain.storage")
    #expect(error(chain: #"{"payloads": "off-chain", "storage": "cloud"}"#) == nil)
    #expect(path(error(chain: #"{"storage": "cloud"}"#)) == "workload.chain.storage")
  }

  @Test func chainTimingIsBetweenAMillisecondAndADay() {
    #expect(path(error(chain: #"{"blockPeriod": "100us"}"#)) == "workload.chain.blockPeriod")
    #expect(
      path(error(chain: #"{"consensus": "pow", "blockInterval": "90000s"}"#))
        == "workload.chain.blockInterval")
    #expect(
      path(error(chain: #"{"consensus": "bft", "commitDelay": "0s"}"#))
        == "workload.chain.commitDelay")
    #expect(error(chain: #"{"consensus": "bft", "timeoutIncrement": "0s"}"#) == nil)
  }

  @Test func aBackupDelayMustFitInTheSlot() {
    let found = error(chain: #"{"blockPeriod": "1s", "wiggle": "1s"}"#)
    #expect(path(found) == "workload.chain.wiggle")
  }

  @Test func anUpdateThatCannotFitInABlockIsRejectedBeforeTheRun() {
    // mlp:64-16-10 has 64·16 + 16 + 16·10 + 10 = 1,210 parameters: a 4,852-byte update, which
    // a 2 kB (2,000-byte) block cannot hold.
    let found = error(chain: #"{"blockBytes": "2kB"}"#)
    #expect(path(found) == "workload.chain.blockBytes")
    #expect(found?.description.contains("off-chain") == true)
    #expect(
      error(chain: #"{"blockBytes": "2kB", "payloads": "off-chain", "storage": "cloud"}"#) == nil)
  }

  @Test func aHugePlaceholderUpdateIsPricedWithoutBuildingIt() {
    // 500 million float32 parameters: a 2 GB update, far over a 1 MB block. The check prices
    // the transaction from the update's size (no 2 GB buffer), so it answers at once.
    let found = error(
      chain: #"{"consensus": "poa"}"#,
      replacing:
        #""training": {"kind": "learning", "model": "mlp:64-16-10", "threads": 2, "dataset": "digits"}"#,
      with: #""training": {"kind": "placeholder", "parameters": 500000000, "samplesPerClient": 1}"#)
    #expect(path(found) == "workload.chain.blockBytes")
    #expect(found?.description.contains("2000000") == true)
  }

  @Test func robustAggregationRunsOnAChain() {
    // The contract meters a robust rule in gas, so it is no longer refused with a chain.
    let found = error(
      chain: #"{"consensus": "poa"}"#, replacing: #""dataset": "digits""#,
      with: #""dataset": "digits", "aggregation": "median""#)
    #expect(found == nil, "\(String(describing: found))")
  }

  @Test func bftBlocksAreFinalWithoutConfirmations() {
    let found = error(chain: #"{"consensus": "bft", "confirmations": 2}"#)
    #expect(path(found) == "workload.chain.confirmations")
  }

  @Test(arguments: [
    (#"{"consensus": "poa"}"#, ScenarioSpec.ChainSpec.Gossip.announce),
    (#"{"consensus": "pow", "gossip": "flood"}"#, .flood),
    (#"{"consensus": "bft", "gossip": "announce"}"#, .announce),
  ])
  func gossipDefaultsToAnnounceAndAcceptsFlood(
    chain: String, expected: ScenarioSpec.ChainSpec.Gossip
  ) throws {
    let text = try ExperimentTests.smallDefaultText(chain: true)
      .replacingFirst(Self.chainLine, with: #""chain": \#(chain)"#)
    let spec = try ScenarioDecoder.decode(text, file: "chain.json")
    guard case .fedavg(let fedavg) = spec.workload, let decoded = fedavg.chain else {
      Issue.record("no chain decoded")
      return
    }
    #expect(decoded.gossip == expected)
  }

  /// `gossipTimeout` reaches the engines' request timeout: 5 s unless written, and refused with
  /// flooding, where nothing is requested.
  @Test func gossipTimeoutDefaultsToFiveSecondsAndIsRefusedWithFlooding() throws {
    for (chain, expected) in [
      (#"{"consensus": "poa"}"#, SimDuration.seconds(5)),
      (#"{"consensus": "poa", "gossipTimeout": "750ms"}"#, .milliseconds(750)),
    ] {
      let text = try ExperimentTests.smallDefaultText(chain: true)
        .replacingFirst(Self.chainLine, with: #""chain": \#(chain)"#)
      let spec = try ScenarioDecoder.decode(text, file: "chain.json")
      guard case .fedavg(let fedavg) = spec.workload, let decoded = fedavg.chain else {
        Issue.record("no chain decoded")
        continue
      }
      #expect(decoded.gossipTimeout == expected, "\(chain)")
    }
    let found = error(chain: #"{"consensus": "poa", "gossip": "flood", "gossipTimeout": "1s"}"#)
    #expect(path(found) == "workload.chain.gossipTimeout")
    #expect(found?.description.contains("nothing is requested") == true)
  }

  @Test func anUnknownGossipIsRejectedOnOneLineWithTheChoices() throws {
    let found = try #require(error(chain: #"{"consensus": "pow", "gossip": "gossipsub"}"#))
    #expect(
      found
        == .invalidValue(
          file: "chain.json", line: line(found), path: "workload.chain.gossip",
          value: #""gossipsub""#, accepted: #"expected one of: "announce", "flood""#))
    let text = found.description
    #expect(!text.contains("\n"))
    for part in ["chain.json", "workload.chain.gossip", "gossipsub", #""announce", "flood""#] {
      #expect(text.contains(part), "\(part) missing from \(text)")
    }
    #expect(path(error(chain: #"{"gossip": 1}"#)) == "workload.chain.gossip")
  }

  @Test func rateUpdateAcceptsExactOrAPositiveInterval() throws {
    let text = try ExperimentTests.smallDefaultText()
    for (value, accepted) in [
      ("\"exact\"", true), ("\"1ms\"", true), ("\"0ms\"", false),
      ("\"fast\"", false), ("5", false),
    ] {
      let variant = text.replacingFirst(
        #""seed": 1,"#, with: #""seed": 1, "rateUpdate": \#(value),"#)
      do throws(ScenarioError) {
        _ = try ScenarioDecoder.decode(variant, file: "rate.json")
        #expect(accepted, "\(value) was accepted")
      } catch {
        #expect(!accepted && path(error) == "rateUpdate", "\(value): \(error)")
      }
    }
  }

  private func line(_ error: ScenarioError) -> Int {
    if case .unknownReference(_, let line, _, _, _) = error { return line }
    if case .invalidValue(_, let line, _, _, _) = error { return line }
    return -1
  }
}
