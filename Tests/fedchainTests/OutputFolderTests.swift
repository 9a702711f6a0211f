import Foundation
import Scenario
import Testing
import Traces

@testable import fedchain

/// What `--out` accepts and what a run guarantees about the folder (see `TraceDirectory`).
struct OutputFolderTests {
  private func failure(_ words: [String]) -> CommandFailure? { dispatchFailure(words) }

  /// A new empty scratch folder holding `two-flows.json`.
  private func scratch(_ name: String = #function) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-out-\(getpid())-\(name.filter(\.isLetter))").path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(ScenarioFixtures.twoFlows.utf8).write(
      to: URL(fileURLWithPath: folder + "/two-flows.json"))
    return folder
  }

  private func contents(of folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  /// Every file of a folder with its bytes.
  private func snapshot(_ folder: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try contents(of: folder) {
      files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }
    return files
  }

  @Test(arguments: [["--out", ""], ["--out="]])
  func emptyOutIsAUsageError(out: [String]) throws {
    let root = try scratch()
    let found = failure(["run", root + "/two-flows.json", "--quiet"] + out)
    #expect(found?.code == .usage)
    #expect(found?.message.contains("--out is empty") == true)
  }

  @Test func topologyImportRefusesAnEmptyOut() throws {
    let found = failure(["topology", "import", "x.graphml", "--out", ""])
    #expect(found?.code == .usage)
    #expect(found?.message.contains("--out is empty") == true)
  }

  @Test func anOutThatIsAFileIsRefusedAndKept() throws {
    let root = try scratch()
    let found = failure(["run", root + "/two-flows.json", "--out", root + "/two-flows.json"])
    #expect(found?.code == .usage)
    #expect(found?.message.contains("is a file, not a folder") == true)
    #expect(try String(contentsOfFile: root + "/two-flows.json", encoding: .utf8).contains("f1"))
  }

  @Test func aFolderOfSomeoneElsesFilesIsNeverReplaced() throws {
    let root = try scratch()
    try FileManager.default.createDirectory(
      atPath: root + "/thesis", withIntermediateDirectories: true)
    try Data("draft".utf8).write(to: URL(fileURLWithPath: root + "/thesis/chapter1.tex"))
    let found = failure(["run", root + "/two-flows.json", "--out", root + "/thesis", "--quiet"])
    #expect(found?.code == .usage)
    #expect(found?.message.contains("`chapter1.tex`, which no fedchain run wrote") == true)
    #expect(try contents(of: root + "/thesis") == ["chapter1.tex"])
  }

  @Test func staleFilesFromAnEarlierRunAreRemoved() throws {
    let root = try scratch()
    let out = root + "/out"
    // An earlier run of a blockchain scenario left blocks.csv; a transfers run writes none.
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    try Data("stale".utf8).write(to: URL(fileURLWithPath: out + "/blocks.csv"))
    try Data(
      #"{"tool": "fedchain", "files": ["summary.csv", "blocks.csv"]}"#.utf8
    ).write(to: URL(fileURLWithPath: out + "/manifest.json"))
    #expect(failure(["run", root + "/two-flows.json", "--out", out, "--quiet"]) == nil)
    #expect(
      try contents(of: out) == [
        "links.csv", "manifest.json", "rounds.csv", "summary.csv", "tasks.csv", "transfers.csv",
      ])
    #expect(try contents(of: root) == ["out", "two-flows.json"])
  }

  @Test func secondRunIntoALockedFolderFailsClearly() throws {
    let root = try scratch()
    let out = root + "/out"
    // Another run holds the folder (a `flock` on a separate open file: as another process would).
    let other = try TraceDirectory(claiming: out)
    let found = failure(["run", root + "/two-flows.json", "--out", out, "--quiet"])
    #expect(found?.code == .usage)
    #expect(
      found?.message
        == "`\(out)` is being written by another fedchain run; wait for it to end or give another "
        + "output folder")
    try other.replaceContents(with: [("manifest.json", #"{"tool": "fedchain", "files": []}"#)])
    #expect(failure(["run", root + "/two-flows.json", "--out", out, "--quiet"]) == nil)
  }

  @Test func killedRunLeavesThePreviousFolderIntact() throws {
    // The built tool, beside this test bundle.
    let tool = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("fedchain").path
    try #require(FileManager.default.isExecutableFile(atPath: tool), "no fedchain at \(tool)")
    let root = try scratch()
    let out = root + "/out"
    #expect(failure(["run", root + "/two-flows.json", "--out", out, "--quiet"]) == nil)
    let before = try snapshot(out)
    // The default scenario runs for seconds at least; kill it once it holds the folder's lock,
    // mid-run, with no chance to clean up.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["--out", out, "--quiet"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = ContinuousClock.now + .seconds(60)
    while !FileManager.default.fileExists(atPath: root + "/.out.lock")
      && ContinuousClock.now < deadline && process.isRunning
    {
      Thread.sleep(forTimeInterval: 0.01)
    }
    Thread.sleep(forTimeInterval: 0.2)
    let wasRunning = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try #require(wasRunning, "the run ended before it could be killed")
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(try snapshot(out) == before)
    // What a killed run leaves — its free lock file, and the temporary folder it was streaming
    // transfers.csv and tasks.csv into — goes with the next run.
    let leftover = ".out.partial-\(process.processIdentifier)"
    #expect(
      try contents(of: root).allSatisfy {
        ["out", "two-flows.json", ".out.lock", leftover].contains($0)
      })
    #expect(failure(["run", root + "/two-flows.json", "--out", out, "--quiet"]) == nil)
    #expect(try contents(of: root) == ["out", "two-flows.json"])
  }

  @Test func directoryAsScenarioSaysItIsAFolder() throws {
    let root = try scratch()
    let found = failure(["validate", root])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("it is a folder, not a scenario file") == true)
  }

  @Test(.timeLimit(.minutes(1))) func fifoAsScenarioDoesNotHang() throws {
    let fifo = try scratch() + "/pipe.json"
    #expect(mkfifo(fifo, 0o600) == 0)
    let found = failure(["run", fifo, "--quiet"])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("named pipe") == true)
  }

  @Test func controlCharactersInAPathKeepTheMessageOnOneLine() throws {
    let root = try scratch()
    let found = failure(["validate", root + "/a\nb\u{1B}[31m.json"])
    #expect(found?.code == .badInput)
    #expect(found.map { !$0.message.contains("\n") && !$0.message.contains("\u{1B}") } == true)
    #expect(found?.message.contains(#"a\nb\u001b[31m.json"#) == true)
  }
}
