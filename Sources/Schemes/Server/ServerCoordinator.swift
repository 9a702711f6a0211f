import Platform
import SimCore
import SimKernel

/// Vanilla FedAvg's server (McMahan et al., AISTATS 2017): the coordinator that selects the
/// round's clients, sends each the global model, collects their updates, aggregates and starts
/// the next round.
///
/// Each round: the server selects clients with the composition's selection and the
/// `clientSampling` stream, and sends each the global model; a client trains when the model
/// arrives and uploads its update; the server aggregates when every selected client has reported
/// or the round deadline passes, then evaluates and starts the next round. A straggler's update
/// that arrives after aggregation started is late and discarded.
final class ServerCoordinator: RoundCoordinator {
  unowned let driver: RoundDriver
  private let server: NodeID
  private var sampler: Xoshiro256StarStar
  /// The server's book: its clients' self-assessments (a server without validation has no
  /// verdicts to add).
  let reputation: ReputationBook
  private let stakes: [Double]
  /// The open round's updates received, in arrival order.
  private var received: [ClientID] = []
  /// How many updates the open round waits for: its selected clients that were up.
  private var expected = 0
  private var deadline = SimulationTimer()

  init(driver: RoundDriver, streams: RandomStreams) {
    self.driver = driver
    server = driver.composition.federation.server
    sampler = streams.make(.clientSampling)
    reputation = driver.composition.initialReputation
    stakes = driver.backend.sampleCounts.map(Double.init)
  }

  func start(in simulation: Simulation) {
    simulation.schedule(after: .zero) { [unowned self] in self.startRound(1, in: $0) }
  }

  private func startRound(_ round: Int, in simulation: Simulation) {
    let federation = driver.composition.federation
    let context = SelectionContext(
      round: round, clientCount: federation.clients.count,
      clientsPerRound: federation.clientsPerRound, reputation: reputation, stakes: stakes)
    let selected = driver.composition.selection.select(context, using: &sampler)
    let modelSize = driver.backend.modelWireSize
    driver.openRound(round, selected: selected, modelSize: modelSize, in: simulation)
    received = []
    // A client that is down when selected is a dropout: the round waits for the others only.
    let isUp = selected.map { driver.door.isUp(driver.clientNodes[$0.index]) }
    let reachable = zip(selected, isUp).filter(\.1).map(\.0)
    expected = reachable.count
    if let limit = federation.roundDeadline {
      deadline.arm(after: limit, in: simulation) { [unowned self] in self.aggregate(round, in: $0) }
    }
    for (client, up) in zip(selected, isUp) where !up {
      driver.updates.decide(
        client, round: round, .dropped(reason: "the client was down when selected"),
        at: simulation.now)
    }
    if reachable.isEmpty {
      aggregate(round, in: simulation)
      return
    }
    for client in reachable {
      driver.send(
        from: server, to: driver.clientNodes[client.index], size: modelSize, kind: "model",
        in: simulation, onLoss: driver.lossHandler(client, round: round)
      ) { [unowned self] simulation in
        self.driver.modelArrived(client, round: round, in: simulation)
      }
    }
  }

  func send(updateOf client: ClientID, round: Int, in simulation: Simulation) {
    driver.updates.markSent(client, round: round, at: simulation.now)
    driver.send(
      from: driver.clientNodes[client.index], to: server, size: driver.backend.updateWireSize,
      kind: "update", in: simulation, onLoss: driver.lossHandler(client, round: round)
    ) { [unowned self] simulation in
      self.updateArrived(client, round: round, in: simulation)
    }
  }

  private func updateArrived(_ client: ClientID, round: Int, in simulation: Simulation) {
    driver.updates.markArrived(client, round: round, at: simulation.now)
    guard driver.isCollecting(round) else {
      driver.updates.decide(client, round: round, .late, at: simulation.now)
      return
    }
    driver.updateSubmitted(client, at: simulation.now)
    received.append(client)
    if received.count == expected { aggregate(round, in: simulation) }
  }

  private func aggregate(_ round: Int, in simulation: Simulation) {
    guard driver.isCollecting(round) else { return }
    driver.beginAggregation()
    deadline.disarm(in: simulation)
    let contributors = received.sorted()
    driver.closeUpdates(contributors: contributors, at: simulation.now)
    let work =
      contributors.isEmpty
      ? Work.zero
      : driver.backend.aggregate(clients: contributors, using: driver.composition.aggregation)
    let started = simulation.now
    driver.run(work, on: server, label: "aggregate", in: simulation) {
      [unowned self] simulation in
      self.driver.finishRound(
        contributors: contributors, aggregationStart: started, in: simulation)
      if round < self.driver.composition.federation.rounds {
        self.startRound(round + 1, in: simulation)
      }
    }
  }
}
