import Foundation
import Testing

@testable import fedchain

/// `fedchain report` end to end: the page of the committed reference run and of a tiny sweep,
/// the exit codes of bad folders, and the same bytes from two processes.
///
/// Serialized: the sweep test runs a sweep in this process, as `SweepCommandTests` does.
@Suite(.serialized) struct ReportCommandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  /// `traces/reference/faults-edge/`: the faults-edge pair, light traces (README there).
  static let reference = root + "/traces/reference/faults-edge"

  /// A fresh scratch folder; with `copying`, a copy of that folder's files.
  private func scratch(_ name: String, copying source: String? = nil) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-report-cli-\(name)-\(getpid())").path
    try? FileManager.default.removeItem(atPath: folder)
    if let source {
      try FileManager.default.copyItem(atPath: source, toPath: folder)
    } else {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    return folder
  }

  private func page(_ folder: String) throws -> String {
    try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
  }

  /// The built tool, beside this test bundle.
  private func tool() throws -> String {
    let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("fedchain").path
    try #require(FileManager.default.isExecutableFile(atPath: path), "no fedchain at \(path)")
    return path
  }

  @Test func referenceRunHasEveryFigureAndTheSummaryValues() throws {
    let folder = try scratch("reference", copying: Self.reference)
    #expect(dispatchFailure(["report", folder, "--quiet"]) == nil)
    let html = try page(folder)
    for id in [
      "fig-accuracy", "fig-phases", "fig-traffic", "fig-updates", "fig-blocks", "fig-faults",
    ] {
      #expect(html.contains("<figure id=\"\(id)\">"), "no \(id)")
    }
    // Accuracy 1, phases and updates a panel per scheme (2 + 2), traffic by link class 1 (no
    // transfers.csv in the reference), blocks 1, faults 1.
    #expect(html.ranges(of: "<svg").count == 8)
    // Every field of summary.csv is in the table, exactly, as the tooltip of its cell.
    let summary = try String(contentsOfFile: folder + "/summary.csv", encoding: .utf8)
    let rows = summary.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let scheme = rows[0].firstIndex(of: "scheme")!
    for row in rows.dropFirst() {
      for field in row[(scheme + 1)...] where !field.isEmpty {
        #expect(html.contains("title=\"\(field)\">"), "summary value \(field) missing")
      }
    }
    // The scenario as run and the manifest.
    #expect(html.contains("<section id=\"scenario\">") && html.contains("&quot;faults&quot;"))
    #expect(html.contains("<th>version</th>"))
  }

  @Test func pageIsTheSameBytesFromTwoProcesses() throws {
    // Two processes hash with two seeds: any dictionary order reaching the page would show.
    let folder = try scratch("twice", copying: Self.reference)
    var pages: [Data] = []
    for _ in 0..<2 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: try tool())
      process.arguments = ["report", folder, "--quiet"]
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
      pages.append(try Data(contentsOf: URL(fileURLWithPath: folder + "/report.html")))
      try FileManager.default.removeItem(atPath: folder + "/report.html")
    }
    #expect(pages[0] == pages[1] && !pages[0].isEmpty)
  }

  @Test func outWritesTheNamedFile() throws {
    let folder = try scratch("out", copying: Self.reference)
    let target = try scratch("out-target") + "/page.html"
    #expect(dispatchFailure(["report", folder, "--out", target, "--quiet"]) == nil)
    #expect(FileManager.default.fileExists(atPath: target))
    #expect(!FileManager.default.fileExists(atPath: folder + "/report.html"))
  }

  @Test func sweepFolderReport() throws {
    let root = try scratch("sweep")
    let base = try String(contentsOfFile: Self.root + "/scenarios/tiny-chain.json", encoding: .utf8)
    try Data(base.utf8).write(to: URL(fileURLWithPath: root + "/base.json"))
    let sweep =
      #"{"scenario": "base.json", "grid": {"workload.chain.blockPeriod": ["1s", "2s"]}, "seeds": 2}"#
    try Data(sweep.utf8).write(to: URL(fileURLWithPath: root + "/sweep.json"))
    #expect(
      dispatchFailure([
        "sweep", root + "/sweep.json", "--out", root + "/out", "--jobs", "1",
        "--quiet",
      ]) == nil)
    #expect(dispatchFailure(["report", root + "/out", "--quiet"]) == nil)
    let html = try page(root + "/out")
    // Placeholder training: no accuracy, but times, messages and chain costs vary with the
    // period.
    for id in ["fig-total_time_ns", "fig-messages", "fig-onchain_bytes", "fig-overhead"] {
      #expect(html.contains("<figure id=\"\(id)\">"), "no \(id)")
    }
    #expect(html.contains(">workload.chain.blockPeriod (s)</text>"))
    #expect(html.contains("2 point(s), 4 run(s) in sweep.csv"))
    #expect(html.ranges(of: "<svg").count == html.ranges(of: "<figure id=").count)
  }

  @Test(arguments: [
    (["report"], ExitCode.usage), (["report", "a", "b"], .usage),
    (["report", "a", "--out", ""], .usage), (["report", "--colour"], .usage),
    (["report", "/nonexistent/run"], .badInput),
  ])
  func badCommandLinesAndMissingFolders(words: [String], code: ExitCode) {
    let found = dispatchFailure(words)
    #expect(found?.code == code, "\(words) gave \(String(describing: found))")
    #expect(found.map { !$0.message.contains("\n") } ?? false)
  }

  @Test func malformedTraceExits65NamingFileLineColumnAndValue() throws {
    let folder = try scratch("malformed", copying: Self.reference)
    let rounds = try String(contentsOfFile: folder + "/rounds.csv", encoding: .utf8)
    var lines = rounds.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    // Line 3's accuracy becomes text.
    let column = lines[0].split(separator: ",").firstIndex(of: "accuracy")!
    var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    fields[column] = "high"
    lines[2] = fields.joined(separator: ",")
    try Data(lines.joined(separator: "\n").utf8).write(
      to: URL(fileURLWithPath: folder + "/rounds.csv"))
    let found = dispatchFailure(["report", folder])
    #expect(found?.code == .badInput)
    #expect(
      found?.message
        == "`\(folder)/rounds.csv` line 3, column `accuracy`: `high` is not accepted; expected a "
        + "finite decimal number, or an empty field for none")
    #expect(!FileManager.default.fileExists(atPath: folder + "/report.html"))
  }

  @Test func folderThatIsNeitherRunNorSweepExits65() throws {
    let folder = try scratch("neither")
    try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
    let found = dispatchFailure(["report", folder])
    #expect(found?.code == .badInput)
    #expect(found?.message.contains("is neither a run folder") == true)
  }
}
