import Foundation
import Scenario
import SimCore
import Traces

/// The subcommands.
enum Commands {
  static func dispatch(_ words: [String]) throws {
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
    case "fields": try fields(Array(words.dropFirst()))
    default:
      if first.hasPrefix("--") || first.hasSuffix(".json") {
        return try run(words, mode: .automatic)
      }
      throw CommandFailure.usage(
        "unknown command `\(first)`; commands are run, compare, validate, fields, topology")
    }
  }

  /// `run` runs the scenario's scheme; `compare` runs a blockchain scheme and its vanilla twin;
  /// no command compares a blockchain scenario and runs any other.
  enum Mode { case single, compare, automatic }

  // MARK: - run and compare

  static func run(_ words: [String], mode: Mode) throws {
    let arguments = try Arguments(words, valued: ["seed", "out"], switches: ["quiet", "help"])
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
    let folder = try claim(directory)
    let progress = ProgressLine()
    let output: Experiment.Output
    do throws(ScenarioError) {
      let options = Experiment.Options(seed: seed, gitCommit: gitCommit())
      let report: Experiment.Progress = { scheme, round, rounds in
        progress.update("\(scheme) round \(round)/\(rounds)")
      }
      output =
        mode == .compare
        ? try Experiment.compare(spec, options: options, progress: report)
        : try Experiment.run(spec, options: options, progress: report)
    } catch {
      progress.finish()
      throw CommandFailure(code: .badInput, message: error.description)
    }
    progress.finish()
    do throws(OutputError) {
      try folder.replaceContents(with: output.files)
    } catch {
      throw CommandFailure.output(error)
    }
    for warning in output.warnings { printWarning(warning) }
    if !arguments.flags.contains("quiet") {
      print(SummaryTable.render(output), terminator: "")
      let shown = EchoedText.escaped(directory.hasSuffix("/") ? directory : directory + "/")
      print("\ntraces written to \(shown) (\(output.files.map(\.name).joined(separator: ", ")))")
    }
    if output.stoppedEarly {
      throw CommandFailure(
        code: .stoppedEarly,
        message: "the run stopped before its last round (see the warning above); exit code 3")
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
    guard let sub = words.first, sub == "import" else {
      if words.first == "--help" { return print(Help.topologyImport, terminator: "") }
      throw CommandFailure.usage("topology has one subcommand: import")
    }
    try TopologyImportCommand.run(Array(words.dropFirst()))
  }

  /// The checked-out commit of the working directory, when it is a git checkout: recorded in the
  /// manifest so a trace can be traced back to the code that made it.
  static func gitCommit() -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "rev-parse", "--short=12", "HEAD"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? nil : text
  }
}
