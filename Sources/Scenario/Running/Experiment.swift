import Platform
import Schemes
import SimCore
import SimKernel
import Traces

/// Runs one scenario once and renders its output files in memory.
///
/// Writing is the caller's business (`TraceDirectory`), so a run can be tested for byte-identical
/// output without touching the disk.
public enum Experiment {
  /// Choices that are not part of the scenario file.
  public struct Options: Sendable {
    /// Replaces the scenario's seed.
    public var seed: UInt64?
    /// The replication index.
    public var run: UInt64 = 0
    /// Recorded in the manifest when known: the tool's source revision.
    public var gitCommit: String?
    public init(seed: UInt64? = nil, run: UInt64 = 0, gitCommit: String? = nil) {
      self.seed = seed
      self.run = run
      self.gitCommit = gitCommit
    }
  }

  /// The files of a run, in the order they are listed here, and its summary.
  public struct Output: Sendable {
    public var files: [(name: String, contents: String)]
    public var summary: RunSummary
    public var rounds: [RoundRecord]
    /// Things the user should know that are not errors, one line each (e.g. a run that stopped
    /// before its last round because messages were lost and no round deadline was set).
    public var warnings: [String] = []
  }

  /// The tool's version, written to manifests.
  public static let toolVersion = "0.1.0"

  /// Loads what the scenario's workload needs (data sets, models) without running it, so that
  /// `fedchain validate` catches every input error a run would.
  public static func checkInputs(_ spec: ScenarioSpec) throws(ScenarioError) {
    if case .fedavg(let fedavg) = spec.workload {
      _ = try TrainingSetup.makeBackend(
        fedavg.training, fedavg: fedavg, streams: RandomStreams(seed: spec.seed))
    }
  }

  /// Runs `spec`; `progress` is called after each FL round with (round, rounds).
  /// - Throws: `ScenarioError` when an input the scenario names (a data set, say) cannot be used.
  public static func run(
    _ spec: ScenarioSpec, options: Options = Options(), progress: ((Int, Int) -> Void)? = nil
  ) throws(ScenarioError) -> Output {
    let seed = options.seed ?? spec.seed
    let streams = RandomStreams(seed: seed, run: options.run)
    let simulation = Simulation(streams: streams)
    let network = FlowNetwork(topology: spec.topology, sharing: spec.sharing, streams: streams)
    let compute = ComputeCluster(topology: spec.topology)
    var rounds: [RoundRecord] = []
    var warnings: [String] = []
    let scheme: String
    switch spec.workload {
    case .transfers(let transfers):
      scheme = "transfers"
      for transfer in transfers {
        simulation.schedule(at: .zero + transfer.start) { simulation in
          network.send(
            from: transfer.from, to: transfer.to, size: transfer.size, kind: transfer.id,
            in: simulation
          ) { _ in }
        }
      }
      simulation.run { $0.now < SimulationHorizon.runLimit }
    case .fedavg(let fedavg):
      scheme = "fedavg"
      let backend = try TrainingSetup.makeBackend(fedavg.training, fedavg: fedavg, streams: streams)
      let configuration = FedAvgConfiguration(
        server: fedavg.server, clients: fedavg.clients, rounds: fedavg.rounds,
        clientFraction: fedavg.clientFraction, roundDeadline: fedavg.roundDeadline)
      let actor = FedAvgScheme(
        configuration: configuration, network: network, compute: compute, backend: backend,
        streams: streams)
      actor.onRoundEnd = { record in progress?(record.round, fedavg.rounds) }
      actor.start(in: simulation)
      simulation.run { $0.now < SimulationHorizon.runLimit }
      rounds = actor.records
      if let learning = backend as? LearningBackend, let first = learning.refusedAggregations.first
      {
        warnings.append(
          "the aggregation rule refused the updates of \(learning.refusedAggregations.count) round(s), "
            + "which kept the previous model; the first said: \(first)")
      }
    }
    let context = TraceContext(run: options.run, seed: seed)
    let summary = makeSummary(
      spec: spec, scheme: scheme, context: context, rounds: rounds, network: network,
      simulation: simulation)
    var files: [(String, String)] = []
    files.append(
      ("summary.csv", TraceRendering.summary([summary], context: context, endTime: simulation.now)))
    files.append(("rounds.csv", TraceRendering.rounds(rounds, context: context)))
    files.append(
      (
        "transfers.csv",
        TraceRendering.transfers(network.records, topology: spec.topology, context: context)
      ))
    files.append(
      (
        "tasks.csv",
        TraceRendering.tasks(compute.records, topology: spec.topology, context: context)
      ))
    files.append(
      (
        "links.csv",
        TraceRendering.links(
          network.channelBytes, topology: spec.topology, context: context, endTime: simulation.now)
      ))
    files.append(("manifest.json", manifest(spec: spec, seed: seed, options: options)))
    if simulation.pendingEventCount > 0 {
      warnings.append(
        "the run stopped after 150 years of simulated time with events still pending; "
          + "the traces cover only that span")
    } else if case .fedavg(let fedavg) = spec.workload, rounds.count < fedavg.rounds {
      warnings.append(
        "only \(rounds.count) of \(fedavg.rounds) rounds completed: a round waited for messages "
          + "that were lost; set workload.deadline so that rounds end without them")
    }
    let output = Output(files: files, summary: summary, rounds: rounds, warnings: warnings)
    return output
  }

  static func makeSummary(
    spec: ScenarioSpec, scheme: String, context: TraceContext, rounds: [RoundRecord],
    network: FlowNetwork,
    simulation: Simulation
  ) -> RunSummary {
    var byClass: [String: Int64] = [:]
    for link in spec.topology.links {
      let bytes =
        network.channelBytes[Channel(link: link.id, isAToB: true).index]
        + network.channelBytes[Channel(link: link.id, isAToB: false).index]
      byClass[link.linkClass, default: 0] += bytes
    }
    let accuracies = rounds.compactMap(\.accuracy)
    return RunSummary(
      scenario: spec.name, scheme: scheme, seed: context.seed, run: context.run,
      rounds: rounds.count,
      totalTime: simulation.now - .zero, messages: network.records.count,
      messageBytes: network.records.reduce(0) { $0 + $1.size.bytes },
      linkBytesByClass: byClass.keys.sorted().map { ($0, byClass[$0]!) },
      finalAccuracy: accuracies.last, bestAccuracy: accuracies.max(),
      finalLoss: rounds.last?.loss,
      events: simulation.firedEventCount)
  }

  static func manifest(spec: ScenarioSpec, seed: UInt64, options: Options) -> String {
    var members: [(String, JSONValue)] = [
      ("tool", .string("fedchain")),
      ("version", .string(toolVersion)),
      ("scenario", .string(spec.name)),
      ("seed", .integer(seed)),
      ("run", .integer(options.run)),
      ("sharing", .string(spec.sharing.rawValue)),
      ("nodes", .integer(spec.topology.nodes.count)),
      ("links", .integer(spec.topology.links.count)),
    ]
    if let commit = options.gitCommit { members.append(("git_commit", .string(commit))) }
    members.append(
      (
        "files",
        .array(
          ["summary.csv", "rounds.csv", "transfers.csv", "tasks.csv", "links.csv"].map {
            .string($0)
          })
      ))
    members.append(("scenario_source", spec.source))
    return JSONWriter.write(.object(members))
  }
}

/// The run and seed every trace row starts with.
struct TraceContext {
  var run: UInt64
  var seed: UInt64
  var prefix: [String] { [String(run), String(seed)] }
}
