import Foundation
import Testing

@testable import Traces

/// The folders a report reads: each that is not a run or sweep folder, or holds a bad trace, is
/// refused with one error naming the file, line, column and value; a trace beside the summary
/// may be missing.
struct ReportInputTests {
  /// A fresh folder holding `files` (name → contents).
  private func folder(_ name: String, _ files: [(String, String)]) throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-report-\(name)-\(getpid())").path
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (file, contents) in files {
      try Data(contents.utf8).write(to: URL(fileURLWithPath: path + "/" + file))
    }
    return path
  }

  private static let manifest =
    #"{"tool": "fedchain", "scenario": "t", "files": ["summary.csv", "rounds.csv"]}"#
  private static let summary = "time_ns,run,seed,scenario,scheme,rounds\n1,0,1,t,fedavg,2\n"
  private static let roundsHeader =
    "time_ns,run,seed,scheme,round,start_ns,end_ns,download_ns,compute_ns,upload_ns,"
    + "inclusion_ns,confirmation_ns,aggregation_ns,accuracy\n"

  private func error(_ path: String) -> ReportError? {
    do {
      _ = try ReportPage.render(folder: path)
      return nil
    } catch {
      #expect(!error.description.contains("\n"), "not one line: \(error.description)")
      return error
    }
  }

  @Test func missingFolderFileAndEmptyFolder() throws {
    #expect(error("/nonexistent/run") == .noFolder(path: "/nonexistent/run"))
    let empty = try folder("empty", [])
    #expect(error(empty) == .notARunOrSweep(path: empty))
    let file = empty + "/x.txt"
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    #expect(error(file) == .notAFolder(path: file, kind: "a file"))
  }

  @Test func aRunNeedsItsSummary() throws {
    let path = try folder("no-summary", [("manifest.json", Self.manifest)])
    guard case .missingFile(let file, _)? = error(path) else {
      Issue.record("expected a missing summary.csv")
      return
    }
    #expect(file == path + "/summary.csv")
  }

  @Test func aTraceThatIsNoRegularFileIsRefusedByName() throws {
    // A folder (or a named pipe) where summary.csv should be: refused as such, never read (a pipe
    // would block) and never taken for a missing trace.
    let path = try folder("summary-folder", [("manifest.json", Self.manifest)])
    try FileManager.default.createDirectory(
      atPath: path + "/summary.csv", withIntermediateDirectories: true)
    #expect(
      error(path)
        == .unreadable(path: path + "/summary.csv", reason: "a folder, not a regular file"))
  }

  @Test func tracesBesideTheSummaryMayBeMissing() throws {
    // The manifest lists rounds.csv, but a kept folder may have lost it: a note, no figure.
    let path = try folder(
      "trimmed", [("manifest.json", Self.manifest), ("summary.csv", Self.summary)])
    let html = try ReportPage.render(folder: path)
    #expect(html.contains("No rounds.csv in this folder"))
    #expect(!html.contains("<svg"))
    #expect(html.contains("<td class=\"n\" title=\"2\">2</td>"))
  }

  @Test func manifestMustBeFedchains() throws {
    let path = try folder(
      "foreign", [("manifest.json", #"{"tool": "other"}"#), ("summary.csv", Self.summary)])
    guard case .badJSON(let file, _)? = error(path) else {
      Issue.record("expected a foreign manifest")
      return
    }
    #expect(file == path + "/manifest.json")
  }

  @Test func malformedCSVNamesItsLine() throws {
    let path = try folder(
      "malformed",
      [("manifest.json", Self.manifest), ("summary.csv", "scheme,rounds\n\"fedavg,2\n")])
    #expect(
      error(path)
        == .malformedCSV(
          path: path + "/summary.csv", line: 2,
          message: "quoted field never closed before the end of the text; add its closing quote"))
  }

  @Test func badValueNamesLineColumnValueAndWhatIsAccepted() throws {
    // Data row 2 is line 3 of the file.
    let rounds =
      Self.roundsHeader + "1,0,1,fedavg,1,0,10,1,2,3,0,0,4,0.5\n"
      + "2,0,1,fedavg,2,10,abc,1,2,3,0,0,4,0.6\n"
    let path = try folder(
      "bad-value",
      [("manifest.json", Self.manifest), ("summary.csv", Self.summary), ("rounds.csv", rounds)])
    let found = error(path)
    #expect(
      found
        == .badValue(
          path: path + "/rounds.csv", line: 3, column: "end_ns", value: "abc",
          accepted: "a whole number ≥ 10 (nanoseconds from start_ns)"))
    #expect(
      found?.description
        == "`\(path)/rounds.csv` line 3, column `end_ns`: `abc` is not accepted; expected a "
        + "whole number ≥ 10 (nanoseconds from start_ns)")
  }

  @Test func missingColumnAndFieldCount() throws {
    // Phases and accuracy may be missing (older traces), a round's end may not.
    let noEnd = "time_ns,run,seed,scheme,round,start_ns,accuracy\n"
    let path = try folder(
      "no-column",
      [("manifest.json", Self.manifest), ("summary.csv", Self.summary), ("rounds.csv", noEnd)])
    guard case .missingColumn(_, let column, let expected)? = error(path) else {
      Issue.record("expected a missing column")
      return
    }
    #expect(column == "end_ns" && expected.hasPrefix("time_ns,run,seed,scheme,round"))
    let short = try folder(
      "short-row",
      [
        ("manifest.json", Self.manifest), ("summary.csv", Self.summary),
        ("rounds.csv", Self.roundsHeader + "1,0,1,fedavg,1\n"),
      ])
    #expect(
      error(short) == .fieldCount(path: short + "/rounds.csv", line: 2, count: 5, expected: 14))
  }

  @Test func summaryMetricsAreNumbers() throws {
    let path = try folder(
      "summary-text",
      [
        ("manifest.json", #"{"tool": "fedchain", "files": ["summary.csv"]}"#),
        ("summary.csv", "scheme,rounds\nfedavg,many\n"),
      ])
    #expect(
      error(path)
        == .badValue(
          path: path + "/summary.csv", line: 2, column: "rounds", value: "many",
          accepted: "a finite decimal number, or an empty field for none"))
  }

  @Test func faultEventsAreInjectedOrRecovered() throws {
    let path = try folder(
      "fault-event",
      [
        ("manifest.json", #"{"tool": "fedchain", "files": ["summary.csv", "faults.csv"]}"#),
        ("summary.csv", Self.summary),
        (
          "faults.csv",
          "time_ns,run,seed,scheme,fault,kind,target,event,detail\n0,0,1,fedavg,0,crash,c3,began,\n"
        ),
      ])
    #expect(
      error(path)
        == .badValue(
          path: path + "/faults.csv", line: 2, column: "event", value: "began",
          accepted: "one of injected, recovered"))
  }

  @Test func byteSumsThatWouldOverflowAreRefused() throws {
    // Two links of one class with 6·10¹⁸ bytes each: the sum passes 2⁶³ − 1 ≈ 9.2·10¹⁸.
    let links =
      "time_ns,run,seed,scheme,link,from,to,class,latency_ns,bandwidth_bps,bytes\n"
      + "1,0,1,fedavg,l0,a,b,core,1,1,6000000000000000000\n"
      + "1,0,1,fedavg,l0,b,a,core,1,1,6000000000000000000\n"
    let path = try folder(
      "overflow",
      [
        ("manifest.json", #"{"tool": "fedchain", "files": ["summary.csv", "links.csv"]}"#),
        ("summary.csv", Self.summary), ("links.csv", links),
      ])
    #expect(
      error(path)
        == .badValue(
          path: path + "/links.csv", line: 3, column: "bytes", value: "6000000000000000000",
          accepted: "byte counts whose sum stays below 2⁶³"))
  }

  @Test func anUnmergedSweepSaysHowToMergeIt() throws {
    let path = try folder("unmerged", [("sweep.json", #"{"tool": "fedchain", "id": "x"}"#)])
    guard case .missingFile(let file, let hint)? = error(path) else {
      Issue.record("expected a missing sweep-stats.csv")
      return
    }
    #expect(file == path + "/sweep-stats.csv" && hint.contains("fedchain sweep collect"))
  }
}
