import Ledger
import SimCore
import SimKernel

extension BlockchainFedAvgScheme {
  /// Starts round `round` as the contract opened it: its sampled clients train for real now
  /// (each depends only on the global model), and their work is charged when each would run it.
  func openRound(_ round: Int, in simulation: Simulation) {
    selectedClients = contract.selected
    trainingWork = backend.train(clients: selectedClients, round: round)
    progress = Array(repeating: ClientRoundProgress(), count: selectedClients.count)
    for client in position.indices { position[client] = -1 }
    for (slot, client) in selectedClients.enumerated() { position[client.index] = slot }
    var record = RoundRecord(
      scheme: name, round: round, start: simulation.now, selected: selectedClients.count)
    record.bytesDown =
      ByteCount(bytes: Int64(contract.globalModel.count)) * Int64(selectedClients.count)
    current = record
    updates.open(
      round: round, clients: selectedClients, nodes: configuration.federation.clients,
      bytes: backend.updateWireSize, at: simulation.now)
  }

  /// The sampled clients whose gateway is `validator` learn that the round is open and fetch the
  /// model.
  func notifyClients(of validator: NodeID, in simulation: Simulation) {
    for (slot, client) in selectedClients.enumerated() where gateways[client.index] == validator {
      fetchModel(for: client, in: simulation)
    }
  }

  /// Downloads the global model to `client`: from its gateway when the model is on chain, from
  /// the storage node (once the model has been published there) when it is off chain.
  func fetchModel(for client: ClientID, in simulation: Simulation) {
    guard let round = current?.round else { return }
    let node = configuration.federation.clients[client.index]
    let source: NodeID
    if let storage = configuration.storage {
      guard modelUploadDone else {
        waitingForModel.append(client)
        return
      }
      source = storage
    } else {
      source = configuration.validators[gateways[client.index].index]
    }
    activity.send(
      from: source, to: node, size: ByteCount(bytes: Int64(contract.globalModel.count)),
      kind: "model", in: simulation, onLoss: lossHandler(client, round: round)
    ) { [unowned self] simulation in
      self.modelArrived(client, round: round, in: simulation)
    }
  }

  func modelArrived(_ client: ClientID, round: Int, in simulation: Simulation) {
    guard current?.round == round else { return }
    let slot = position[client.index]
    progress[slot].modelArrived = simulation.now
    activity.run(
      trainingWork[slot], on: configuration.federation.clients[client.index], label: "train",
      in: simulation
    ) { [unowned self] simulation in
      self.trained(client, round: round, in: simulation)
    }
  }

  /// Sends the trained update: on chain inside the transaction, or off chain to the storage
  /// node first with only its reference in the transaction.
  func trained(_ client: ClientID, round: Int, in simulation: Simulation) {
    guard current?.round == round else { return }
    progress[position[client.index]].trained = simulation.now
    let bytes = backend.updatePayload(of: client)
    let sampleCount = backend.sampleCounts[client.index]
    guard let storage = configuration.storage else {
      submitUpdate(
        ModelUpdate(
          client: client, round: round, sampleCount: sampleCount, content: .onChain(bytes)),
        in: simulation)
      return
    }
    var hashing = Work.zero
    let reference = runtime.offChainStore.put(bytes, work: &hashing)
    let node = configuration.federation.clients[client.index]
    activity.run(hashing, on: node, label: "hash-update", in: simulation) {
      [unowned self] simulation in
      self.updates.markSent(client, round: round, at: simulation.now)
      self.activity.send(
        from: node, to: storage, size: reference.byteCount, kind: "update-payload",
        in: simulation, onLoss: self.lossHandler(client, round: round)
      ) { [unowned self] simulation in
        self.submitUpdate(
          ModelUpdate(
            client: client, round: round, sampleCount: sampleCount,
            content: .offChain(reference)),
          in: simulation)
      }
    }
  }

  /// Signs and sends the update's transaction; off chain, its payload reached the storage node
  /// after its round closed is late, and no transaction is sent.
  func submitUpdate(_ update: ModelUpdate, in simulation: Simulation) {
    let (client, round) = (update.client, update.round)
    guard current?.round == round else {
      updates.decide(client, round: round, .late, at: simulation.now)
      return
    }
    submit(
      .modelUpdate(update), from: client, label: "sign-update", in: simulation,
      onSent: { [unowned self] in self.updates.markSent(client, round: round, at: $0.now) },
      onLoss: lossHandler(client, round: round)
    ) { [unowned self] transaction, simulation in
      self.updates.markArrived(client, round: round, at: simulation.now)
      self.updateTransactions[transaction.id] = (client, round)
      guard self.current?.round == round else {
        self.updates.decide(client, round: round, .late, at: simulation.now)
        return
      }
      self.pendingUpdates[transaction.id] = (update.client, update.round)
      self.progress[self.position[update.client.index]].submitted = simulation.now
    }
  }

  /// Decides `client`'s update of `round` lost: a message it needed was dropped.
  func lossHandler(_ client: ClientID, round: Int) -> Simulation.Action {
    { [unowned self] in self.updates.decide(client, round: round, .lost, at: $0.now) }
  }
}
