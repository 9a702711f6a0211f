import Faults
import Platform
import Schemes
import SimCore
import SimKernel
import Traces

/// Runs one scenario — once, or paired with its vanilla twin — and renders its output files in
/// memory.
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
    /// The trace files to render; the others are skipped (the summary is computed anyway).
    public var traces = TraceSelection.all
    /// A sweep run's place in its sweep (sweep id, point, swept values), recorded in the
    /// manifest as `sweep`.
    public var sweep: JSONValue?
    /// Where client trainings and evaluations are reused from (the command-line tool passes
    /// `TrainingMemo.shared`); none when nil, the default, so that a test of determinism really
    /// trains twice. The output is the same either way (see `TrainingMemo`).
    public var trainingMemo: TrainingMemo?
    /// Where `transfers.csv` and `tasks.csv` are written row by row as the run goes (a claimed
    /// output folder's `TraceDirectory.streams()`), so that memory does not grow with messages
    /// and tasks; nil renders them in memory with the other files, as tests do. The bytes are
    /// the same either way.
    public var streams: TraceStreams?
    /// Identifies the build in the memo's keys, so that a store shared by several builds never
    /// serves one build's results to another; defaults to the version and `gitCommit`.
    public var buildIdentity: String?
    /// What the run's timeline shows (`Output.timeline`); nil, the default, draws none and
    /// keeps nothing for one.
    public var timeline: TimelineSelection?
    public init(
      seed: UInt64? = nil, run: UInt64 = 0, gitCommit: String? = nil,
      traces: TraceSelection = .all, sweep: JSONValue? = nil, trainingMemo: TrainingMemo? = nil
    ) {
      self.seed = seed
      self.run = run
      self.gitCommit = gitCommit
      self.traces = traces
      self.sweep = sweep
      self.trainingMemo = trainingMemo
    }
  }

  /// The files of a run, in the order they are listed here, and its summary.
  public struct Output: Sendable {
    public var files: [(name: String, contents: String)]
    /// The run's summary (a paired run: the blockchain scheme's).
    public var summary: RunSummary
    /// The run's rounds (a paired run: the blockchain scheme's).
    public var rounds: [RoundRecord]
    /// A paired run's vanilla twin: its summary and rounds.
    public var twin: (summary: RunSummary, rounds: [RoundRecord])?
    /// Things the user should know that are not errors, one line each (e.g. a run that stopped
    /// before its last round because messages were lost and no round deadline was set).
    public var warnings: [String] = []
    /// True when a federated run ended before its last round because it could no longer
    /// progress (its warning names the cause); `fedchain` then exits with its own code.
    public var stoppedEarly = false
    /// The run's timeline as trace-event JSON (`TimelineRendering`), when `Options.timeline`
    /// asked for one.
    public var timeline: String?
  }

  /// Reports progress: (scheme, round, rounds) after each FL round.
  public typealias Progress = (String, Int, Int) -> Void

  /// The tool's version, written to manifests.
  public static let toolVersion = "0.2.0"

  /// Loads what the scenario's workload needs (data sets, models) and checks what can only be
  /// checked with them (an update that must fit in a block), without running it, so that
  /// `fedchain validate` catches every input error a run would.
  public static func checkInputs(_ spec: ScenarioSpec) throws(ScenarioError) {
    if case .fedavg(let fedavg) = spec.workload {
      let prepared = try TrainingSetup.prepare(
        fedavg.training, fedavg: fedavg, streams: RandomStreams(seed: spec.seed))
      _ = try SchemeSetup.composition(fedavg, prepared: prepared, twin: false)
      if let chain = fedavg.chain {
        try ChainSetup.checkPayloadsFit(chain, backend: prepared.backend)
      }
    }
  }

  /// Runs `spec`'s scheme: the transfers, vanilla FedAvg, or — with a chain — the blockchain
  /// scheme alone.
  /// - Throws: `ScenarioError` when an input the scenario names (a data set, say) cannot be used.
  public static func run(
    _ spec: ScenarioSpec, options: Options = Options(), progress: Progress? = nil
  ) throws(ScenarioError) -> Output {
    let seed = options.seed ?? spec.seed
    let result = try execute(spec, seed: seed, options: options, progress: progress)
    let context = TraceContext(run: options.run, seed: seed)
    let summary = makeSummary(spec: spec, result: result, context: context)
    var output = Output(
      files: renderFiles([result], summaries: [summary], spec: spec, seed: seed, options: options),
      summary: summary, rounds: result.rounds, twin: nil, warnings: result.warnings,
      stoppedEarly: result.stoppedEarly)
    if options.timeline != nil {
      output.timeline = TimelineRendering.render([result], spec: spec, seed: seed, options: options)
    }
    return output
  }

  /// Runs `spec`'s blockchain scheme and its vanilla-FedAvg twin — the same topology, data, seed
  /// and client sampling, the chain removed — and renders both into one set of files, with the
  /// overhead ratios in `summary.csv`.
  /// - Precondition: `spec` is a FedAvg workload with a chain (`spec.isBlockchain`).
  public static func compare(
    _ spec: ScenarioSpec, options: Options = Options(), progress: Progress? = nil
  ) throws(ScenarioError) -> Output {
    guard case .fedavg(let fedavg) = spec.workload, fedavg.chain != nil else {
      preconditionFailure("Experiment.compare: \(spec.name) has no chain")
    }
    let seed = options.seed ?? spec.seed
    let context = TraceContext(run: options.run, seed: seed)
    let vanilla = try execute(spec, twin: true, seed: seed, options: options, progress: progress)
    let blockchain = try execute(spec, seed: seed, options: options, progress: progress)
    let summaries = [
      makeSummary(spec: spec, result: vanilla, context: context),
      makeSummary(spec: spec, result: blockchain, context: context),
    ]
    var output = Output(
      files: renderFiles(
        [vanilla, blockchain], summaries: summaries, spec: spec, seed: seed, options: options),
      summary: summaries[1], rounds: blockchain.rounds,
      twin: (summaries[0], vanilla.rounds), warnings: vanilla.warnings + blockchain.warnings,
      stoppedEarly: vanilla.stoppedEarly || blockchain.stoppedEarly)
    if options.timeline != nil {
      output.timeline = TimelineRendering.render(
        [vanilla, blockchain], spec: spec, seed: seed, options: options)
    }
    return output
  }

  /// Runs one scheme to the end of its workload; `twin` runs a chain scheme's vanilla twin: the
  /// `fedavg` preset with a server, on the same data, clients and behaviours.
  static func execute(
    _ spec: ScenarioSpec, twin: Bool = false, seed: UInt64, options: Options, progress: Progress?
  ) throws(ScenarioError) -> SchemeRun {
    let streams = RandomStreams(seed: seed, run: options.run)
    let simulation = Simulation(streams: streams)
    let network = FlowNetwork(
      topology: spec.topology, sharing: spec.sharing, rateUpdate: spec.rateUpdate,
      streams: streams)
    let compute = ComputeCluster(topology: spec.topology)
    var result = SchemeRun(
      scheme: schemeName(of: spec, twin: twin), simulation: simulation, network: network,
      compute: compute)
    if let streams = options.streams {
      stream(
        into: streams, network: network, compute: compute, scheme: result.scheme, spec: spec,
        context: TraceContext(run: options.run, seed: seed), traces: options.traces)
    }
    // After the streams, whose hooks it chains to: it sees the records either way.
    if let selection = options.timeline {
      let recorder = TimelineRecorder(selection: selection)
      recorder.listen(to: network, compute: compute)
      result.timeline = recorder
    }
    // Faults start with the run, before the scheme: a client down at 0 s is down when round 1
    // selects it. A paired run's twins get the same plan.
    let injector =
      spec.faults.isEmpty
      ? nil
      : FaultInjector(
        plan: spec.faults, topology: spec.topology, network: network, compute: compute)
    injector?.start(in: simulation)
    switch spec.workload {
    case .transfers(let transfers):
      for transfer in transfers {
        simulation.schedule(at: .zero + transfer.start) { simulation in
          _ = network.send(
            from: transfer.from, to: transfer.to, size: transfer.size, kind: "transfer",
            transferID: transfer.id, in: simulation, onDelivery: { _ in }, onLoss: nil)
        }
      }
      simulation.run { $0.now < SimulationHorizon.runLimit }
    case .fedavg(let fedavg):
      let prepared = try TrainingSetup.prepare(
        fedavg.training, fedavg: fedavg, streams: streams, memo: options.trainingMemo,
        toolIdentity: options.buildIdentity ?? "\(toolVersion) \(options.gitCommit ?? "")")
      let backend = prepared.backend
      let composition = try SchemeSetup.composition(fedavg, prepared: prepared, twin: twin)
      let driver: RoundDriver
      if let chain = fedavg.chain, !twin {
        let name = result.scheme
        try ChainSetup.checkPayloadsFit(chain, backend: backend)
        let engine = ChainSetup.makeEngine(
          chain, network: network, compute: compute, streams: streams)
        let scheme = RoundDriver.chain(
          name: name, composition: composition,
          deployment: ChainDeployment(
            validators: chain.validators, storage: chain.storage,
            confirmationDepth: chain.confirmations,
            registrationDeadline: chain.registrationDeadline ?? fedavg.roundDeadline),
          engine: engine, network: network, compute: compute, backend: backend, streams: streams,
          stallLimit: ChainSetup.stallLimit(chain))
        driver = scheme.driver
        injector?.attach(engine: engine, validatorNodes: chain.validators)
        driver.door.onStall { injector?.stop(in: $0) }
        driver.onRoundEnd = { record in
          progress?(name, record.round, fedavg.rounds)
          if record.round == fedavg.rounds { injector?.stop(in: simulation) }
        }
        driver.start(in: simulation)
        simulation.run { $0.now < SimulationHorizon.runLimit }
        result.chain = ChainSetup.outcome(of: scheme.chain)
        let divergent = scheme.chain.runtime.divergentConfirmations
        if divergent > 0 {
          result.warnings.append(
            "\(divergent) confirmation(s) named a block other than the one "
              + "already executed at that height (a reorganisation deeper than the confirmation "
              + "depth); raise workload.chain.confirmations")
        }
      } else {
        driver = RoundDriver.server(
          composition: composition, network: network, compute: compute, backend: backend,
          streams: streams)
        driver.door.onStall { injector?.stop(in: $0) }
        driver.onRoundEnd = { record in
          progress?("fedavg", record.round, fedavg.rounds)
          if record.round == fedavg.rounds { injector?.stop(in: simulation) }
        }
        driver.start(in: simulation)
        simulation.run { $0.now < SimulationHorizon.runLimit }
      }
      result.rounds = driver.records
      result.updates = driver.updateRecords(endingAt: simulation.now)
      result.reputation = driver.reputationRecords
      if let learning = backend as? LearningBackend, let first = learning.refusedAggregations.first
      {
        result.warnings.append(
          "the aggregation rule refused the updates of \(learning.refusedAggregations.count) round(s), "
            + "which kept the previous model; the first said: \(first)")
      }
    }
    result.faults = injector?.records ?? []
    if simulation.pendingEventCount > 0 {
      // Messages whose arrival lies past the Int64 clock were never scheduled; say so, since
      // their rows are missing from transfers.csv.
      let unrepresentable =
        network.flowsBeyondClock > 0
        ? " (\(network.flowsBeyondClock) message(s) would arrive after the clock's end, about "
          + "292 years, and have no row)" : ""
      result.warnings.append(
        "the run stopped after 150 years of simulated time with events still "
          + "pending\(unrepresentable); the traces cover only that span")
    } else if case .fedavg(let fedavg) = spec.workload, result.rounds.count < fedavg.rounds {
      result.stoppedEarly = true
      let cause = StopDiagnosis.cause(
        of: fedavg, twin: twin, network: network, topology: spec.topology)
      result.warnings.append(
        "only \(result.rounds.count) of \(fedavg.rounds) rounds completed: \(cause)")
    }
    // Every warning names its scheme first, so a paired run's reader (the summary table's "why
    // no round completed") can tell whose it is.
    result.warnings = result.warnings.map { "\(result.scheme): \($0)" }
    return result
  }
}

