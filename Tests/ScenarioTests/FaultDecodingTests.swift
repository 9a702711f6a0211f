import Faults
import Foundation
import Ledger
import SimCore
import Testing
import Traces

@testable import Scenario

/// The top-level `faults` list (issue #12 §1): each kind decodes to its `Fault` with names
/// resolved, an absent list is no faults, and every input that does not fit is one
/// `ScenarioError` at the exact dotted path, echoing the bad value.
struct FaultDecodingTests {
  // MARK: - Fixtures

  /// Six nodes and five links, IDs in written order: s = node 0, e0 = 1, e1 = 2, c0 = 3,
  /// c1 = 4, c2 = 5; l0 … l4 = links 0 … 4. Each fault entry gets its own line, the first on
  /// `firstFaultLine`.
  static func scenario(faults entries: [String]?) -> String {
    let link = #""latency": "1ms", "bandwidth": "100Mbps""#
    var text = """
      {"name": "faults",
       "topology": {
         "nodes": [
           {"id": "s", "roles": ["server"]}, {"id": "e0", "roles": ["edge"]},
           {"id": "e1", "roles": ["edge"]}, {"id": "c0", "roles": ["client"]},
           {"id": "c1", "roles": ["client"]}, {"id": "c2", "roles": ["client"]}],
         "links": [
           {"id": "l0", "between": ["s", "e0"], \(link)},
           {"id": "l1", "between": ["s", "e1"], \(link)},
           {"id": "l2", "between": ["e0", "c0"], \(link)},
           {"id": "l3", "between": ["e0", "c1"], \(link)},
           {"id": "l4", "between": ["e1", "c2"], \(link)}]},
       "workload": {"kind": "transfers",
                    "transfers": [{"id": "t", "from": "c0", "to": "s", "bytes": 1000}]}
      """
    if let entries {
      text += ",\n \"faults\": [\n" + entries.joined(separator: ",\n") + "\n ]"
    }
    return text + "}\n"
  }

  /// The line of the first fault entry in `scenario(faults:)`.
  static let firstFaultLine = 16
  static let file = "faults.json"

  /// The faults `entries` decode to.
  private func plan(_ entries: [String]?) throws(ScenarioError) -> FaultPlan {
    try ScenarioDecoder.decode(Self.scenario(faults: entries), file: Self.file).faults
  }

  /// The one fault `entry` decodes to.
  private func fault(_ entry: String) throws -> Fault {
    let faults = try plan([entry]).faults
    try #require(faults.count == 1)
    return faults[0]
  }

  /// The error decoding `entries` throws, or nil when they decode.
  private func error(_ entries: [String]) -> ScenarioError? {
    do {
      _ = try plan(entries)
      return nil
    } catch {
      return error
    }
  }

  /// The path and bad value of an `invalidValue` error, for checks that need not repeat the
  /// whole accepted sentence.
  private func invalid(_ error: ScenarioError?) -> (line: Int, path: String, value: String)? {
    guard case .invalidValue(_, let line, let path, let value, _) = error else { return nil }
    return (line, path, value)
  }

