import Foundation
import Scenario
import Testing

@testable import fedchain

/// The tool's contract: usage errors exit 64, bad input files 65, each with one line naming the
/// problem.
struct CommandsTests {
  private func failure(_ words: [String]) -> CommandFailure? { dispatchFailure(words) }

  private func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-cli-\(name)-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent(name)
    try Data(contents.utf8).write(to: file)
    return file.path
  }

  @Test(arguments: [
    ["frobnicate"], ["run", "--seed"], ["run", "--seed", "minus"], ["run", "--colour", "x"],
    ["run", "a.json", "b.json"], ["compare", "a.json", "b.json"], ["compare", "--colour"],
    ["validate"], ["topology"], ["topology", "export"],
    ["run", "--seed", "1", "--seed", "2"],
    ["topology", "import", "x.graphml", "--bandwidth", "fast"],
  ])
  func usageErrorsExitWith64(words: [String]) {
    let found = failure(words)
    #expect(found?.code == .usage, "\(words) gave \(String(describing: found))")
    #expect(found.map { !$0.message.contains("\n") } ?? false)
  }

  @Test func missingScenarioFileExitsWith65NamingIt() {
    let found = failure(["validate", "/nonexistent/scenario.json"])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("/nonexistent/scenario.json") == true)
  }

  @Test func malformedScenarioExitsWith65() throws {
    let path = try temporaryFile(
      "bad.json",
      #"{"topology": {"nodes": [{"id": "a"}], "links": []}, "workload": {"kind": "teleport"}}"#)
    let found = failure(["validate", path])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("workload.kind") == true)
  }

  @Test func malformedGraphMLExitsWith65() throws {
    let path = try temporaryFile("bad.graphml", "<graphml><graph><node id=\"a\">")
    let found = failure(["topology", "import", path])
    #expect(found?.code == .badInput)
  }

  @Test func unwritableOutputFolderIsAnInternalError() throws {
    let path = try temporaryFile("ok.json", ScenarioFixtures.twoFlows)
    let blocker = try temporaryFile("blocker", "a file where a folder should be")
    let found = failure(["run", path, "--out", blocker + "/traces", "--quiet"])
    #expect(found?.code == .internalError)
  }

  @Test func comparingAScenarioWithoutAChainExitsWith65() throws {
    let path = try temporaryFile("vanilla.json", ScenarioFixtures.twoFlows)
    let found = failure(["compare", path, "--quiet"])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("workload.chain") == true)
    #expect(found.map { !$0.message.contains("\n") } ?? false)
  }

  @Test func withoutACommandABlockchainScenarioIsCompared() throws {
    // The default scenario cut to 3 rounds of a small MLP (it keeps its chain).
    let text = DefaultScenario.text
      .replacingOccurrences(of: #""rounds": 20"#, with: #""rounds": 3"#)
      .replacingOccurrences(of: #""model": "cnn:digits""#, with: #""model": "mlp:64-16-10""#)
    let path = try temporaryFile("chain.json", text)
    let out = (path as NSString).deletingLastPathComponent + "/chain-out"
    #expect(failure([path, "--out", out, "--quiet"]) == nil)
    let summary = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
    // A header, the vanilla twin, the blockchain run and their ratio row.
    #expect(summary.split(separator: "\n").count == 4)
    #expect(FileManager.default.fileExists(atPath: out + "/blocks.csv"))
    // `run` runs the blockchain scheme alone: one summary row.
    #expect(failure(["run", path, "--out", out + "-run", "--quiet"]) == nil)
    let single = try String(contentsOfFile: out + "-run/summary.csv", encoding: .utf8)
    #expect(single.split(separator: "\n").count == 2)
  }

  @Test func aRunThatCannotProgressExitsWith3AfterWritingItsTraces() throws {
    // scenarios/faults-bft.json with two of its four BFT validators down for the whole run: no
    // height ever commits (a quorum is 2f + 1 = 3), so no round opens; the stall watchdog ends
    // the chain run alone (`run`: no twin), whose traces are still written.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("scenarios/faults-bft.json"), encoding: .utf8)
    let faults = try #require(text.range(of: #""faults": ["#))
    let broken =
      String(text[..<faults.upperBound])
      + #"{"at": "0s", "crash": "v1"}, {"at": "0s", "crash": "v2"}]}"# + "\n"
    let path = try temporaryFile("no-quorum.json", broken)
    let out = (path as NSString).deletingLastPathComponent + "/no-quorum-out"
    let found = failure(["run", path, "--out", out, "--quiet"])
    #expect(found?.code == .stoppedEarly)
    #expect(found?.message.contains("stopped before its last round") == true)
    #expect(FileManager.default.fileExists(atPath: out + "/summary.csv"))
  }

  @Test func validScenarioRunsAndWritesEveryFile() throws {
    let path = try temporaryFile("two-flows.json", ScenarioFixtures.twoFlows)
    let out = (path as NSString).deletingLastPathComponent + "/out"
    #expect(failure(["run", path, "--out", out, "--quiet"]) == nil)
    for name in [
      "summary.csv", "rounds.csv", "transfers.csv", "tasks.csv", "links.csv", "manifest.json",
    ] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) missing")
    }
  }
}

enum ScenarioFixtures {
  /// `scenarios/two-flows.json`, the issue's example.
  static var twoFlows: String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    guard
      let text = try? String(
        contentsOf: root.appendingPathComponent("scenarios/two-flows.json"), encoding: .utf8)
    else { preconditionFailure("cannot read scenarios/two-flows.json") }
    return text
  }
}