extension Experiment {
  /// What a run's rows name its scheme: `transfers`, `fedavg` (a twin included), or the chain
  /// preset's name.
  static func schemeName(of spec: ScenarioSpec, twin: Bool) -> String {
    guard case .fedavg(let fedavg) = spec.workload else { return "transfers" }
    return fedavg.chain != nil && !twin ? fedavg.preset.description : "fedavg"
  }

  /// Streams the run's `transfers.csv` and `tasks.csv` rows (those selected) into `streams` as
  /// messages and tasks end, and stops the network and the compute cluster from keeping them.
  static func stream(
    into streams: TraceStreams, network: FlowNetwork, compute: ComputeCluster, scheme: String,
    spec: ScenarioSpec, context: TraceContext, traces: TraceSelection
  ) {
    let topology = spec.topology
    if traces.includes("transfers") {
      network.keepsRecords = false
      network.onRecord = { record in
        streams.append(
          TraceRendering.transferRow(record, scheme: scheme, topology: topology, context: context),
          to: "transfers.csv", header: TraceSchema.transfers)
      }
    }
    if traces.includes("tasks") {
      compute.keepsRecords = false
      compute.onRecord = { record in
        streams.append(
          TraceRendering.taskRow(record, scheme: scheme, topology: topology, context: context),
          to: "tasks.csv", header: TraceSchema.tasks)
      }
    }
  }
}

/// The run and seed every trace row starts with.
struct TraceContext {
  var run: UInt64
  var seed: UInt64
  var prefix: [String] { [String(run), String(seed)] }
}
