import Foundation
import Testing

/// The Python the analysis scripts run with, if the machine has one: `python3` on `PATH` (where
/// `pip install` puts matplotlib for a user or a virtual environment), then the system's.
let analysisPython: String? = {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
  let onPath = path.split(separator: ":").map { "\($0)/python3" }
  return (onPath + ["/usr/bin/python3", "/usr/local/bin/python3"]).first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}()

/// `analysisPython` when it can import what `analysis/figures.py` needs (matplotlib, pandas,
/// numpy; `analysis/requirements.txt`), else nil: the figure tests are then skipped.
let figuresPython: String? = {
  guard let python = analysisPython else { return nil }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = ["-c", "import matplotlib, pandas, numpy"]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  guard (try? process.run()) != nil else { return nil }
  process.waitUntilExit()
  return process.terminationStatus == 0 ? python : nil
}()

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

// MARK: - figures.py

extension AnalysisScriptTests {
  /// `--help` and the folder check come before matplotlib is imported, so they need only Python.
  @Test func figuresHelpAndAMissingFolderNeedNoMatplotlib() throws {
    let (help, text, _) = try Self.run("figures.py", ["--help"])
    #expect(help == 0 && text.hasPrefix("Draws the standard figures"))
    let (status, output, error) = try Self.run("figures.py", ["/nonexistent/run"])
    #expect(status == 65 && output.isEmpty)
    #expect(error.split(separator: "\n").count == 1 && error.contains("/nonexistent/run: no such"))
  }
}

/// `analysis/figures.py` on the committed reference traces (`traces/reference/`, whose README
/// gives the command that made each). Skipped, with a message, where matplotlib, pandas or numpy
/// is missing: `swift test` needs none of them.
@Suite(
  .enabled(
    if: figuresPython != nil,
    "matplotlib, pandas or numpy is missing: python3 -m pip install -r analysis/requirements.txt"
  ))
struct FiguresScriptTests {
  static let references = AnalysisScriptTests.root + "/traces/reference/"

  /// A new empty scratch folder, named after the test and `tag`.
  static func scratch(_ tag: String, _ name: String = #function) throws -> String {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("fedchain-figures-\(getpid())-\(name.filter(\.isLetter))-\(tag)")
      .path
    try? FileManager.default.removeItem(atPath: folder)
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// figures.py on `folder` with `--out` a fresh scratch folder: status, stdout, stderr and
  /// the scratch folder.
  static func draw(_ folder: String, tag: String = "out", _ name: String = #function) throws -> (
    Int32, String, String, String
  ) {
    let out = try scratch(tag, name)
    let (status, output, error) = try AnalysisScriptTests.run("figures.py", [folder, "--out", out])
    return (status, output, error, out)
  }

  /// The figures a folder holds (file names without extension), after checking that each is
  /// there as a non-empty PNG (its signature) and an SVG document.
  static func figures(in folder: String) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    let pngs = names.filter { $0.hasSuffix(".png") }.map { String($0.dropLast(4)) }
    let svgs = names.filter { $0.hasSuffix(".svg") }.map { String($0.dropLast(4)) }
    #expect(pngs == svgs && names.count == pngs.count * 2, "\(names)")
    for name in pngs {
      let png = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(name).png"))
      #expect(png.count > 1000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(name).png")
      let svg = try String(contentsOfFile: "\(folder)/\(name).svg", encoding: .utf8)
      #expect(svg.hasPrefix("<?xml") && svg.contains("</svg>"), "\(name).svg")
    }
    return pngs
  }

  /// The text of a figure's SVG; matplotlib writes each label as a comment before its glyphs.
  static func svg(_ folder: String, _ name: String) throws -> String {
    try String(contentsOfFile: "\(folder)/\(name).svg", encoding: .utf8)
  }

