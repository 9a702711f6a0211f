import Foundation
import Learning
import Scenario
import Schemes
import SimCore
import Synchronization
import Traces

/// The subcommands.
enum Commands {
  static func dispatch(_ words: [String]) throws {
    try refuseUnusableKernelPath(KernelPath.environmentOverride)
    // With no command, the main job: a blockchain scenario (the default one included) paired
    // with its vanilla twin, any other scenario run alone.
    guard let first = words.first else { return try run([], mode: .automatic) }
    switch first {
    case "--help", "-h", "help":
      if words.count > 1 { return try dispatch([words[1], "--help"]) }
      print(Help.main, terminator: "")
    case "--version": print("fedchain \(Experiment.toolVersion)")
    case "run": try run(Array(words.dropFirst()), mode: .single)
    case "compare": try run(Array(words.dropFirst()), mode: .compare)
    case "validate": try validate(Array(words.dropFirst()))
    case "topology": try topology(Array(words.dropFirst()))
    case "sweep": try SweepCommand.run(Array(words.dropFirst()))
    case "report": try ReportCommand.run(Array(words.dropFirst()))
    case "fields": try fields(Array(words.dropFirst()))
    default:
      if first.hasPrefix("--") || first.hasSuffix(".json") {
        return try run(words, mode: .automatic)
      }
      throw CommandFailure.usage(
        "unknown command `\(first)`; commands are run, compare, sweep, report, validate, fields, "
          + "topology")
    }
  }

  /// A forced kernel path (`FEDCHAIN_KERNELS`) this machine cannot run is refused before any
  /// work, as a usage error (issue #15).
  static func refuseUnusableKernelPath(_ request: Result<KernelPath, KernelPathError>?) throws {
    if case .failure(let refused)? = request { throw CommandFailure.usage(refused.description) }
  }

  /// `run` runs the scenario's scheme; `compare` runs a blockchain scheme and its vanilla twin;
  /// no command compares a blockchain scenario and runs any other.
  enum Mode { case single, compare, automatic }

  // MARK: - run and compare

  static func run(_ words: [String], mode: Mode) throws {
    let arguments = try Arguments(
      words, valued: ["seed", "run", "out", "traces", "training-cache"] + TimelineOption.names,
      switches: ["quiet", "help", "no-training-reuse"])
    let name = mode == .compare ? "compare" : "run"
    if arguments.flags.contains("help") {
      return print(mode == .compare ? Help.compare : Help.run, terminator: "")
    }
    guard arguments.positionals.count <= 1 else {
      throw CommandFailure.usage(
        "\(name) takes at most one scenario file, got \(arguments.positionals.count)")
    }
    if arguments.options["out"] == "" {
      throw CommandFailure.usage("--out is empty; give the folder to write the traces to")
    }
    var seed: UInt64?
    if let text = arguments.options["seed"] {
      guard let value = UInt64(text), value <= UInt64(Int64.max) else {
        throw CommandFailure.usage("--seed \(text) is not a whole number from 0 to \(Int64.max)")
      }
      seed = value
    }
    var run: UInt64 = 0
    if let text = arguments.options["run"] {
      guard let value = UInt64(text), value <= 1_000_000 else {
        throw CommandFailure.usage("--run \(text) is not a whole number from 0 to 1,000,000")
      }
      run = value
    }
    let traces = try arguments.options["traces"].map(traceSelection) ?? .all
    let spec = try loadScenario(arguments.positionals.first)
    let mode = mode == .automatic ? (spec.isBlockchain ? Mode.compare : .single) : mode
    if mode == .compare && !spec.isBlockchain {
      throw CommandFailure(
        code: .badInput,
        message:
          "\(arguments.positionals.first ?? "the default scenario"): workload.chain: missing; "
          + "compare runs a blockchain FL scheme against its vanilla twin, so the scenario needs "
          + "a FedAvg workload with a `chain` (see README, \"Blockchain FL\")")
    }
    // Claimed before the run: a refused or busy folder fails now, not after the simulation.
    let directory = arguments.options["out"] ?? spec.outputDirectory ?? "traces/\(spec.name)"
    let timeline = try TimelineOption.parse(
      arguments, topology: spec.topology, outputFolder: directory)
    let folder = try claim(directory)
    let progress = ProgressLine()
    let written: (output: Experiment.Output, files: [String])
    do {
      var options = Experiment.Options(
        seed: seed, run: run, gitCommit: gitCommit(), traces: traces)
      options.trainingMemo = try trainingMemo(arguments)
      options.buildIdentity = buildIdentity
      options.timeline = timeline?.selection
      let report: Experiment.Progress = { scheme, round, rounds in
        progress.update("\(scheme) round \(round)/\(rounds)")
      }
      written = try runAndWrite(
        spec, compare: mode == .compare, options: options, progress: report, into: folder)
    } catch {
      progress.finish()
      throw error
    }
    progress.finish()
    let output = written.output
    if let timeline, let text = output.timeline { try timeline.write(text) }
    for warning in output.warnings { printWarning(warning) }
    if !arguments.flags.contains("quiet") {
      print(SummaryTable.render(output), terminator: "")
      let shown = EchoedText.escaped(directory.hasSuffix("/") ? directory : directory + "/")
      print("\ntraces written to \(shown) (\(written.files.joined(separator: ", ")))")
      if let timeline { print("timeline written to \(EchoedText.escaped(timeline.path))") }
    }
    if output.stoppedEarly {
      throw CommandFailure(
        code: .stoppedEarly,
        message: "the run stopped before its last round (see the warning above); exit code 3")
    }
  }

