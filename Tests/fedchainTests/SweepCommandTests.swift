import Foundation
import Scenario
import Testing

@testable import fedchain

/// `fedchain sweep` end to end on a tiny scenario: what it writes, and that serial, parallel,
/// sharded-then-collected and resumed sweeps write the same bytes.
@Suite(.serialized) struct SweepCommandTests {
  /// `scenarios/tiny-chain.json`: one PoA validator (also the twin's server) and four clients on
  /// a router, placeholder training, 2 rounds: a run takes a fraction of a second.
  static let base: String = {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scenarios/tiny-chain.json")
    return (try? String(contentsOf: file, encoding: .utf8)) ?? "missing tiny-chain.json"
  }()

  /// Two block periods × two seeds: four compared runs.
  static let sweep = #"""
    {"scenario": "base.json", "grid": {"workload.chain.blockPeriod": ["1s", "2s"]}, "seeds": 2}
    """#

  /// A fresh folder holding base.json and sweep.json.
  private func scratch(_ name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-sweep-\(name)-\(getpid())").path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(Self.base.utf8).write(to: URL(fileURLWithPath: folder + "/base.json"))
    try Data(Self.sweep.utf8).write(to: URL(fileURLWithPath: folder + "/sweep.json"))
    return folder
  }

  /// Every file under `folder` except hidden ones (locks), by relative path, with its bytes.
  private func tree(_ folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder)!
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix(".") { continue }
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isFolder)
      if !isFolder.boolValue {
        files[relative] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative))
      }
    }
    return files
  }

  /// The built tool, beside this test bundle.
  private func tool() throws -> String {
    let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("fedchain").path
    try #require(FileManager.default.isExecutableFile(atPath: path), "no fedchain at \(path)")
    return path
  }

  private func runTool(_ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try tool())
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  // In-process sweeps here pass `--jobs 1`: parallel jobs start fedchain's own executable, which
  // in this process is the test runner.

  @Test func aSerialSweepWritesEveryRunAndTheMergedTables() throws {
    let root = try scratch("serial")
    let out = root + "/out"
    #expect(
      dispatchFailure(["sweep", root + "/sweep.json", "--out", out, "--jobs", "1", "--quiet"])
        == nil)
    let files = try tree(out)
    let runs = files.keys.filter { $0.hasSuffix("/summary.csv") }.sorted()
    // 2 points × 2 seeds; a point's folder is its index and the digest of its values.
    #expect(runs.count == 4)
    #expect(runs.allSatisfy { $0.hasPrefix("points/000-") || $0.hasPrefix("points/001-") })
    #expect(runs.filter { $0.hasSuffix("/seed-5-run-0/summary.csv") }.count == 2)
    #expect(runs.filter { $0.hasSuffix("/seed-6-run-0/summary.csv") }.count == 2)
    // The light traces only: summary, rounds (no faults in this scenario), the manifest.
    let firstRun = (runs[0] as NSString).deletingLastPathComponent
    #expect(
      Set(files.keys.filter { $0.hasPrefix(firstRun + "/") })
        == [firstRun + "/summary.csv", firstRun + "/rounds.csv", firstRun + "/manifest.json"])
    let sweepCSV = String(decoding: files["sweep.csv"]!, as: UTF8.self)
    let lines = sweepCSV.split(separator: "\n")
    #expect(
      lines[0].hasPrefix("point,workload.chain.blockPeriod,time_ns,run,seed,scenario,scheme,"))
    // 4 runs × (fedavg, bcfl, bcfl/fedavg) rows, in point, seed order.
    #expect(lines.count == 1 + 12)
    #expect(lines[1].hasPrefix("0,1s,") && lines[1].contains(",0,5,tiny,fedavg,"))
    #expect(lines[3].hasPrefix("0,1s,") && lines[3].contains(",0,5,tiny,bcfl/fedavg,"))
    #expect(lines[4].contains(",0,6,tiny,fedavg,"))
    #expect(lines[12].hasPrefix("1,2s,") && lines[12].contains(",0,6,tiny,bcfl/fedavg,"))
    let stats = String(decoding: files["sweep-stats.csv"]!, as: UTF8.self).split(separator: "\n")
    #expect(
      stats[0] == "point,workload.chain.blockPeriod,scheme,metric,count,mean,sd,ci95_low,ci95_high")
    #expect(stats.contains { $0.hasPrefix("1,2s,bcfl,rounds,2,2.0,0.0,2.0,2.0") })
    // The manifest says which sweep, point and values the run belongs to.
    let manifest = String(decoding: files[firstRun + "/manifest.json"]!, as: UTF8.self)
    #expect(manifest.contains(#""point": 0"#))
    #expect(manifest.contains(#""values": {"workload.chain.blockPeriod": "1s"}"#))
  }

  @Test func parallelShardedAndResumedSweepsWriteTheSameBytesAsASerialOne() throws {
    let root = try scratch("same-bytes")
    let sweepFile = root + "/sweep.json"
    #expect(
      dispatchFailure(["sweep", sweepFile, "--out", root + "/serial", "--jobs", "1", "--quiet"])
        == nil)
    let serial = try tree(root + "/serial")
    #expect(serial.count == 1 + 2 + 4 * 3)

    // Two jobs at once, each run in its own fedchain process.
    #expect(
      try runTool(["sweep", sweepFile, "--out", root + "/parallel", "--jobs", "2", "--quiet"]) == 0)
    #expect(try tree(root + "/parallel") == serial)

    // Two shards, as a job array would run them, then the merge.
    let sharded = root + "/sharded"
    #expect(
      dispatchFailure([
        "sweep", sweepFile, "--out", sharded, "--shard", "1/2", "--jobs", "1", "--quiet",
      ]) == nil)
    #expect(try tree(sharded).keys.filter { $0.hasPrefix("points/000-") }.isEmpty)
    #expect(
      dispatchFailure([
        "sweep", sweepFile, "--out", sharded, "--shard", "0/2", "--jobs", "1", "--quiet",
      ]) == nil)
    #expect(try tree(sharded)["sweep.csv"] == nil)
    #expect(dispatchFailure(["sweep", "collect", sharded, "--quiet"]) == nil)
    #expect(try tree(sharded) == serial)

    // A run killed mid-way leaves no folder of its own, only its temporary sibling; --resume
    // runs that one again, and leaves the others' files as they were.
    let resumed = root + "/parallel"
    let victim = try #require(serial.keys.first { $0.hasSuffix("seed-6-run-0/summary.csv") })
    let victimFolder = resumed + "/" + (victim as NSString).deletingLastPathComponent
    let pointFolder = (victimFolder as NSString).deletingLastPathComponent
    try FileManager.default.removeItem(atPath: victimFolder)
    try FileManager.default.removeItem(atPath: resumed + "/sweep.csv")
    try FileManager.default.createDirectory(
      atPath: pointFolder + "/.seed-6-run-0.partial-999999", withIntermediateDirectories: false)
    try Data("half a row".utf8).write(
      to: URL(fileURLWithPath: pointFolder + "/.seed-6-run-0.partial-999999/summary.csv"))
    let untouched = try #require(serial.keys.first { $0.hasSuffix("seed-5-run-0/rounds.csv") })
    let before = try FileManager.default.attributesOfItem(atPath: resumed + "/" + untouched)
    #expect(
      dispatchFailure(["sweep", sweepFile, "--out", resumed, "--resume", "--jobs", "1", "--quiet"])
        == nil)
    #expect(try tree(resumed) == serial)
    let after = try FileManager.default.attributesOfItem(atPath: resumed + "/" + untouched)
    #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
    #expect(!FileManager.default.fileExists(atPath: pointFolder + "/.seed-6-run-0.partial-999999"))
  }

  @Test func parallelJobsSharingATrainingCacheWriteTheSameBytesAsOneProcess() throws {
    // Real training: the default scenario cut to 3 rounds of a small MLP on the digits, at two
    // block periods. One process reuses the trainings in memory; two jobs share them through a
    // cache folder (and the second point's trainings are all in it).
    let root = try scratch("training-cache")
    let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("scenarios")
    let sweep = #"""
      {"scenario": "\#(scenarios.path)/default.json",
       "grid": {"workload.rounds": [3], "workload.training.model": ["mlp:64-16-10"],
                "workload.chain.blockPeriod": ["1s", "2s"]}}
      """#
    try Data(sweep.utf8).write(to: URL(fileURLWithPath: root + "/learning.json"))
    let file = root + "/learning.json"
    #expect(
      dispatchFailure(["sweep", file, "--out", root + "/one", "--jobs", "1", "--quiet"]) == nil)
    let cache = root + "/cache"
    #expect(
      try runTool([
        "sweep", file, "--out", root + "/two", "--jobs", "2", "--training-cache", cache, "--quiet",
      ]) == 0)
    #expect(try tree(root + "/two") == (try tree(root + "/one")))
    // 3 rounds × 6 of 12 clients, once per distinct training, 3 evaluations and the twin's 3
    // aggregates.
    let entries = FileManager.default.enumerator(atPath: cache)!.compactMap { $0 as? String }
      .filter { $0.hasSuffix(".memo") }
    #expect(entries.count == 18 + 3 + 3)
  }

  @Test func collectRefusesMissingRunsAndRunsOfAnotherSweep() throws {
    let root = try scratch("collect")
    let sweepFile = root + "/sweep.json"
    let out = root + "/out"
    #expect(
      dispatchFailure([
        "sweep", sweepFile, "--out", out, "--shard", "0/2", "--jobs", "1", "--quiet",
      ]) == nil)
    let missing = dispatchFailure(["sweep", "collect", out])
    #expect(missing?.code == .badInput)
    #expect(missing?.message.contains("2 of 4 runs are missing") == true)

    #expect(
      dispatchFailure([
        "sweep", sweepFile, "--out", out, "--shard", "1/2", "--jobs", "1", "--quiet",
      ]) == nil)

    // Another sweep (the same points and seeds, but mode compare: another id) in its own folder;
    // one of its runs put in `out` in place of this sweep's run of the same name.
    try Data(
      Self.sweep.replacingOccurrences(of: #""seeds": 2"#, with: #""seeds": 2, "mode": "compare""#)
        .utf8
    )
    .write(to: URL(fileURLWithPath: root + "/other.json"))
    #expect(
      dispatchFailure([
        "sweep", root + "/other.json", "--out", root + "/other", "--shard", "1/2", "--jobs", "1",
        "--quiet",
      ]) == nil)
    let foreign = try #require(
      try tree(root + "/other").keys.first { $0.hasSuffix("seed-5-run-0/manifest.json") })
    let foreignFolder = (foreign as NSString).deletingLastPathComponent
    try FileManager.default.removeItem(atPath: out + "/" + foreignFolder)
    try FileManager.default.copyItem(
      atPath: root + "/other/" + foreignFolder, toPath: out + "/" + foreignFolder)
    let mixed = dispatchFailure(["sweep", "collect", out])
    #expect(mixed?.code == .badInput)
    #expect(mixed?.message.contains("names another sweep") == true)
    #expect(try tree(out)["sweep.csv"] == nil)

    // Running the other sweep into this folder is refused before anything is written.
    let before = try tree(out)
    let other = dispatchFailure(["sweep", root + "/other.json", "--out", out, "--quiet"])
    #expect(other?.code == .usage)
    #expect(other?.message.contains("holds another sweep") == true)
    #expect(try tree(out) == before)
  }

  @Test(arguments: [
    (["--shard", "3/2"], ExitCode.usage, "is not a shard"),
    (["--shard", "1"], .usage, "is not a shard"),
    (["--jobs", "0"], .usage, "--jobs 0"),
    (["--traces", "summary,nope"], .usage, "`nope` is not a trace"),
  ])
  func badOptionsAreUsageErrors(options: [String], code: ExitCode, phrase: String) throws {
    let root = try scratch("options")
    let found = dispatchFailure(["sweep", root + "/sweep.json", "--out", root + "/out"] + options)
    #expect(found?.code == code)
    #expect(found?.message.contains(phrase) == true, "\(String(describing: found))")
    #expect(!FileManager.default.fileExists(atPath: root + "/out"))
  }

  @Test func aPointThatFailsValidationStopsTheSweepBeforeAnyRun() throws {
    let root = try scratch("bad-point")
    try Data(
      #"{"scenario": "base.json", "grid": {"workload.chain.blockPeriod": ["1s", "0s"]}}"#.utf8
    ).write(to: URL(fileURLWithPath: root + "/sweep.json"))
    let found = dispatchFailure(["sweep", root + "/sweep.json", "--out", root + "/out"])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("point 1 (workload.chain.blockPeriod = \"0s\")") == true)
    #expect(!FileManager.default.fileExists(atPath: root + "/out"))
  }

  @Test func runTakesAReplicationIndexAndATraceSelection() throws {
    let root = try scratch("run-options")
    let out = root + "/out"
    #expect(
      dispatchFailure([
        "run", root + "/base.json", "--run", "3", "--traces", "summary,rounds", "--out", out,
        "--quiet",
      ]) == nil)
    let files = try tree(out)
    #expect(Set(files.keys) == ["summary.csv", "rounds.csv", "manifest.json"])
    // Every row's run column (the second) is 3.
    let rounds = String(decoding: files["rounds.csv"]!, as: UTF8.self).split(separator: "\n")
    #expect(rounds.count == 3)
    #expect(rounds.dropFirst().allSatisfy { $0.split(separator: ",")[1] == "3" })
    #expect(String(decoding: files["manifest.json"]!, as: UTF8.self).contains(#""run": 3"#))
    #expect(dispatchFailure(["run", root + "/base.json", "--run", "x"])?.code == .usage)
  }
}

/// A run writes `transfers.csv` and `tasks.csv` row by row into its output folder as it goes;
/// the files are the same bytes as the ones rendered in memory at the end.
@Suite struct StreamedTracesTests {
  @Test func streamedFilesEqualRenderedOnesAndTheManifestListsThemInOrder() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-streamed-\(getpid())").path
    try? FileManager.default.removeItem(atPath: root)
    defer { try? FileManager.default.removeItem(atPath: root) }
    let scenario = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("scenarios/tiny-chain.json").path
    #expect(dispatchFailure(["compare", scenario, "--out", root + "/out", "--quiet"]) == nil)
    let rendered = try Experiment.compare(try ScenarioLoader.load(path: scenario))
    let names = rendered.files.map(\.name)
    #expect(names.contains("transfers.csv") && names.contains("tasks.csv"))
    let written = try FileManager.default.contentsOfDirectory(atPath: root + "/out").sorted()
    #expect(written == names.sorted())
    for file in rendered.files where file.name != "manifest.json" {
      let bytes = try String(contentsOfFile: root + "/out/" + file.name, encoding: .utf8)
      #expect(bytes == file.contents, "\(file.name) differs")
    }
    // The manifest lists the files in the order they are documented, streamed ones included.
    let manifest = try String(contentsOfFile: root + "/out/manifest.json", encoding: .utf8)
    let listed = rendered.files.first { $0.name == "manifest.json" }!.contents
    let filesLine = { (text: String) in
      text.split(separator: "\n").first { $0.contains("\"files\"") }
    }
    #expect(filesLine(manifest) != nil && filesLine(manifest) == filesLine(listed))
  }
}
