import Foundation
import Testing

/// The Python the analysis scripts run with, if the machine has one.
let analysisPython: String? = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// The analysis scripts on the hand-written paired trace `traces/reference/phases-small/`, whose
/// blockchain run loses its second round (its README gives the numbers). Skipped, with a
/// message, where `python3` is absent: `swift test` needs no Python.
@Suite(.enabled(if: analysisPython != nil, "python3 is not installed"))
struct AnalysisScriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path
  static let trace = root + "/traces/reference/phases-small/rounds.csv"

  /// The script's exit status, stdout and stderr.
  static func run(_ script: String, _ arguments: [String]) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: analysisPython!)
    process.arguments = [root + "/analysis/" + script] + arguments
    let (out, err) = (Pipe(), Pipe())
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output, error)
  }

  @Test func firstRoundAtReportsEachSchemeOfAPairSeparately() throws {
    let (status, output, _) = try Self.run("first-round-at.py", [Self.trace, "0.8", "small"])
    // fedavg reaches 0.8 at round 2 (end 1.1 s); bcfl never does (0.5 at both rounds). The
    // script used to read the rows as one list and report fedavg's round for the pair.
    #expect(
      output == """
        small [fedavg]: 80% reached at round 2 (simulated 1.1 s; best 80.00%)
        small [bcfl]: 80% not reached in 2 rounds (best 50.00% at round 1)

        """)
    #expect(status == 1)
    let (one, only, _) = try Self.run(
      "first-round-at.py", [Self.trace, "0.8", "small", "--scheme", "fedavg"])
    #expect(one == 0 && only == "small: 80% reached at round 2 (simulated 1.1 s; best 80.00%)\n")
  }

  @Test func phaseBreakdownLeavesRoundsWithoutUpdatesOutOfTheMeans() throws {
    let (status, output, _) = try Self.run("phase-breakdown.py", [Self.trace])
    #expect(status == 0)
    let rows = output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    // By hand: fedavg download (100 + 200)/2 = 150 ms, round (600 + 500)/2 = 550 ms; bcfl only
    // round 1 (round 2 reported 0): download 100, inclusion 400, round 1,000 ms, 1 empty round.
    #expect(
      rows[1] == [
        "fedavg", "150.000", "200.000", "200.000", "0.000", "0.000", "0.000", "550.000", "0",
      ])
    #expect(
      rows[2] == [
        "bcfl", "100.000", "200.000", "300.000", "400.000", "0.000", "0.000", "1000.000", "1",
      ])
  }

  @Test(arguments: ["first-round-at.py", "phase-breakdown.py"])
  func aMissingOrMalformedTraceIsOneLineAndExit65(script: String) throws {
    let extra = script == "first-round-at.py" ? ["0.9"] : []
    for path in ["/nonexistent/rounds.csv", Self.root + "/README.md"] {
      let (status, output, error) = try Self.run(script, [path] + extra)
      #expect(status == 65, "\(script) \(path)")
      #expect(output.isEmpty)
      #expect(error.split(separator: "\n").count == 1 && error.contains(path))
    }
    let (help, text, _) = try Self.run(script, ["--help"])
    #expect(help == 0 && text.hasPrefix(script == "first-round-at.py" ? "Prints" : "Where"))
  }
}