  /// Runs `spec` into the claimed `folder`: `transfers.csv` and `tasks.csv` are streamed into it
  /// as the run goes (memory does not grow with messages), the other files written at the end,
  /// and the folder swapped in whole. Returns the output and the names of the files written.
  static func runAndWrite(
    _ spec: ScenarioSpec, compare: Bool, options: Experiment.Options,
    progress: Experiment.Progress?, into folder: consuming TraceDirectory
  ) throws(CommandFailure) -> (output: Experiment.Output, files: [String]) {
    var options = options
    let streams: TraceStreams
    do throws(OutputError) {
      streams = try folder.streams()
    } catch {
      throw .output(error)
    }
    options.streams = streams
    let output = try experiment(spec, compare: compare, options: options, progress: progress)
    do throws(OutputError) {
      try streams.finish()
      try folder.replaceContents(with: output.files)
    } catch {
      throw .output(error)
    }
    let names =
      Experiment.inWriteOrder(output.files.map(\.name) + streams.names) + ["manifest.json"]
    return (output, names)
  }

  /// Runs `spec` (compared with its vanilla twin when `compare`); a scenario input that fails
  /// while running (a data set, say) is a bad-input failure.
  static func experiment(
    _ spec: ScenarioSpec, compare: Bool, options: Experiment.Options,
    progress: Experiment.Progress?
  ) throws(CommandFailure) -> Experiment.Output {
    do throws(ScenarioError) {
      return compare
        ? try Experiment.compare(spec, options: options, progress: progress)
        : try Experiment.run(spec, options: options, progress: progress)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
  }

  /// The memo a run reuses trainings from: none with `--no-training-reuse`, one backed by the
  /// folder of `--training-cache DIR`, else the process's.
  static func trainingMemo(_ arguments: Arguments) throws(CommandFailure) -> TrainingMemo? {
    let folder = arguments.options["training-cache"]
    if arguments.flags.contains("no-training-reuse") {
      guard folder == nil else {
        throw .usage("--no-training-reuse and --training-cache exclude each other")
      }
      return nil
    }
    guard let folder else { return .shared }
    guard !folder.isEmpty else { throw .usage("--training-cache is empty; give a folder") }
    if let memo = cacheMemos.withLock({ $0[folder] }) { return memo }
    do throws(TrainingCacheError) {
      let memo = TrainingMemo(
        limitBytes: TrainingMemo.shared.limitBytes, store: try TrainingCacheFolder(path: folder))
      cacheMemos.withLock { $0[folder] = memo }
      return memo
    } catch {
      throw CommandFailure(code: .usage, message: error.message)
    }
  }

  /// One memo per cache folder in this process, so that the runs of an in-process sweep share
  /// their memory as well as the folder.
  private static let cacheMemos = Mutex<[String: TrainingMemo]>([:])

  /// The build in the memo's keys: the version and source commit, and for a tree with
  /// uncommitted changes the executable's size and modification time too, so that a cache
  /// folder never serves one build's results to another.
  static let buildIdentity: String = {
    var identity = "\(Experiment.toolVersion) \(gitCommit() ?? "unknown")"
    if identity.hasSuffix("-dirty") || gitCommit() == nil,
      let executable = Bundle.main.executablePath,
      let attributes = try? FileManager.default.attributesOfItem(atPath: executable)
    {
      let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
      let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      identity += " \(size) \(time.bitPattern)"
    }
    return identity
  }()

  /// `--traces LIST`.
  static func traceSelection(_ text: String) throws(CommandFailure) -> TraceSelection {
    do throws(TraceSelectionError) {
      return try TraceSelection(parsing: text)
    } catch {
      throw .usage("--traces \(text): \(error.message)")
    }
  }

  /// Claims the output folder (see `TraceDirectory` for what that guarantees).
  static func claim(_ directory: String) throws -> TraceDirectory {
    do throws(OutputError) {
      return try TraceDirectory(claiming: directory)
    } catch {
      throw CommandFailure.output(error)
    }
  }

  /// One `fedchain: warning: …` line on stderr, control characters escaped.
  static func printWarning(_ warning: String) {
    FileHandle.standardError.write(
      Data("fedchain: warning: \(EchoedText.escaped(warning))\n".utf8))
  }

  static func loadScenario(_ path: String?) throws -> ScenarioSpec {
    do throws(ScenarioError) {
      guard let path else { return try DefaultScenario.load() }
      return try ScenarioLoader.load(path: path)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
  }

  // MARK: - validate

  static func validate(_ words: [String]) throws {
    let arguments = try Arguments(words, valued: [], switches: ["help"])
    if arguments.flags.contains("help") { return print(Help.validate, terminator: "") }
    guard arguments.positionals.count == 1 else {
      throw CommandFailure.usage("validate takes exactly one scenario file")
    }
    let spec = try loadScenario(arguments.positionals[0])
    do {
      try Experiment.checkInputs(spec)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    let (path, name) = (arguments.positionals[0], spec.name)
    print(
      "ok: \(EchoedText.escaped(path)) (scenario `\(EchoedText.escaped(name))`, "
        + "\(spec.topology.nodes.count) nodes, \(spec.topology.links.count) links)")
  }

  // MARK: - fields

  /// Prints the scenario format's field tables, rendered from the decoder's schema.
  static func fields(_ words: [String]) throws {
    let arguments = try Arguments(words, valued: [], switches: ["help"])
    if arguments.flags.contains("help") { return print(Help.fields, terminator: "") }
    guard arguments.positionals.isEmpty else {
      throw CommandFailure.usage("fields takes no arguments")
    }
    print(FieldReference.markdown, terminator: "")
  }

  // MARK: - topology

  static func topology(_ words: [String]) throws {
    switch words.first {
    case "import": try TopologyImportCommand.run(Array(words.dropFirst()))
    case "expand": try TopologyExpandCommand.run(Array(words.dropFirst()))
    case "--help": print(Help.topologyImport + "\n" + Help.topologyExpand, terminator: "")
    default: throw CommandFailure.usage("topology has two subcommands: import, expand")
    }
  }

  /// The commit of fedchain's own source tree (the checkout this binary was built from, found
  /// through this file's path at build time), `-dirty` when it had uncommitted changes: recorded
  /// in the manifest so a trace can be traced back to the code that made it. Nil when that tree
  /// is gone (a binary copied elsewhere) or is not a git checkout. Never the repository the user
  /// happens to run from.
  static func gitCommit() -> String? { sourceCommit }

  private static let sourceCommit: String? = {
    // Sources/fedchain/Commands.swift → the package root is three levels up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: root + "/Package.swift") else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "git", "-C", root, "describe", "--always", "--dirty", "--abbrev=12", "--exclude=*",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: data, as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }()
}
