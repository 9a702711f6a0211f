import Platform
import Schemes
import SimCore
import Traces

extension Experiment {
  /// The summary row of one scheme's run.
  static func makeSummary(spec: ScenarioSpec, result: SchemeRun, context: TraceContext)
    -> RunSummary
  {
    let network = result.network
    var byClass: [String: Int64] = [:]
    for link in spec.topology.links {
      let bytes =
        network.channelBytes[Channel(link: link.id, isAToB: true).index]
        + network.channelBytes[Channel(link: link.id, isAToB: false).index]
      byClass[link.linkClass, default: 0] += bytes
    }
    let accuracies = result.rounds.compactMap(\.accuracy)
    var timeToTarget: SimDuration?
    if case .fedavg(let fedavg) = spec.workload, let target = fedavg.targetAccuracy {
      timeToTarget = result.rounds.first { ($0.accuracy ?? 0) >= target }.map { $0.end - .zero }
    }
    let end = result.rounds.last?.end ?? result.simulation.now
    var summary = RunSummary(
      scenario: spec.name, scheme: result.scheme, seed: context.seed, run: context.run,
      rounds: result.rounds.count, totalTime: end - .zero, timeToTarget: timeToTarget,
      messages: network.finishedCount, messageBytes: network.finishedBytes,
      linkBytesByClass: byClass.keys.sorted().map { ($0, byClass[$0]!) },
      finalAccuracy: accuracies.last, bestAccuracy: accuracies.max(),
      finalLoss: result.rounds.last?.loss,
      events: result.simulation.firedEventCount)
    summary.epsilon = result.rounds.last?.epsilon
    summary.faults = result.faults.filter { $0.event == .injected }.count
    summary.updatesLostToFaults = result.updates.count { update in
      switch update.fate {
      case .lost, .dropped: true
      default: false
      }
    }
    summary.roundsWithoutQuorum = result.rounds.count { $0.reported == 0 }
    if let chain = result.chain {
      summary.onChainBytes = chain.onChainBytes
      summary.gas = chain.gas
    }
    return summary
  }

  /// The output files of one run or a pair, rows of each scheme in run order.
  static func renderFiles(
    _ results: [SchemeRun], summaries: [RunSummary], spec: ScenarioSpec, seed: UInt64,
    options: Options
  ) -> [(name: String, contents: String)] {
    let context = TraceContext(run: options.run, seed: seed)
    let end = results.map(\.simulation.now).max()!
    let selected = options.traces
    var files: [(String, String)] = []
    if selected.includes("summary") {
      files.append(
        ("summary.csv", TraceRendering.summary(summaries, context: context, endTime: end)))
    }
    if selected.includes("rounds") {
      files.append(
        ("rounds.csv", TraceRendering.rounds(results.flatMap(\.rounds), context: context)))
    }
    if selected.includes("updates"), results.contains(where: { $0.scheme != "transfers" }) {
      var updates = CSVTable(columns: TraceSchema.updates)
      for result in results {
        TraceRendering.appendUpdates(
          result.updates, scheme: result.scheme, topology: spec.topology, context: context,
          to: &updates)
      }
      files.append(("updates.csv", updates.rendered))
    }
    if selected.includes("faults"), !spec.faults.isEmpty {
      var faults = CSVTable(columns: TraceSchema.faults)
      for result in results {
        TraceRendering.appendFaults(
          result.faults, scheme: result.scheme, topology: spec.topology, context: context,
          to: &faults)
      }
      files.append(("faults.csv", faults.rendered))
    }
    if selected.includes("reputation"), results.contains(where: { !$0.reputation.isEmpty }),
      case .fedavg(let fedavg) = spec.workload
    {
      var reputation = CSVTable(columns: TraceSchema.reputation)
      for result in results {
        TraceRendering.appendReputation(
          result.reputation, scheme: result.scheme, clients: fedavg.clients,
          topology: spec.topology, context: context, to: &reputation)
      }
      files.append(("reputation.csv", reputation.rendered))
    }
    // The files that grow with every message and task: streamed into the output folder during
    // the run when it has streams (only their names go in the manifest, at their place in the
    // list), else rendered here from the records.
    var streamed: [String] = []
    func perMessage(_ name: String, _ header: [String], rows: (SchemeRun) -> [[String]]) {
      if let streams = options.streams {
        streamed.append(name)
        streams.create(name, header: header)
      } else {
        var table = CSVTable(columns: header)
        for result in results { for row in rows(result) { table.append(row) } }
        files.append((name, table.rendered))
      }
    }
    if selected.includes("transfers") {
      perMessage("transfers.csv", TraceSchema.transfers) { result in
        result.network.records.map {
          TraceRendering.transferRow(
            $0, scheme: result.scheme, topology: spec.topology, context: context)
        }
      }
    }
    if selected.includes("tasks") {
      perMessage("tasks.csv", TraceSchema.tasks) { result in
        result.compute.records.map {
          TraceRendering.taskRow(
            $0, scheme: result.scheme, topology: spec.topology, context: context)
        }
      }
    }
    if selected.includes("links") {
      var links = CSVTable(columns: TraceSchema.links)
      for result in results {
        TraceRendering.appendLinks(
          result.network.channelBytes, scheme: result.scheme, topology: spec.topology,
          context: context, endTime: result.simulation.now, to: &links)
      }
      files.append(("links.csv", links.rendered))
    }
    let chainRuns = results.filter { $0.chain != nil }
    if selected.includes("blocks"), !chainRuns.isEmpty {
      var blocks = CSVTable(columns: TraceSchema.blocks)
      for result in chainRuns {
        TraceRendering.appendBlocks(
          result.chain!, scheme: result.scheme, names: spec, context: context, to: &blocks)
      }
      files.append(("blocks.csv", blocks.rendered))
    }
    files.append(
      (
        "manifest.json",
        manifest(
          spec: spec, seed: seed, options: options,
          files: inWriteOrder(files.map(\.0) + streamed) + ["manifest.json"])
      ))
    return files
  }

  /// Trace file names in the order a run writes them (`TraceSelection.known`).
  public static func inWriteOrder(_ names: [String]) -> [String] {
    TraceSelection.known.map { $0 + ".csv" }.filter(names.contains)
  }

  static func manifest(spec: ScenarioSpec, seed: UInt64, options: Options, files: [String])
    -> String
  {
    var members: [(String, JSONValue)] = [
      ("tool", .string("fedchain")),
      ("version", .string(toolVersion)),
      ("scenario", .string(spec.name)),
      ("seed", .integer(seed)),
      ("run", .integer(options.run)),
      ("sharing", .string(spec.sharing.rawValue)),
      ("rate_update", .string(spec.rateUpdate.description)),
      ("nodes", .integer(spec.topology.nodes.count)),
      ("links", .integer(spec.topology.links.count)),
    ]
    if let commit = options.gitCommit { members.append(("git_commit", .string(commit))) }
    if let sweep = options.sweep { members.append(("sweep", sweep)) }
    members.append(("files", .array(files.filter { $0 != "manifest.json" }.map { .string($0) })))
    members.append(("scenario_source", spec.source))
    return JSONWriter.write(.object(members))
  }
}
