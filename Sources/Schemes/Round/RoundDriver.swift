import Platform
import SimCore
import SimKernel

/// The one round state machine every scheme runs: a round opens with its selected clients, each
/// client downloads the model, trains (as its behaviour says), protects its update and hands it
/// to the scheme's `RoundCoordinator`, which carries it to the aggregator (a server, or a
/// contract on chain), validates and aggregates it, and publishes the model; the driver then
/// closes the round's record and its clients' update rows.
///
/// **The one door.** Every message and every task of the federation goes through `send` and
/// `run` (`RoundDoor`), which count what is in flight and run the stall watchdog: the place where
/// in-flight accounting, and later faults and timelines, see everything.
///
/// **Real work, charged when it happens.** A round's client trainings are done for real when the
/// round opens (each depends only on the global model), and charged on each client's node when it
/// would run them. Attacks and privacy transforms are applied to the trained updates then too.
///
/// **Stale-round guards.** Every step of a client carries its round; a step whose round is no
/// longer collecting updates (aggregating, or closed) does nothing, so a straggler never touches
/// the next round.
public final class RoundDriver {
  /// The scheme's name in traces: `fedavg`, `bcfl`, ….
  public let name: String
  /// The stages and knobs this scheme is composed of.
  public let composition: SchemeComposition
  let network: FlowNetwork
  let compute: ComputeCluster
  let backend: any TrainingBackend

  /// The one door every message and task goes through (`RoundDoor`).
  public let door: RoundDoor
  /// True when the run stopped because nothing was in flight for the door's stall limit.
  public var stalled: Bool { door.stalled }

  // MARK: Rounds

  /// Finished rounds in order.
  public internal(set) var records: [RoundRecord] = []
  /// Every client's reputation after each round, when the composition tracks reputation.
  public internal(set) var reputationRecords: [ReputationRecord] = []
  /// Called after each round with its record (progress display, streaming traces).
  public var onRoundEnd: ((RoundRecord) -> Void)?
  /// The open round's record, or nil between rounds.
  var current: RoundRecord?
  /// True from the moment the open round's aggregation starts: no more updates are counted.
  var isAggregating = false
  /// The open (or last) round's clients, in selection order.
  var selectedClients: [ClientID] = []
  /// `position[c]`: client c's slot in `selectedClients`, or -1.
  var position: [Int]
  /// The open round's clients' progress, by slot.
  var progress: [ClientRoundProgress] = []
  /// The open round's clients' training work, by slot.
  var trainingWork: [Work] = []
  /// Every selected client's update, from its round's opening to its fate.
  var updates = UpdateLog()
  /// The open round's clients' conduct, by slot.
  var conducts: [ClientConduct] = []
  /// The open round's clients' privacy-transform work, by slot (charged as a `protect` task).
  var protectionWork: [Work] = []
  /// Each client's cumulative privacy loss.
  var privacyLedger: PrivacyLedger
  /// Per client: the privacy stage's noise stream (`privacyNoise`), made on first use.
  var privacyNoise: [Int: Xoshiro256StarStar] = [:]
  /// Per client: an attack's noise stream (`attackNoise`), made on first use.
  var attackNoise: [Int: Xoshiro256StarStar] = [:]
  let streams: RandomStreams
  /// Where updates go: set once, by the scheme's factory (`RoundDriver+Schemes.swift`).
  var coordinator: (any RoundCoordinator)?

  init(
    name: String, composition: SchemeComposition, network: FlowNetwork, compute: ComputeCluster,
    backend: any TrainingBackend, streams: RandomStreams, stallLimit: SimDuration
  ) {
    let clients = composition.federation.clients
    precondition(
      backend.sampleCounts.count == clients.count,
      "\(name): backend has \(backend.sampleCounts.count) clients, configuration \(clients.count)")
    precondition(stallLimit > .zero, "\(name): stall limit \(stallLimit)")
    door = RoundDoor(network: network, compute: compute, stallLimit: stallLimit)
    self.name = name
    self.composition = composition
    self.network = network
    self.compute = compute
    self.backend = backend
    self.streams = streams
    position = Array(repeating: -1, count: clients.count)
    let loss = composition.privacy.lossPerUpdate
    var reportingDelta = 1e-5
    if case .gaussian(_, let delta) = loss { reportingDelta = delta }
    do {
      privacyLedger = try PrivacyLedger(
        clientCount: clients.count, loss: loss, delta: reportingDelta)
    } catch {
      preconditionFailure("\(name): the privacy stage's loss is invalid: \(error)")
    }
  }

  /// The clients' nodes, by client index.
  var clientNodes: [NodeID] { composition.federation.clients }

  /// Starts the scheme at the current instant.
  public func start(in simulation: Simulation) {
    guard let coordinator else { preconditionFailure("\(name): the driver has no coordinator") }
    coordinator.start(in: simulation)
  }

  /// Every selected client's update in every round so far, those still undecided at `end` (the
  /// run's end) decided then; ordered by decision instant, round and client.
  public func updateRecords(endingAt end: SimInstant) -> [UpdateRecord] {
    updates.records(endingAt: end)
  }

  /// True while `round` is open and still collecting updates.
  func isCollecting(_ round: Int) -> Bool {
    current?.round == round && !isAggregating
  }

  // MARK: - Opening and closing

