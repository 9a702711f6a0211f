import Faults
import SimCore
import Testing

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
}