  @Test func aPairedRunGetsEveryFigureItsTracesSupport() throws {
    let (status, output, error, out) = try Self.draw(Self.references + "default")
    #expect(status == 0 && error.isEmpty, "\(error)")
    #expect(
      try Self.figures(in: out) == [
        "accuracy", "blocks", "round-phases", "traffic", "update-fates",
      ])
    // The default pair is not private: one line says why there is no ε figure.
    #expect(output.contains("skipped privacy: no ε in rounds.csv"))
    let accuracy = try Self.svg(out, "accuracy")
    #expect(accuracy.contains("<!-- fedavg -->") && accuracy.contains("<!-- bcfl -->"))
    // updates.csv is there, so the phases are the critical path's, and say so.
    #expect(try Self.svg(out, "round-phases").contains("along its critical path"))
  }

  @Test func faultWindowsForksAndStaleBlocksAreMarked() throws {
    let (status, _, error, out) = try Self.draw(Self.references + "faults-byzantine")
    #expect(status == 0 && error.isEmpty, "\(error)")
    #expect(
      try Self.figures(in: out) == [
        "accuracy", "blocks", "round-phases", "traffic", "update-fates",
      ])
    // Three byzantine validators (faults.csv): one shaded kind in the legends.
    for figure in ["accuracy", "round-phases", "blocks"] {
      #expect(try Self.svg(out, figure).contains("<!-- byzantine-validator (3 targets) -->"))
    }
    // blocks.csv has 5 blocks with canonical = 0, each at a height another block holds.
    let blocks = try Self.svg(out, "blocks")
    #expect(blocks.contains("<!-- bcfl: stale (not canonical) -->"))
    #expect(blocks.contains("<!-- bcfl: fork (2+ blocks at a height) -->"))
  }

  @Test func aTraceWithTransfersSplitsDownloadFromCompute() throws {
    let (status, output, error, out) = try Self.draw(Self.references + "tiny-chain")
    #expect(status == 0 && error.isEmpty, "\(error)")
    #expect(try Self.figures(in: out) == ["blocks", "round-phases", "traffic", "update-fates"])
    // Placeholder training has no accuracy: skipped with its reason.
    #expect(output.contains("skipped accuracy: no accuracy in rounds.csv"))
    let phases = try Self.svg(out, "round-phases")
    #expect(phases.contains("<!-- download -->") && !phases.contains("download + compute"))
    #expect(try Self.svg(out, "traffic").contains("by message kind"))
  }

  @Test func aPrivateRunWithoutUpdatesShowsItsBudgetAndTheLongestClientCaveat() throws {
    let (status, output, error, out) = try Self.draw(Self.references + "ll-bcfl")
    #expect(status == 0 && error.isEmpty, "\(error)")
    #expect(try Self.figures(in: out) == ["accuracy", "privacy", "round-phases", "traffic"])
    #expect(output.contains("skipped blocks: no blocks.csv"))
    #expect(output.contains("skipped update-fates: no updates.csv"))
    // Without updates.csv only the per-phase maxima are known: the title must say so.
    #expect(try Self.svg(out, "round-phases").contains("the LONGEST any client spent in it"))
  }

  @Test func aSweepGetsEachMetricAgainstItsParameterAndTheOverhead() throws {
    let (status, output, error, out) = try Self.draw(Self.references + "sweep-block-period")
    #expect(status == 0 && error.isEmpty, "\(error)")
    let figures = try Self.figures(in: out)
    for name in ["sweep-overhead", "sweep-total_time_ns", "sweep-final_accuracy", "sweep-gas"] {
      #expect(figures.contains(name), "\(figures)")
    }
    // ε is empty at every point of a run without privacy: no figure, one line.
    #expect(!figures.contains("sweep-epsilon") && output.contains("epsilon"))
    // "500ms", "1s", "2s" are durations: a numeric axis in seconds.
    let overhead = try Self.svg(out, "sweep-overhead")
    #expect(overhead.contains("<!-- workload.chain.blockPeriod (s) -->"))
    #expect(overhead.contains("<!-- bcfl/fedavg -->"))
  }

  /// On the folder with the most kinds of marks (fault spans, stale blocks, forks); the SVG ids
  /// are salted per process and both formats carry a date and versions unless told not to.
  @Test func theSameTracesGiveTheSameBytes() throws {
    let reference = Self.references + "faults-byzantine"
    let (first, _, _, one) = try Self.draw(reference, tag: "1")
    let (second, _, _, two) = try Self.draw(reference, tag: "2")
    #expect(first == 0 && second == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: one).sorted()
    #expect(names == (try FileManager.default.contentsOfDirectory(atPath: two).sorted()))
    #expect(names.count == 10)
    for name in names {
      let a = try Data(contentsOf: URL(fileURLWithPath: "\(one)/\(name)"))
      let b = try Data(contentsOf: URL(fileURLWithPath: "\(two)/\(name)"))
      #expect(a == b, "\(name) differs between two runs")
    }
  }

  /// Ways a run folder can be broken, each with what the one line must name.
  enum Damage: String, CaseIterable, Sendable {
    case nonNumericValue, missingColumn, missingFile, wrongFieldCount

    /// Breaks the copy of the default pair in `folder`; returns what stderr must contain.
    func apply(to folder: String) throws -> String {
      func edit(_ file: String, _ change: (inout [String]) -> Void) throws {
        let path = "\(folder)/\(file)"
        var lines = try String(contentsOfFile: path, encoding: .utf8)
          .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        change(&lines)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
      }
      switch self {
      case .nonNumericValue:
        // Line 3 is fedavg's round 2; `reported` is the 9th column.
        try edit("rounds.csv") { lines in
          var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false)
          fields[8] = "six"
          lines[2] = fields.joined(separator: ",")
        }
        return "rounds.csv:3: column 'reported' holds 'six'; expected a number"
      case .missingColumn:
        try edit("updates.csv") { $0[0] = $0[0].replacingOccurrences(of: ",fate,", with: ",end,") }
        return "updates.csv: no column 'fate'"
      case .missingFile:
        try FileManager.default.removeItem(atPath: "\(folder)/summary.csv")
        return "summary.csv: missing"
      case .wrongFieldCount:
        try edit("blocks.csv") { $0.insert($0[1] + ",1,2", at: 2) }
        return "blocks.csv: not a CSV table"
      }
    }
  }

  @Test(arguments: Damage.allCases)
  func aMalformedTraceIsOneLineAndExit65(damage: Damage) throws {
    let run = try Self.scratch("run-\(damage.rawValue)")
    for name in try FileManager.default.contentsOfDirectory(atPath: Self.references + "default") {
      try FileManager.default.copyItem(
        atPath: Self.references + "default/" + name, toPath: "\(run)/\(name)")
    }
    let expected = try damage.apply(to: run)
    let (status, output, error, out) = try Self.draw(run, tag: damage.rawValue)
    #expect(status == 65, "\(error)")
    #expect(output.isEmpty)
    #expect(error.split(separator: "\n").count == 1 && error.contains(expected), "\(error)")
    // Every trace is checked before the first figure is drawn.
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
  }
}
