import Foundation
import Testing
import Traces

@testable import Scenario

/// The sweep file: its points in grid and zip order, seeds and runs, shards, its id and record,
/// and the errors a bad sweep gets before anything runs.
@Suite struct SweepDecodingTests {
  /// `scenarios/tiny-chain.json`: one PoA validator (also the twin's server), four clients on a
  /// router, placeholder training, 2 rounds; 19 lines.
  static let base: String = {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scenarios/tiny-chain.json")
    return (try? String(contentsOf: file, encoding: .utf8)) ?? "missing tiny-chain.json"
  }()

  /// A sweep of the inline base with `members` added (JSON text after the scenario).
  static func sweep(_ members: String) throws -> SweepSpec {
    let text = #"{"scenario": \#(base)\#(members.isEmpty ? "" : ", " + members)}"#
    return try SweepDecoder.decode(
      try JSONParser.parse(text), file: "sweep.json",
      directory: FileManager.default.currentDirectoryPath)
  }

  /// The points' values as `path=value` texts.
  static func values(_ sweep: SweepSpec) -> [String] {
    sweep.points.map { point in
      point.values.map { "\($0.path)=\(JSONWriter.compact($0.value))" }.joined(separator: " ")
    }
  }

  @Test func theGridIsACartesianProductWhoseFirstPathVariesSlowest() throws {
    let sweep = try Self.sweep(
      #""grid": {"workload.chain.blockPeriod": ["1s", "2s"], "workload.rounds": [1, 2, 3]}"#)
    // 2 × 3 points, like nested loops in the listed order.
    #expect(
      Self.values(sweep) == [
        #"workload.chain.blockPeriod="1s" workload.rounds=1"#,
        #"workload.chain.blockPeriod="1s" workload.rounds=2"#,
        #"workload.chain.blockPeriod="1s" workload.rounds=3"#,
        #"workload.chain.blockPeriod="2s" workload.rounds=1"#,
        #"workload.chain.blockPeriod="2s" workload.rounds=2"#,
        #"workload.chain.blockPeriod="2s" workload.rounds=3"#,
      ])
    #expect(sweep.paths.map(\.description) == ["workload.chain.blockPeriod", "workload.rounds"])
    #expect(sweep.points.map(\.index) == Array(0..<6))
  }

