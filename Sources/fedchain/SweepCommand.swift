import Foundation
import Scenario
import Schemes
import SimCore
import Traces

/// `fedchain sweep`: runs a base scenario at every point of a grid or zip of field values, each
/// point at every seed and replication, into one folder; `fedchain sweep collect` merges a
/// folder's runs into `sweep.csv` and `sweep-stats.csv`.
enum SweepCommand {
  static func run(_ words: [String]) throws {
    if words.first == "collect" { return try collect(Array(words.dropFirst())) }
    let arguments = try Arguments(
      words, valued: ["out", "jobs", "shard", "traces", "job", "training-cache"],
      switches: ["resume", "quiet", "help", "no-training-reuse"])
    if arguments.flags.contains("help") { return print(Help.sweep, terminator: "") }
    guard arguments.positionals.count == 1 else {
      throw CommandFailure.usage(
        "sweep takes one sweep file (or `collect DIR`), got \(arguments.positionals.count) "
          + "arguments")
    }
    let file = arguments.positionals[0]
    let traces = try arguments.options["traces"].map(Commands.traceSelection)
    let sweep: SweepSpec
    do throws(ScenarioError) {
      sweep = try SweepDecoder.load(path: file, traces: traces)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    let directory = arguments.options["out"] ?? defaultFolder(for: file)
    if directory.isEmpty {
      throw CommandFailure.usage("--out is empty; give the folder to write the sweep to")
    }
    let memo = try Commands.trainingMemo(arguments)
    if let job = arguments.options["job"] {
      return try runJob(job, of: sweep, in: directory, memo: memo)
    }
    let shard = try arguments.options["shard"].map(parseShard)
    let jobs = try arguments.options["jobs"].map(parseJobs)
    do throws(ScenarioError) {
      try SweepDecoder.validatePoints(sweep)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    let folder: SweepFolder
    do throws(OutputError) {
      folder = try SweepFolder(
        opening: directory, sweepID: sweep.id, record: SweepRecord.render(sweep),
        shared: shard != nil)
    } catch {
      throw CommandFailure.output(error)
    }
    var runs = shard.map { sweep.runs(inShard: $0.index, of: $0.count) } ?? sweep.allRuns
    let planned = runs.count
    if arguments.flags.contains("resume") {
      var left: [SweepRun] = []
      for run in runs where try !isComplete(run, of: sweep, in: folder) { left.append(run) }
      runs = left
    }
    let quiet = arguments.flags.contains("quiet")
    let parallel = min(jobs ?? defaultJobs(for: sweep), max(runs.count, 1))
    if !quiet {
      let skipped = planned - runs.count
      print(
        "sweep \(sweep.id): \(sweep.points.count) point(s) × \(sweep.seeds.count) seed(s) × "
          + "\(sweep.runs) run(s)"
          + (shard.map { ", shard \($0.index)/\($0.count): \(planned) run(s)" } ?? "")
          + (skipped > 0 ? ", \(skipped) already complete" : "")
          + ", \(parallel) at a time")
    }
    let outcome =
      parallel <= 1
      ? try SweepExecutor.serial(runs, of: sweep, in: folder, memo: memo)
      : try SweepExecutor.parallel(
        runs, of: sweep, in: folder, sweepFile: file, jobs: parallel,
        passedOn: passedOn(arguments))
    try outcome.throwIfFailed()
    if shard != nil {
      if !quiet {
        print(
          "shard done: \(runs.count) run(s) written under \(EchoedText.escaped(directory)); "
            + "when every shard is done, run `fedchain sweep collect \(EchoedText.escaped(directory))`"
        )
      }
    } else {
      try merge(sweep, folder: folder, quiet: quiet)
    }
    try outcome.throwIfStoppedEarly()
  }

  // MARK: - One run

  /// Runs one run of the sweep in this process and writes its folder.
  /// - Returns: true when the run stopped before its last round.
  static func execute(
    _ run: SweepRun, of sweep: SweepSpec, in folder: String, memo: TrainingMemo?
  ) throws -> Bool {
    let point = sweep.points[run.point]
    let spec: ScenarioSpec
    do throws(ScenarioError) {
      spec = try sweep.scenario(at: point)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    let relative = runFolder(run, of: sweep)
    let claimed = try Commands.claim(folder + "/" + relative)
    var options = Experiment.Options(
      seed: run.seed, run: run.run, gitCommit: Commands.gitCommit(), traces: sweep.traces,
      sweep: sweep.manifestMember(for: run))
    options.trainingMemo = memo
    options.buildIdentity = Commands.buildIdentity
    let compare = sweep.mode == .compare || (sweep.mode == .auto && spec.isBlockchain)
    let output = try Commands.runAndWrite(
      spec, compare: compare, options: options, progress: nil, into: claimed
    ).output
    let label = "point \(run.point), seed \(run.seed), run \(run.run)"
    for warning in output.warnings { Commands.printWarning("\(label): \(warning)") }
    return output.stoppedEarly
  }

  /// `--job ID:POINT:SEED:RUN`: what a parallel sweep's child process runs.
  private static func runJob(
    _ text: String, of sweep: SweepSpec, in folder: String, memo: TrainingMemo?
  ) throws {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 4, let point = Int(parts[1]), let seed = UInt64(parts[2]),
      let run = UInt64(parts[3]), sweep.points.indices.contains(point),
      sweep.seeds.contains(seed), run < sweep.runs
    else { throw CommandFailure.usage("--job \(text) is not a run of this sweep") }
    guard parts[0] == sweep.id else {
      throw CommandFailure(
        code: .badInput,
        message: "\(sweep.file): the sweep file changed since the sweep started (id \(sweep.id), "
          + "started as \(parts[0])); restart the sweep")
    }
    if try execute(SweepRun(point: point, seed: seed, run: run), of: sweep, in: folder, memo: memo)
    {
      throw CommandFailure(code: .stoppedEarly, message: "the run stopped before its last round")
    }
  }

  /// The run's folder inside the sweep folder.
  static func runFolder(_ run: SweepRun, of sweep: SweepSpec) -> String {
    SweepFolder.runFolder(
      pointIndex: run.point, pointID: sweep.points[run.point].id,
      width: max(3, String(sweep.points.count - 1).count), seed: run.seed, run: run.run)
  }

  /// True when the run's folder is complete and belongs to this sweep.
  static func isComplete(_ run: SweepRun, of sweep: SweepSpec, in folder: borrowing SweepFolder)
    throws -> Bool
  {
    do throws(OutputError) {
      guard let manifest = try folder.manifest(ofRun: runFolder(run, of: sweep)) else {
        return false
      }
      return (try? JSONParser.parse(manifest))?["sweep"]?["id"]?.kind == .string(sweep.id)
    } catch {
      throw CommandFailure.output(error)
    }
  }

  // MARK: - Merging

  /// `fedchain sweep collect DIR`.
  private static func collect(_ words: [String]) throws {
    let arguments = try Arguments(words, valued: [], switches: ["quiet", "help"])
    if arguments.flags.contains("help") { return print(Help.sweep, terminator: "") }
    guard arguments.positionals.count == 1 else {
      throw CommandFailure.usage("sweep collect takes one sweep folder")
    }
    let directory = arguments.positionals[0]
    let folder: SweepFolder
    do throws(OutputError) {
      folder = try SweepFolder(collecting: directory)
    } catch {
      throw CommandFailure.output(error)
    }
    let sweep: SweepSpec
    do throws(ScenarioError) {
      sweep = try SweepRecord.decode(folder.record, file: directory + "/sweep.json")
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    try merge(sweep, folder: folder, quiet: arguments.flags.contains("quiet"))
  }

  /// Writes `sweep.csv` and `sweep-stats.csv` from every run's summary.
  /// - Throws: exit 65 naming the missing runs, or a run of another sweep.
  static func merge(_ sweep: SweepSpec, folder: borrowing SweepFolder, quiet: Bool) throws {
    var summaries: [(run: SweepRun, text: String)] = []
    var missing: [String] = []
    let all = sweep.allRuns
    for run in all {
      let relative = runFolder(run, of: sweep)
      let manifest: String?
      do throws(OutputError) {
        manifest = try folder.manifest(ofRun: relative)
      } catch {
        throw CommandFailure.output(error)
      }
      guard let manifest else {
        missing.append(relative)
        continue
      }
      guard (try? JSONParser.parse(manifest))?["sweep"]?["id"]?.kind == .string(sweep.id) else {
        throw CommandFailure(
          code: .badInput,
          message: "\(folder.path)/\(relative): its manifest names another sweep than the "
            + "folder's sweep.json (\(sweep.id)); a folder keeps the runs of one sweep")
      }
      do throws(OutputError) {
        summaries.append((run, try folder.file("summary.csv", ofRun: relative)))
      } catch {
        throw CommandFailure(
          code: .badInput,
          message: "\(folder.path)/\(relative): no readable summary.csv (\(error)); a sweep's "
            + "runs must write the summary trace")
      }
    }
    guard missing.isEmpty else {
      throw CommandFailure(
        code: .badInput,
        message: "\(folder.path): \(missing.count) of \(all.count) runs are missing (first: "
          + "\(missing[0])); finish the other shards, or run `fedchain sweep SWEEP.json --out "
          + "\(folder.path) --resume`")
    }
    let tables: (sweep: String, statistics: String)
    do throws(SweepAggregateError) {
      tables = try SweepAggregate.render(sweep, summaries: summaries)
    } catch {
      throw CommandFailure(
        code: .badInput,
        message: "\(folder.path)/\(runFolder(error.run, of: sweep))/summary.csv: \(error.message)")
    }
    do throws(OutputError) {
      try folder.write("sweep.csv", contents: tables.sweep)
      try folder.write("sweep-stats.csv", contents: tables.statistics)
    } catch {
      throw CommandFailure.output(error)
    }
    if !quiet {
      print(
        "\(all.count) run(s) merged into \(EchoedText.escaped(folder.path))/sweep.csv and "
          + "sweep-stats.csv")
    }
  }

  // MARK: - Options

  /// The options a parallel sweep's jobs get from it: the traces and the training reuse.
  static func passedOn(_ arguments: Arguments) -> [String] {
    var words: [String] = []
    for name in ["traces", "training-cache"] {
      if let value = arguments.options[name] { words += ["--" + name, value] }
    }
    if arguments.flags.contains("no-training-reuse") { words.append("--no-training-reuse") }
    return words
  }

  /// `sweeps/<sweep file name without .json>`.
  static func defaultFolder(for file: String) -> String {
    var name = URL(fileURLWithPath: file).lastPathComponent
    if name.hasSuffix(".json") { name.removeLast(5) }
    return "sweeps/" + (name.isEmpty || name.hasPrefix(".") ? "sweep" : name)
  }

  /// `--shard I/N`: shard I (0-based) of N.
  static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1,
      count <= 1_000_000, index >= 0, index < count
    else {
      throw CommandFailure.usage(
        "--shard \(text) is not a shard; expected I/N with 0 ≤ I < N ≤ 1,000,000, e.g. 0/4 "
          + "(a Slurm job array: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT with "
          + "--array=0-(N-1))")
    }
    return (index, count)
  }

  static func parseJobs(_ text: String) throws -> Int {
    guard let jobs = Int(text), (1...1024).contains(jobs) else {
      throw CommandFailure.usage("--jobs \(text) is not a whole number from 1 to 1024")
    }
    return jobs
  }

  /// As many runs at once as the cores hold, counting each run's training threads.
  static func defaultJobs(for sweep: SweepSpec) -> Int {
    var threads = 1
    if let point = sweep.points.first, let spec = try? sweep.scenario(at: point),
      case .fedavg(let fedavg) = spec.workload, case .learning(let learning) = fedavg.training
    {
      threads = learning.threads
    }
    return max(1, ProcessInfo.processInfo.activeProcessorCount / threads)
  }
}
