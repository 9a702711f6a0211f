import Platform
import SimCore
import SimKernel

/// Vanilla FedAvg with a central server, as event-driven actors on the platform.
///
/// Each round: the server samples ⌊C·K⌋ clients from the `clientSampling` stream and sends each the
/// global model; a client trains when the model arrives (its work charged to its node) and uploads
/// its update; the server aggregates when every sampled client has reported or the round deadline
/// passes, then evaluates and starts the next round. The real computations of a round's clients
/// are done together when the round starts, since each depends only on the global model; their
/// results are *charged* when each client would run them.
public final class FedAvgScheme {
  public let configuration: FedAvgConfiguration
  public let name: String
  private let network: FlowNetwork
  private let compute: ComputeCluster
  private let backend: any TrainingBackend
  private var sampler: Xoshiro256StarStar

  /// Finished rounds in order.
  public private(set) var records: [RoundRecord] = []
  /// Called after each round with its record (progress display, streaming traces).
  public var onRoundEnd: ((RoundRecord) -> Void)?

  private var current: RoundRecord?
  private var selected: [ClientID] = []
  private var work: [Work] = []
  private var received: [ClientID] = []
  private var deadline = SimulationTimer()
  private var isAggregating = false
  private var updates = UpdateLog()

  public init(
    name: String = "fedavg", configuration: FedAvgConfiguration, network: FlowNetwork,
    compute: ComputeCluster, backend: any TrainingBackend, streams: RandomStreams
  ) {
    precondition(
      backend.sampleCounts.count == configuration.clients.count,
      "FedAvg: backend has \(backend.sampleCounts.count) clients, configuration \(configuration.clients.count)"
    )
    self.name = name
    self.configuration = configuration
    self.network = network
    self.compute = compute
    self.backend = backend
    self.sampler = streams.make(.clientSampling)
  }

  /// Every sampled client's update in every round so far, those still undecided at `end` (the
  /// run's end) decided then; ordered by decision instant, round and client.
  public func updateRecords(endingAt end: SimInstant) -> [UpdateRecord] {
    updates.records(endingAt: end)
  }

  /// Schedules the first round at the current instant.
  public func start(in simulation: Simulation) {
    simulation.schedule(after: .zero) { [unowned self] in self.startRound(1, in: $0) }
  }

  // MARK: - Round steps

  private func startRound(_ round: Int, in simulation: Simulation) {
    let count = configuration.clientsPerRound
    selected = sampler.sampleIndices(count, from: configuration.clients.count).map(ClientID.init)
    work = backend.train(clients: selected, round: round)
    received = []
    isAggregating = false
    var record = RoundRecord(
      scheme: name, round: round, start: simulation.now, selected: selected.count)
    let modelSize = backend.modelWireSize
    record.bytesDown = modelSize * Int64(selected.count)
    current = record
    updates.open(
      round: round, clients: selected, nodes: configuration.clients,
      bytes: backend.updateWireSize, at: simulation.now)
    if let limit = configuration.roundDeadline {
      deadline.arm(after: limit, in: simulation) { [unowned self] in self.aggregate(round, in: $0) }
    }
    for (position, client) in selected.enumerated() {
      network.send(
        from: configuration.server, to: configuration.clients[client.index], size: modelSize,
        kind: "model", in: simulation,
        onLoss: { [unowned self] in self.updates.decide(client, round: round, .lost, at: $0.now) }
      ) { [unowned self] in self.modelArrived(round, position, in: $0) }
    }
  }

  private func modelArrived(_ round: Int, _ position: Int, in simulation: Simulation) {
    guard current?.round == round, !isAggregating else { return }
    let arrival = simulation.now
    let client = selected[position]
    let node = configuration.clients[client.index]
    compute.submit(work[position], on: node, label: "train", in: simulation) {
      [unowned self] simulation in
      self.trainingDone(round, position, modelArrival: arrival, in: simulation)
    }
  }

  private func trainingDone(
    _ round: Int, _ position: Int, modelArrival: SimInstant, in simulation: Simulation
  ) {
    guard current?.round == round, !isAggregating else { return }
    let trained = simulation.now
    let client = selected[position]
    updates.markSent(client, round: round, at: trained)
    network.send(
      from: configuration.clients[client.index], to: configuration.server,
      size: backend.updateWireSize, kind: "update", in: simulation,
      onLoss: { [unowned self] in self.updates.decide(client, round: round, .lost, at: $0.now) }
    ) { [unowned self] simulation in
      self.updateArrived(
        round, client, modelArrival: modelArrival, trained: trained, in: simulation)
    }
  }

  private func updateArrived(
    _ round: Int, _ client: ClientID, modelArrival: SimInstant, trained: SimInstant,
    in simulation: Simulation
  ) {
    updates.markArrived(client, round: round, at: simulation.now)
    // A straggler's update for a round that has already been aggregated is discarded.
    guard var record = current, record.round == round, !isAggregating else {
      updates.decide(client, round: round, .late, at: simulation.now)
      return
    }
    received.append(client)
    record.reported += 1
    record.bytesUp += backend.updateWireSize
    record.download = max(record.download, modelArrival - record.start)
    record.compute = max(record.compute, trained - modelArrival)
    record.upload = max(record.upload, simulation.now - trained)
    current = record
    if received.count == selected.count { aggregate(round, in: simulation) }
  }

  private func aggregate(_ round: Int, in simulation: Simulation) {
    guard current?.round == round, !isAggregating else { return }
    isAggregating = true
    deadline.disarm(in: simulation)
    let contributors = received.sorted()
    updates.close(
      round: round, clients: selected, contributors: contributors, at: simulation.now)
    let aggregationWork =
      contributors.isEmpty ? Work.zero : backend.aggregate(clients: contributors)
    let started = simulation.now
    compute.submit(aggregationWork, on: configuration.server, label: "aggregate", in: simulation) {
      [unowned self] simulation in
      self.finishRound(round, aggregationStart: started, in: simulation)
    }
  }

  private func finishRound(_ round: Int, aggregationStart: SimInstant, in simulation: Simulation) {
    guard var record = current, record.round == round else { return }
    record.close(at: simulation.now, aggregationStart: aggregationStart, evaluating: backend)
    records.append(record)
    current = nil
    onRoundEnd?(record)
    if round < configuration.rounds {
      startRound(round + 1, in: simulation)
    }
  }
}