  @Test func aZipTakesItsListsInLockStepAndVariesFastestUnderAGrid() throws {
    let sweep = try Self.sweep(
      #""grid": {"workload.rounds": [1, 2]}, "#
        + #""zip": {"topology.links[l1].bandwidth": ["1Mbps", "2Mbps"], "topology.links[1].latency": ["1ms", "2ms"]}"#
    )
    #expect(
      Self.values(sweep) == [
        #"workload.rounds=1 topology.links[l1].bandwidth="1Mbps" topology.links[1].latency="1ms""#,
        #"workload.rounds=1 topology.links[l1].bandwidth="2Mbps" topology.links[1].latency="2ms""#,
        #"workload.rounds=2 topology.links[l1].bandwidth="1Mbps" topology.links[1].latency="1ms""#,
        #"workload.rounds=2 topology.links[l1].bandwidth="2Mbps" topology.links[1].latency="2ms""#,
      ])
    // The values reach the decoded scenario: l1 (by id, and by position 1) of point 3.
    let spec = try sweep.scenario(at: sweep.points[3])
    let link = try #require(spec.topology.links.first { $0.name == "l1" })
    #expect(link.bandwidthAToB.bitsPerSecond == 2_000_000)
    #expect(link.latency == .milliseconds(2))
  }

  @Test func withoutGridOrZipTheSweepIsOnePointOfTheBaseScenario() throws {
    let sweep = try Self.sweep("")
    #expect(sweep.points.count == 1)
    #expect(sweep.points[0].values.isEmpty)
    // The seeds default to the scenario's own (5), one run each.
    #expect(sweep.allRuns == [SweepRun(point: 0, seed: 5, run: 0)])
  }

  @Test func aSeedCountStartsAtTheScenariosSeedAndRunsAreReplications() throws {
    let sweep = try Self.sweep(#""grid": {"workload.rounds": [1, 2]}, "seeds": 3, "runs": 2"#)
    #expect(sweep.seeds == [5, 6, 7])
    // Points, then seeds, then replications: 2 × 3 × 2 runs.
    let runs = sweep.allRuns
    #expect(runs.count == 12)
    #expect(
      runs.prefix(3) == [
        SweepRun(point: 0, seed: 5, run: 0), SweepRun(point: 0, seed: 5, run: 1),
        SweepRun(point: 0, seed: 6, run: 0),
      ])
    #expect(runs.last == SweepRun(point: 1, seed: 7, run: 1))
    let listed = try Self.sweep(#""seeds": [9, 3]"#)
    #expect(listed.seeds == [9, 3])
  }

  @Test func shardsSplitThePointsEvenlyAndTogetherCoverEveryRunOnce() throws {
    let sweep = try Self.sweep(#""grid": {"workload.rounds": [1, 2, 3, 4, 5]}, "seeds": 2"#)
    let shards = (0..<3).map { sweep.runs(inShard: $0, of: 3) }
    // Points 0 and 3, 1 and 4, 2: every third point from the shard's index.
    #expect(Set(shards[0].map(\.point)) == [0, 3])
    #expect(Set(shards[1].map(\.point)) == [1, 4])
    #expect(Set(shards[2].map(\.point)) == [2])
    let merged = shards.flatMap { $0 }
    #expect(merged.count == sweep.allRuns.count)
    #expect(Set(merged) == Set(sweep.allRuns))
  }

  @Test func theIdFollowsWhatTheSweepRunsAndTheRecordGivesTheSameSweepBack() throws {
    let a = try Self.sweep(#""grid": {"workload.rounds": [1, 2]}, "seeds": 2"#)
    let again = try Self.sweep(#""grid": {"workload.rounds": [1, 2]}, "seeds": 2"#)
    let other = try Self.sweep(#""grid": {"workload.rounds": [1, 3]}, "seeds": 2"#)
    #expect(a.id == again.id)
    #expect(a.id != other.id)
    #expect(a.points[0].id == other.points[0].id)  // the same values: rounds = 1
    #expect(a.points[1].id != other.points[1].id)
    let record = SweepRecord.render(a)
    let back = try SweepRecord.decode(record, file: "out/sweep.json")
    #expect(back.id == a.id)
    #expect(Self.values(back) == Self.values(a))
    #expect(back.seeds == a.seeds)
    // An edited record is refused.
    let edited = record.replacingOccurrences(of: "\"runs\": 1", with: "\"runs\": 2")
    #expect(edited != record)
    #expect(throws: ScenarioError.self) { try SweepRecord.decode(edited, file: "out/sweep.json") }
  }

  @Test func anUnknownPathFailsAtValidationNamingTheSweepFileThePointAndThePath() throws {
    let sweep = try Self.sweep(#""grid": {"workload.chain.blockPeriodd": ["1s"]}"#)
    let error = try #require(throws: ScenarioError.self) {
      try SweepDecoder.validatePoints(sweep)
    }
    let text = error.description
    // Line 20: the inline base scenario (19 lines and a line break) takes lines 1–19.
    #expect(text.hasPrefix("`sweep.json:20`: point 0 (workload.chain.blockPeriodd = \"1s\"): "))
    #expect(text.contains("unknown field workload.chain.blockPeriodd"))
  }

  @Test func aValueThatFailsAtOnePointNamesThatPoint() throws {
    let sweep = try Self.sweep(#""grid": {"workload.chain.blockPeriod": ["1s", "-2s"]}"#)
    let error = try #require(throws: ScenarioError.self) {
      try SweepDecoder.validatePoints(sweep)
    }
    #expect(error.description.contains("point 1 (workload.chain.blockPeriod = \"-2s\")"))
    #expect(error.description.contains("`sweep.json`: workload.chain.blockPeriod = \"-2s\""))
    #expect(!error.description.contains("\n"))
  }

  @Test(arguments: [
    // A path that cannot be followed: l9 is no link's id.
    (#""grid": {"topology.links[l9].bandwidth": ["1Mbps"]}"#, "no element"),
    (#""grid": {"seed": [1, 2]}"#, "seeds are swept with the sweep file's `seeds`"),
    (#""grid": {"a..b": [1]}"#, "empty member"),
    (#""grid": {"workload.rounds": []}"#, "from 1 to 100,000 values"),
    (#""grid": {"workload.rounds": 3}"#, "expected an array of the values to try"),
    (#""zip": {"workload.rounds": [1, 2], "workload.epochs": [1]}"#, "the same length"),
    (#""grid": {"workload.rounds": [1]}, "zip": {"workload.rounds": [2]}"#, "swept once"),
    (#""seeds": 0"#, "a count from 1"),
    (#""seeds": [1, 1]"#, "distinct"),
    (#""runs": 0"#, "from 1 to 10,000"),
    (#""mode": "both""#, "\"auto\", \"compare\", \"run\""),
    (#""traces": "summary,blocks,nope""#, "`nope` is not a trace"),
    (#""grdi": {}"#, "unknown field grdi"),
  ])
  func badSweepsAreRefusedWithOneLineSayingWhatIsAccepted(members: String, phrase: String) throws {
    let error: ScenarioError
    do {
      let sweep = try Self.sweep(members)
      try SweepDecoder.validatePoints(sweep)
      Issue.record("accepted \(members)")
      return
    } catch let found as ScenarioError {
      error = found
    }
    #expect(error.description.contains(phrase), "\(error.description)")
    #expect(error.description.contains("sweep.json"))
    #expect(!error.description.contains("\n"))
  }

  @Test func tooManyRunsAreRefusedWithTheLimitNamed() throws {
    let values = (1...1000).map(String.init).joined(separator: ", ")
    let error = try #require(throws: ScenarioError.self) {
      try Self.sweep(#""grid": {"workload.rounds": [\#(values)], "workload.epochs": [\#(values)]}"#)
    }
    #expect(error.description.contains("at most 100,000 points"))
  }

  @Test func theBaseScenarioFileIsReadRelativeToTheSweepFile() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "fedchain-sweep-decoding-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(Self.base.utf8).write(to: folder.appendingPathComponent("base.json"))
    let sweepFile = folder.appendingPathComponent("sweep.json")
    try Data(#"{"scenario": "base.json", "grid": {"workload.rounds": [1, 2]}}"#.utf8).write(
      to: sweepFile)
    let sweep = try SweepDecoder.load(path: sweepFile.path)
    #expect(sweep.baseFile == folder.path + "/base.json")
    #expect(try sweep.scenario(at: sweep.points[1]).name == "tiny")
    try Data(#"{"scenario": "missing.json"}"#.utf8).write(to: sweepFile)
    let error = try #require(throws: ScenarioError.self) {
      try SweepDecoder.load(path: sweepFile.path)
    }
    #expect(error.description.contains("missing.json"))
  }
}