  @Test func theFixtureHasItsFirstFaultOnTheStatedLine() {
    let lines = Self.scenario(faults: [#"{"at": "1s", "crash": "c0"}"#]).split(separator: "\n")
    #expect(lines[Self.firstFaultLine - 1].contains(#""crash": "c0""#))
  }

  // MARK: - Each kind

  @Test func crashNamesItsNodeInstantAndDurationOrLastsToTheEnd() throws {
    #expect(
      try fault(#"{"at": "30s", "crash": "e1", "for": "20s"}"#)
        == .crash(node: NodeID(2), at: .seconds(30), duration: .seconds(20)))
    #expect(
      try fault(#"{"at": "0s", "crash": "c2"}"#)
        == .crash(node: NodeID(5), at: .zero, duration: nil))
  }

  @Test func linkDownNamesItsLinkInstantAndDuration() throws {
    #expect(
      try fault(#"{"at": "10s", "linkDown": "l3", "for": "5s"}"#)
        == .linkDown(link: LinkID(3), at: .seconds(10), duration: .seconds(5)))
  }

  @Test func partitionResolvesRestToTheUnnamedNodesInAscendingIDOrder() throws {
    // Named e0, c0, c1 = nodes 1, 3, 4; the rest is s, e1, c2 = nodes 0, 2, 5.
    #expect(
      try fault(#"{"at": "10s", "partition": [["e0", "c0", "c1"], ["rest"]], "for": "60s"}"#)
        == .partition(
          groups: [[NodeID(1), NodeID(3), NodeID(4)], [NodeID(0), NodeID(2), NodeID(5)]],
          at: .seconds(10), duration: .seconds(60)))
    // "rest" may come first; explicit groups keep their written order.
    #expect(
      try fault(#"{"at": "1s", "partition": [["rest"], ["c2", "e1"]]}"#)
        == .partition(
          groups: [[NodeID(0), NodeID(1), NodeID(3), NodeID(4)], [NodeID(5), NodeID(2)]],
          at: .seconds(1), duration: nil))
  }

  @Test func partitionWithoutRestTakesGroupsThatCoverEveryNode() throws {
    #expect(
      try fault(#"{"at": "1s", "partition": [["s", "e0", "c0"], ["c1"], ["e1", "c2"]]}"#)
        == .partition(
          groups: [[NodeID(0), NodeID(1), NodeID(3)], [NodeID(4)], [NodeID(2), NodeID(5)]],
          at: .seconds(1), duration: nil))
  }

  @Test func stragglerNamesItsNodeWindowAndSlowdown() throws {
    #expect(
      try fault(#"{"from": "0s", "until": "60s", "straggler": "c2", "slowdown": 5}"#)
        == .straggler(node: NodeID(5), from: .zero, until: .seconds(60), slowdown: 5))
    #expect(
      try fault(#"{"from": "1.5s", "straggler": "c0", "slowdown": 1}"#)
        == .straggler(node: NodeID(3), from: .milliseconds(1_500), until: nil, slowdown: 1))
  }

  @Test func lossNamesItsLinksInWrittenOrderOrAllInIDOrder() throws {
    #expect(
      try fault(#"{"from": "0s", "until": "60s", "loss": 0.1, "links": ["l2", "l1"]}"#)
        == .loss(links: [LinkID(2), LinkID(1)], from: .zero, until: .seconds(60), rate: 0.1))
    #expect(
      try fault(#"{"from": "2s", "loss": 1, "links": "all"}"#)
        == .loss(links: (0..<5).map(LinkID.init), from: .seconds(2), until: nil, rate: 1))
  }

  @Test func thePlanKeepsTheListOrder() throws {
    let faults = try plan([
      #"{"from": "0s", "loss": 0, "links": ["l0"]}"#, #"{"at": "5s", "crash": "c0"}"#,
      #"{"at": "5s", "linkDown": "l4", "for": "1ns"}"#,
    ]).faults
    #expect(faults.map(\.kind) == ["loss", "crash", "link-down"])
  }

  @Test func noFaultsListOrAnEmptyOneIsNoFaults() throws {
    #expect(try plan(nil) == .none)
    #expect(try plan([]) == .none)
  }

  @Test func windowsOfOneTargetMayTouchWithoutOverlapping() throws {
    // The first crash ends at 30 s + 20 s = 50 s, exactly when the second starts.
    let faults = try plan([
      #"{"at": "30s", "crash": "e1", "for": "20s"}"#, #"{"at": "50s", "crash": "e1"}"#,
      #"{"at": "0s", "crash": "c0"}"#, #"{"at": "40s", "crash": "c1", "for": "1s"}"#,
    ]).faults
    #expect(faults.count == 4)
  }

  // MARK: - Kinds and fields

  @Test func anEntryWithTwoKindsIsRefusedAtTheSecondKey() {
    let found = error([#"{"at": "1s", "crash": "e1", "linkDown": "l1"}"#])
    let place = invalid(found)
    #expect(place?.path == "faults[0].linkDown")
    #expect(place?.value == #""l1""#)
    #expect(place?.line == Self.firstFaultLine)
    #expect(found?.description.contains("crash, linkDown, partition, straggler, loss") == true)
  }

  @Test func anEntryWithNoKindIsRefusedNamingTheKindKeys() {
    let found = error([#"{"at": "1s", "for": "2s"}"#])
    #expect(invalid(found)?.path == "faults[0]")
    #expect(found?.description.contains("crash, linkDown, partition, straggler, loss") == true)
  }

  @Test func aFieldOfAnotherKindIsAnUnknownField() {
    #expect(
      error([#"{"at": "1s", "crash": "e1", "slowdown": 2}"#])
        == .unknownField(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].slowdown",
          accepted: ["crash", "at", "for"]))
  }

  @Test func aMissingInstantIsAMissingField() {
    #expect(
      error([#"{"crash": "e1"}"#])
        == .missingField(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].at",
          expected: FaultSchema.at.accepts))
  }

  // MARK: - References

  @Test func anUnknownNodeIsAnUnknownReference() {
    #expect(
      error([#"{"at": "1s", "crash": "e1"}"#, #"{"at": "1s", "crash": "c9"}"#])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine + 1, path: "faults[1].crash", name: "c9",
          kind: "node"))
    #expect(
      error([#"{"at": "1s", "partition": [["e0", "x"], ["rest"]]}"#])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].partition[0][1]",
          name: "x", kind: "node"))
  }

  @Test func anUnknownLinkIsAnUnknownReference() {
    #expect(
      error([#"{"at": "1s", "linkDown": "l9"}"#])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].linkDown", name: "l9",
          kind: "link"))
    #expect(
      error([#"{"from": "0s", "loss": 0.5, "links": ["l1", "e0"]}"#])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].links[1]", name: "e0",
          kind: "link"))
  }

  @Test func lossLinksAreNonEmptyAndDistinct() {
    #expect(
      invalid(error([#"{"from": "0s", "loss": 0.5, "links": []}"#]))?.path == "faults[0].links")
    #expect(
      error([#"{"from": "0s", "loss": 0.5, "links": ["l1", "l1"]}"#])
        == .duplicateID(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].links[1]", id: "l1"))
    let other = invalid(error([#"{"from": "0s", "loss": 0.5, "links": "some"}"#]))
    #expect(other?.path == "faults[0].links" && other?.value == #""some""#)
  }

  // MARK: - Windows

  @Test func untilBeforeOrAtFromIsRefusedAtUntil() {
    let before = error([
      #"{"at": "1s", "crash": "c0"}"#, #"{"at": "2s", "crash": "c1"}"#,
      #"{"from": "10s", "until": "5s", "straggler": "c2", "slowdown": 2}"#,
    ])
    let place = invalid(before)
    #expect(place?.path == "faults[2].until")
    #expect(place?.value == #""5s""#)
    #expect(place?.line == Self.firstFaultLine + 2)
    #expect(before?.description.contains("after `from` (10s)") == true)
    let equal = invalid(error([#"{"from": "3s", "until": "3s", "loss": 0.5, "links": "all"}"#]))
    #expect(equal?.path == "faults[0].until" && equal?.value == #""3s""#)
  }

  @Test func aCrashDuringACrashOfTheSameNodeNamesTheEarlierEntry() {
    let found = error([
      #"{"at": "30s", "crash": "e1", "for": "20s"}"#, #"{"at": "10s", "crash": "c0"}"#,
      #"{"at": "40s", "crash": "e1", "for": "20s"}"#,
    ])
    let place = invalid(found)
    #expect(place?.path == "faults[2].at")
    #expect(place?.value == #""40s""#)
    #expect(place?.line == Self.firstFaultLine + 2)
    #expect(
      found?.description.contains(
        "a crash of `e1` while it is up: faults[0] crashes it from 30s to 50s, and this one is "
          + "from 40s to 60s") == true)
  }

  @Test func aCrashWithoutEndContainsEveryLaterCrashOfItsNode() {
    // The later-listed crash starts first; the one listed first never ends, so they overlap.
    let found = error([#"{"at": "90s", "crash": "c1"}"#, #"{"at": "5s", "crash": "c1"}"#])
    #expect(invalid(found)?.path == "faults[1].at")
    #expect(
      found?.description.contains("faults[0] crashes it from 90s to the end of the run") == true)
  }

  @Test func overlappingLinkDownsOrStragglerWindowsOfOneTargetAreRefused() {
    let links = error([
      #"{"at": "10s", "linkDown": "l3", "for": "5s"}"#,
      #"{"at": "14s", "linkDown": "l3", "for": "5s"}"#,
    ])
    #expect(invalid(links)?.path == "faults[1].at")
    #expect(links?.description.contains("faults[0] takes it down from 10s to 15s") == true)
    let stragglers = error([
      #"{"from": "0s", "until": "60s", "straggler": "c2", "slowdown": 5}"#,
      #"{"from": "59s", "straggler": "c2", "slowdown": 2}"#,
    ])
    #expect(invalid(stragglers)?.path == "faults[1].from")
    #expect(invalid(stragglers)?.value == #""59s""#)
    #expect(stragglers?.description.contains("faults[0] slows it from 0s to 60s") == true)
  }

  @Test func faultsOfDifferentKindsOrTargetsMayOverlap() throws {
    let faults = try plan([
      #"{"at": "0s", "crash": "c0"}"#, #"{"from": "0s", "straggler": "c0", "slowdown": 2}"#,
      #"{"at": "0s", "linkDown": "l2"}"#, #"{"at": "0s", "crash": "c1"}"#,
      #"{"at": "0s", "partition": [["c0"], ["rest"]]}"#,
      #"{"at": "0s", "partition": [["c0"], ["rest"]]}"#,
      #"{"from": "0s", "loss": 0.5, "links": "all"}"#,
      #"{"from": "0s", "loss": 0.5, "links": "all"}"#,
    ]).faults
    #expect(faults.count == 8)
  }

  // MARK: - Partitions

  @Test func aPartitionGroupNamingANodeTwiceIsRefusedAtTheRepeat() {
    let found = error([#"{"at": "1s", "partition": [["e0", "c0"], ["c1", "c0"], ["rest"]]}"#])
    let place = invalid(found)
    #expect(place?.path == "faults[0].partition[1][1]")
    #expect(place?.value == #""c0""#)
    #expect(found?.description.contains("already faults[0].partition[0][1]") == true)
  }

  @Test func aPartitionThatDoesNotCoverEveryNodeWithoutRestIsRefused() {
    // Unnamed: s, e1 and c2; the first in ID order is named.
    let found = error([#"{"at": "1s", "partition": [["e0", "c0"], ["c1"]]}"#])
    let place = invalid(found)
    #expect(place?.path == "faults[0].partition")
    #expect(place?.value == "2 groups")
    #expect(found?.description.contains("`s` (and 2 more) is in none") == true)
  }

  @Test func aPartitionOfOneGroupIsRefused() {
    let found = error([#"{"at": "1s", "partition": [["rest"]]}"#])
    #expect(invalid(found)?.path == "faults[0].partition")
    #expect(invalid(found)?.value == "1 group")
  }

  @Test func restStandsAloneOnceAndForSomeNode() {
    let shared = invalid(error([#"{"at": "1s", "partition": [["e0", "rest"], ["c0"]]}"#]))
    #expect(shared?.path == "faults[0].partition[0][1]" && shared?.value == #""rest""#)
    let twice = invalid(error([#"{"at": "1s", "partition": [["rest"], ["c0"], ["rest"]]}"#]))
    #expect(twice?.path == "faults[0].partition[2][0]")
    let empty = invalid(
      error([#"{"at": "1s", "partition": [["s", "e0", "e1"], ["c0", "c1", "c2"], ["rest"]]}"#]))
    #expect(empty?.path == "faults[0].partition[2][0]")
    let emptyGroup = invalid(error([#"{"at": "1s", "partition": [[], ["rest"]]}"#]))
    #expect(emptyGroup?.path == "faults[0].partition[0]" && emptyGroup?.value == "[]")
  }

  // MARK: - Ranges and limits

  @Test func aSlowdownBelowOneIsRefused() {
    #expect(
      error([#"{"from": "0s", "straggler": "c2", "slowdown": 0.5}"#])
        == .invalidValue(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].slowdown", value: "0.5",
          accepted: "expected \(FaultSchema.slowdown.accepts)"))
  }

  @Test func aLossRateAboveOneIsRefused() {
    #expect(
      error([#"{"from": "0s", "loss": 1.5, "links": ["l1"]}"#])
        == .invalidValue(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].loss", value: "1.5",
          accepted: "expected \(FaultSchema.loss.accepts)"))
  }

  @Test func aZeroDurationIsRefusedAtFor() {
    let found = invalid(error([#"{"at": "1s", "crash": "c0", "for": "0s"}"#]))
    #expect(found?.path == "faults[0].for" && found?.value == #""0s""#)
  }

  @Test func restPartitionsOfALargeTopologyStopAtTheMemberLimit() throws {
    // A star of 100,000 leaves has 100,001 nodes: every partition resolves to all of them, so
    // the 100th brings the count to 10,000,100, past the 10,000,000 limit.
    let entries = Array(
      repeating: #"{"at": "1s", "partition": [["server"], ["rest"]]}"#, count: 100)
    let text = """
      {"topology": {"generator": "star", "leaves": 100000},
       "workload": {"kind": "transfers",
                    "transfers": [{"id": "t", "from": "c0", "to": "server", "bytes": 1}]},
       "faults": [\(entries.joined(separator: ",\n"))]}
      """
    #expect(ScenarioLimits.faultMembers == 10_000_000)
    do {
      _ = try ScenarioDecoder.decode(text, file: Self.file)
      Issue.record("100 partitions of 100,001 nodes decoded")
    } catch {
      let place = invalid(error)
      #expect(place?.path == "faults[99].partition")
      #expect(place?.value == "10,000,100 node and link IDs with the faults before it")
    }
  }
  // MARK: - Decoding with a chain and trace files

  /// The faults `entries` decode to when `validators` are the chain's, with trace paths looked
  /// up in `baseDirectory`.
  private func plan(
    _ entries: [String], validators: [String], baseDirectory: String? = nil
  ) throws -> FaultPlan {
    let topology = try ScenarioDecoder.decode(Self.scenario(faults: nil), file: Self.file).topology
    let root = try JSONParser.parse(Self.scenario(faults: entries))
    let reader = try ObjectReader(root, schema: ScenarioSchema.schema, path: "", file: Self.file)
    return try FaultDecoder.decode(
      reader, topology: topology,
      validators: try validators.map { try #require(topology.node(named: $0)?.id) },
      baseDirectory: baseDirectory)
  }

  /// The `ScenarioError` decoding `entries` so throws, or nil when they decode.
  private func error(
    _ entries: [String], validators: [String], baseDirectory: String? = nil
  ) -> ScenarioError? {
    do {
      _ = try plan(entries, validators: validators, baseDirectory: baseDirectory)
      return nil
    } catch {
      return error as? ScenarioError
    }
  }

  /// A new folder holding `files` (name → text); its path.
  private func folder(_ files: [String: String]) throws -> String {
    let path = NSTemporaryDirectory() + "fault-traces-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
    }
    return path
  }

  // MARK: - Byzantine validators

  @Test(arguments: [
    ("equivocate", ValidatorConduct.equivocate), ("withhold", .withhold),
    ("invalid-blocks", .invalidBlocks), ("censor", .censor),
  ])
  func aByzantineValidatorNamesItsNodeConductAndWindow(name: String, conduct: ValidatorConduct)
    throws
  {
    // e1 is node 2; the chain's validators are e0 and e1.
    let entry = #"{"at": "30s", "byzantineValidator": "e1", "conduct": "\#(name)", "for": "20s"}"#
    #expect(
      try plan([entry], validators: ["e0", "e1"]).faults == [
        .byzantineValidator(
          node: NodeID(2), conduct: conduct, at: .seconds(30), duration: .seconds(20))
      ])
  }

  @Test func aByzantineValidatorNeedsAChainAndOneOfItsValidators() {
    let entry = #"{"at": "1s", "byzantineValidator": "e1", "conduct": "withhold"}"#
    let noChain = error([entry])
    #expect(invalid(noChain)?.path == "faults[0].byzantineValidator")
    #expect(invalid(noChain)?.value == #""e1""#)
    #expect(noChain?.description.contains("and this scenario has none") == true)
    let notValidator = error(
      [#"{"at": "1s", "byzantineValidator": "c0", "conduct": "withhold"}"#],
      validators: ["e0", "e1"])
    #expect(invalid(notValidator)?.path == "faults[0].byzantineValidator")
    #expect(
      notValidator?.description.contains("one of the chain's validators: `e0`, `e1`") == true)
    #expect(
      error(
        [#"{"at": "1s", "byzantineValidator": "v9", "conduct": "withhold"}"#],
        validators: ["e0"])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].byzantineValidator",
          name: "v9", kind: "node"))
  }

  @Test func aByzantineConductIsOneOfTheMisbehavioursAndRequired() {
    let honest = error(
      [#"{"at": "1s", "byzantineValidator": "e1", "conduct": "honest"}"#], validators: ["e1"])
    #expect(invalid(honest)?.path == "faults[0].conduct")
    #expect(invalid(honest)?.value == #""honest""#)
    #expect(
      error([#"{"at": "1s", "byzantineValidator": "e1"}"#], validators: ["e1"])
        == .missingField(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].conduct",
          expected: FaultSchema.conduct.accepts))
  }

  @Test func overlappingByzantineWindowsOfOneValidatorAreRefused() throws {
    let found = error(
      [
        #"{"at": "30s", "byzantineValidator": "e1", "conduct": "equivocate", "for": "20s"}"#,
        #"{"at": "40s", "byzantineValidator": "e1", "conduct": "censor"}"#,
      ], validators: ["e0", "e1"])
    #expect(invalid(found)?.path == "faults[1].at")
    #expect(invalid(found)?.value == #""40s""#)
    #expect(
      found?.description.contains(
        "a byzantine window of `e1` while it is already byzantine: faults[0] makes it "
          + "equivocate from 30s to 50s, and this one is from 40s to the end of the run") == true)
    // Touching windows, another validator, or a crash of the same node at once are fine.
    let faults = try plan(
      [
        #"{"at": "30s", "byzantineValidator": "e1", "conduct": "equivocate", "for": "20s"}"#,
        #"{"at": "50s", "byzantineValidator": "e1", "conduct": "censor"}"#,
        #"{"at": "30s", "byzantineValidator": "e0", "conduct": "withhold"}"#,
        #"{"at": "35s", "crash": "e1"}"#,
      ], validators: ["e0", "e1"]
    ).faults
    #expect(faults.count == 4)
  }

  @Test func aByzantineValidatorOfTheDefaultChainDecodes() throws {
    // The small default's PoA validators are cloud, e0, e1 and e2.
    var text = try ExperimentTests.smallDefaultText(chain: true)
    let end = try #require(text.lastIndex(of: "}"))
    text.replaceSubrange(
      end...end,
      with: #", "faults": [{"at": "2s", "byzantineValidator": "e2", "conduct": "censor"}]}"#)
    let spec = try ScenarioDecoder.decode(text, file: Self.file)
    let e2 = try #require(spec.topology.node(named: "e2")?.id)
    #expect(
      spec.faults.faults == [
        .byzantineValidator(node: e2, conduct: .censor, at: .seconds(2), duration: nil)
      ])
  }

  // MARK: - Random processes

  private func process(
    _ targets: FaultProcess.Targets, mtbf: Int64 = 600, mttr: Int64 = 60,
    from: SimDuration = .zero, until: SimDuration? = nil
  ) -> Fault {
    .random(
      FaultProcess(
        targets: targets, meanTimeBetweenFailures: .seconds(mtbf),
        meanTimeToRepair: .seconds(mttr), from: from, until: until))
  }

  @Test func aRandomCrashProcessTakesItsRolesNodesInIDOrderOrItsList() throws {
    // The clients are c0, c1, c2: nodes 3, 4, 5.
    #expect(
      try fault(#"{"random": "crash", "role": "client", "mtbf": "600s", "mttr": "60s"}"#)
        == process(.nodes([NodeID(3), NodeID(4), NodeID(5)])))
    #expect(
      try fault(
        #"{"random": "crash", "nodes": ["c2", "s"], "mtbf": "10s", "mttr": "1s", "from": "5s", "until": "50s"}"#
      )
        == process(
          .nodes([NodeID(5), NodeID(0)]), mtbf: 10, mttr: 1, from: .seconds(5), until: .seconds(50))
    )
  }

  @Test func aRandomLinkDownProcessTakesTheLinksTouchingItsRoleOrItsList() throws {
    // Links with a client end: l2 (e0–c0), l3 (e0–c1), l4 (e1–c2). Every link has an edge end.
    #expect(
      try fault(#"{"random": "linkDown", "role": "client", "mtbf": "600s", "mttr": "60s"}"#)
        == process(.links([LinkID(2), LinkID(3), LinkID(4)])))
    #expect(
      try fault(#"{"random": "linkDown", "role": "edge", "mtbf": "600s", "mttr": "60s"}"#)
        == process(.links((0..<5).map(LinkID.init))))
    #expect(
      try fault(#"{"random": "linkDown", "links": ["l4", "l0"], "mtbf": "600s", "mttr": "60s"}"#)
        == process(.links([LinkID(4), LinkID(0)])))
    #expect(
      try fault(#"{"random": "linkDown", "links": "all", "mtbf": "600s", "mttr": "60s"}"#)
        == process(.links((0..<5).map(LinkID.init))))
  }

  @Test func aRandomProcessNamesItsElementsByRoleOrListOfItsKind() {
    let times = #""mtbf": "600s", "mttr": "60s""#
    let both = error([#"{"random": "crash", "role": "client", "nodes": ["c0"], \#(times)}"#])
    #expect(invalid(both)?.path == "faults[0].nodes")
    #expect(both?.description.contains("either `role` or `nodes`, not both") == true)
    #expect(
      error([#"{"random": "crash", \#(times)}"#])
        == .missingField(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].role",
          expected:
            "`role` (\(FaultSchema.role.accepts)) or `nodes` (\(FaultSchema.processNodes.accepts))"
        ))
    let linksOnCrash = error([#"{"random": "crash", "links": ["l0"], \#(times)}"#])
    #expect(invalid(linksOnCrash)?.path == "faults[0].links")
    let nodesOnLinks = error([#"{"random": "linkDown", "nodes": ["c0"], \#(times)}"#])
    #expect(invalid(nodesOnLinks)?.path == "faults[0].nodes")
    #expect(
      error([#"{"random": "crash", "nodes": ["c0", "c7"], \#(times)}"#])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].nodes[1]", name: "c7",
          kind: "node"))
    #expect(
      error([#"{"random": "linkDown", "links": ["l9"], \#(times)}"#])
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].links[0]", name: "l9",
          kind: "link"))
    // No node of the fixture is a validator.
    let empty = error([#"{"random": "crash", "role": "validator", \#(times)}"#])
    #expect(invalid(empty)?.path == "faults[0].role" && invalid(empty)?.value == #""validator""#)
    #expect(
      invalid(error([#"{"random": "crash", "role": "robot", \#(times)}"#]))?.path
        == "faults[0].role")
    #expect(
      invalid(error([#"{"random": "partition", "role": "client", \#(times)}"#]))?.path
        == "faults[0].random")
  }

  // "500us": under the 1 ms floor, which keeps an element from changing state millions of times
  // per simulated second.
  @Test(arguments: [#""0s""#, #""-5s""#, #""10 s""#, #""1h""#, #""500us""#])
  func aBadMeanTimeIsRefusedAtItsField(mtbf: String) {
    #expect(
      error([#"{"random": "crash", "role": "client", "mtbf": \#(mtbf), "mttr": "60s"}"#])
        == .invalidValue(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].mtbf", value: mtbf,
          accepted: "expected \(FaultSchema.mtbf.accepts)"))
  }

  @Test func aMeanTimeIsARequiredDurationAndTheWindowEndsAfterItStarts() {
    #expect(
      error([#"{"random": "crash", "role": "client", "mtbf": "600s"}"#])
        == .missingField(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].mttr",
          expected: FaultSchema.mttr.accepts))
    // A bare number has no unit: refused like any other value that is not a duration.
    let number = error([#"{"random": "crash", "role": "client", "mtbf": 600, "mttr": "60s"}"#])
    #expect(
      number
        == .invalidValue(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].mtbf", value: "600",
          accepted: "expected \(FaultSchema.mtbf.accepts)"))
    let window = error([
      #"{"random": "crash", "role": "client", "mtbf": "9s", "mttr": "1s", "from": "9s", "until": "2s"}"#
    ])
    #expect(invalid(window)?.path == "faults[0].until" && invalid(window)?.value == #""2s""#)
  }

  // MARK: - Availability traces

  @Test func aTraceFileGivesItsNodesStatesAndPeriod() throws {
    let path = try folder([
      "c0.txt": "# c0 goes away for a while\n0 1\n2.5 0\n\n  4\t1  \r\nPERIODICITY 10\n"
    ])
    let entry = #"{"availability": "c0.txt", "node": "c0"}"#
    let expected = AvailabilityTrace(
      element: .node(NodeID(3)),
      states: [
        .init(time: .zero, isUp: true), .init(time: .milliseconds(2_500), isUp: false),
        .init(time: .seconds(4), isUp: true),
      ], period: .seconds(10))
    // Relative to the scenario's folder, or absolute.
    #expect(
      try plan([entry], validators: [], baseDirectory: path).faults == [.availability(expected)])
    let absolute = #"{"availability": "\#(path)/c0.txt", "node": "c0"}"#
    #expect(try fault(absolute) == .availability(expected))
  }

  @Test func loopAfterRestartsTheListThatLongAfterItsLastLine() throws {
    // SimGrid's XML reference: `1 0`, `2 1`, `LOOPAFTER 8` turns the host off again at 11 s: a
    // period of 2 s + 8 s = 10 s.
    let path = try folder(["l2.txt": "1 0\n2 1\nLOOPAFTER 8\n"])
    let faults = try plan(
      [#"{"availability": "l2.txt", "link": "l2"}"#], validators: [], baseDirectory: path
    ).faults
    #expect(
      faults == [
        .availability(
          AvailabilityTrace(
            element: .link(LinkID(2)),
            states: [.init(time: .seconds(1), isUp: false), .init(time: .seconds(2), isUp: true)],
            period: .seconds(10)))
      ])
  }

  @Test(arguments: [
    ("0 1\n2 x\n", 2, "2 x", "1 for up or 0 for down"),
    ("0 1\n1 2\n", 2, "1 2", "1 for up or 0 for down"),
    ("0 1\n-1 0\n", 2, "-1 0", "a time in seconds"),
    ("1e3 0\n", 1, "1e3 0", "a time in seconds"),
    ("1.0000000001 0\n", 1, "1.0000000001 0", "at most nine decimals"),
    ("0 1 up\n", 1, "0 1 up", "a line `TIME VALUE`"),
    ("# c0\n\n5 0\n 3 1\n", 4, "3 1", "non-decreasing order: line 3 is at 5s"),
    ("1 0\nPERIODICITY 1\n", 2, "PERIODICITY 1", "a period after the last time (1s, line 1)"),
    ("PERIODICITY 10\n1 0\nLOOPAFTER 5\n", 3, "LOOPAFTER 5", "line 1 is one already"),
    ("1 0\nLOOPAFTER 0\n", 2, "LOOPAFTER 0", "a delay after the last line"),
    // Down and up every 0.5 ms: a repetition under the 1 ms floor.
    (
      "0 0\n0.0001 1\nPERIODICITY 0.0005\n", 3, "PERIODICITY 0.0005",
      "a repetition every 0.001s or more"
    ),
    ("STOCHASTIC\nDET 1 DET 0\n", 1, "STOCHASTIC", "stochastic profiles"),
  ])
  func aBadTraceLineIsRefusedAtItsFileAndLine(
    text: String, line: Int, value: String, accepted: String
  ) throws {
    let path = try folder(["bad.txt": text])
    let found = error(
      [#"{"availability": "bad.txt", "node": "c1"}"#], validators: [], baseDirectory: path)
    guard case .invalidValue(let file, let foundLine, let field, let foundValue, _) = found else {
      Issue.record("\(text.debugDescription) gave \(String(describing: found))")
      return
    }
    #expect(file == path + "/bad.txt" && foundLine == line && field == "faults[0].availability")
    #expect(foundValue == value)
    #expect(found?.description.contains(accepted) == true, "\(String(describing: found))")
  }

  @Test func aMissingEmptyOrOversizedTraceFileIsRefusedAtTheField() throws {
    let path = try folder([
      "empty.txt": "# nothing yet\n\n",
      "big.txt": String(repeating: "0 1\n", count: 4 << 20) + "\n",
    ])
    func refusal(_ name: String) -> ScenarioError? {
      error(
        [#"{"availability": "\#(name)", "node": "c1"}"#], validators: [], baseDirectory: path)
    }
    let missing = refusal("nope.txt")
    #expect(invalid(missing)?.path == "faults[0].availability")
    #expect(invalid(missing)?.value == #""nope.txt""#)
    #expect(missing?.description.contains("nope.txt`: cannot read the file: no such file") == true)
    #expect(refusal("empty.txt")?.description.contains("at least one `TIME VALUE` line") == true)
    // 4 Mi lines of 4 bytes and one more byte: 16 MiB + 1 byte.
    #expect(refusal("big.txt")?.description.contains("a state file may be at most 16 MiB") == true)
    // Relative to the current folder without the scenario's.
    #expect(
      error([#"{"availability": "empty.txt", "node": "c1"}"#], validators: [])?.description
        .contains("no such file") == true)
  }

  @Test func aTraceDrivesOneNodeOrOneLink() throws {
    let path = try folder(["t.txt": "1 0\n"])
    func refusal(_ targets: String) -> ScenarioError? {
      error(
        [#"{"availability": "t.txt"\#(targets)}"#], validators: [], baseDirectory: path)
    }
    #expect(invalid(refusal(#", "node": "c1", "link": "l1""#))?.path == "faults[0].link")
    #expect(
      refusal("")
        == .missingField(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].node",
          expected: "`node` (a node id) or `link` (a link id): the element the trace drives"))
    #expect(
      refusal(#", "node": "x""#)
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].node", name: "x",
          kind: "node"))
    #expect(
      refusal(#", "link": "l7""#)
        == .unknownReference(
          file: Self.file, line: Self.firstFaultLine, path: "faults[0].link", name: "l7",
          kind: "link"))
  }
}