  /// Opens `round` with `selected`: trains them for real now, and records the model bytes sent
  /// down (`modelSize` to each).
  func openRound(
    _ round: Int, selected: [ClientID], modelSize: ByteCount, in simulation: Simulation
  ) {
    selectedClients = selected
    conducts = selected.map { composition.behaviours.conduct(of: $0, inRound: round) }
    trainingWork = backend.train(clients: selected, round: round, conducts: conducts)
    protectionWork = Array(repeating: .zero, count: selected.count)
    if composition.transformsUpdates { transformUpdates() }
    progress = Array(repeating: ClientRoundProgress(), count: selected.count)
    for client in position.indices { position[client] = -1 }
    for (slot, client) in selected.enumerated() { position[client.index] = slot }
    isAggregating = false
    var record = RoundRecord(
      scheme: name, round: round, start: simulation.now, selected: selected.count)
    record.bytesDown = modelSize * Int64(selected.count)
    current = record
    updates.open(
      round: round, clients: selected, nodes: clientNodes, bytes: backend.updateWireSize,
      at: simulation.now)
  }

  /// Stops counting the open round's updates: from now on, an update that arrives is late.
  func beginAggregation() {
    isAggregating = true
  }

  /// Decides the open round's update rows: `contributors` (ascending) were aggregated; the rest
  /// were late, or never sent.
  func closeUpdates(contributors: [ClientID], at instant: SimInstant) {
    guard let round = current?.round else { return }
    updates.close(
      round: round, clients: selectedClients, contributors: contributors, at: instant)
  }

  /// Closes the open round: its phases are the longest any contributor spent in each, its
  /// aggregation phase began at `aggregationStart`, and the backend's model is evaluated. The
  /// record goes to `records` and `onRoundEnd`; the last round marks the run done.
  func finishRound(
    contributors: [ClientID], aggregationStart: SimInstant, in simulation: Simulation
  ) {
    guard var record = current else { return }
    record.reported = contributors.count
    record.bytesUp = backend.updateWireSize * Int64(contributors.count)
    for client in contributors {
      let slot = position[client.index]
      guard slot >= 0 else { continue }
      progress[slot].extend(&record)
    }
    if privacyLedger.loss != nil { record.epsilon = privacyLedger.worstEpsilon }
    record.close(at: simulation.now, aggregationStart: aggregationStart, evaluating: backend)
    records.append(record)
    if composition.tracksReputation, let book = coordinator?.reputation {
      reputationRecords.append(
        ReputationRecord(round: record.round, time: simulation.now, book: book))
    }
    current = nil
    onRoundEnd?(record)
    if records.count == composition.federation.rounds { door.finish(in: simulation) }
  }

  // MARK: - Clients

  /// The global model reached `client`: it trains (its work charged on its node).
  func modelArrived(_ client: ClientID, round: Int, in simulation: Simulation) {
    guard isCollecting(round) else { return }
    let slot = position[client.index]
    progress[slot].modelArrived = simulation.now
    run(
      trainingWork[slot], on: clientNodes[client.index], label: "train", in: simulation,
      onLost: crashHandler(client, round: round, while: "training")
    ) { [unowned self] simulation in
      self.trained(client, round: round, in: simulation)
    }
  }

  /// `client` finished training: it protects its update (a `protect` task, when the privacy
  /// stage does work), and its update goes to the coordinator, unless the client is silent.
  func trained(_ client: ClientID, round: Int, in simulation: Simulation) {
    guard isCollecting(round) else { return }
    let slot = position[client.index]
    let protection = protectionWork[slot]
    guard protection == .zero else {
      run(
        protection, on: clientNodes[client.index], label: "protect", in: simulation,
        onLost: crashHandler(client, round: round, while: "protecting its update")
      ) { [unowned self] simulation in
        self.protected(client, round: round, in: simulation)
      }
      return
    }
    protected(client, round: round, in: simulation)
  }

  /// `client`'s update is ready to leave the device: it does, unless the client is silent; its
  /// release costs the client its privacy loss.
  func protected(_ client: ClientID, round: Int, in simulation: Simulation) {
    guard isCollecting(round) else { return }
    let slot = position[client.index]
    progress[slot].trained = simulation.now
    guard conducts[slot].sendsUpdate else { return }
    privacyLedger.charge(client)
    coordinator?.send(updateOf: client, round: round, in: simulation)
  }

  /// `client`'s update of the open round reached its aggregator (a server, or its gateway
  /// validator) at the current instant.
  func updateSubmitted(_ client: ClientID, at instant: SimInstant) {
    progress[position[client.index]].submitted = instant
  }

  /// On a chain: a block holding `client`'s update was accepted (and, if `confirmed`, confirmed)
  /// by a validator at `instant`; the first of each counts.
  func markIncluded(_ client: ClientID, confirmed: Bool, at instant: SimInstant) {
    let slot = position[client.index]
    if progress[slot].included == nil { progress[slot].included = instant }
    if confirmed && progress[slot].confirmed == nil { progress[slot].confirmed = instant }
  }

  /// Sends a message through the door.
  func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    door.send(
      from: source, to: destination, size: size, kind: kind, in: simulation, onLoss: onLoss,
      onDelivery: onDelivery)
  }

  /// Runs a task through the door.
  func run(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onLost: Simulation.Action? = nil, then action: @escaping Simulation.Action
  ) {
    door.run(work, on: node, label: label, in: simulation, onLost: onLost, then: action)
  }

  /// A handler that decides `client`'s update of `round` dropped: the client crashed while it
  /// was `doing` something for it.
  func crashHandler(_ client: ClientID, round: Int, while doing: String) -> Simulation.Action {
    { [unowned self] in
      self.updates.decide(
        client, round: round, .dropped(reason: "the client crashed while \(doing)"), at: $0.now)
    }
  }

  /// A handler that decides `client`'s update of `round` lost: a message it needed was dropped.
  func lossHandler(_ client: ClientID, round: Int) -> Simulation.Action {
    { [unowned self] in self.updates.decide(client, round: round, .lost, at: $0.now) }
  }
}
