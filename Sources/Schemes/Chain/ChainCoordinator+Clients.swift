import Ledger
import SimCore
import SimKernel

extension ChainCoordinator {
  /// Opens round `round` as the contract opened it, with the clients it selected.
  func openRound(_ round: Int, in simulation: Simulation) {
    driver.openRound(
      round, selected: contract.selected,
      modelSize: ByteCount(bytes: Int64(contract.globalModel.count)), in: simulation)
  }

  /// The selected clients whose gateway is `validator` learn that the round is open and fetch the
  /// model.
  /// A client hears of a round once: after a failover, the validator it turned to and its
  /// recovered gateway may both execute the opening block.
  func notifyClients(of validator: NodeID, in simulation: Simulation) {
    guard let round = driver.current?.round else { return }
    for client in driver.selectedClients where gateway(of: client) == validator {
      guard notifiedRound[client.index] != round else { continue }
      notifiedRound[client.index] = round
      // Unregistered at the opening: already a dropout.
      if driver.updates.isDecided(client, round: round) { continue }
      guard driver.door.isUp(driver.clientNodes[client.index]) else {
        // Down when its round opened: a dropout (the contract waits for the deadline).
        driver.updates.decide(
          client, round: round, .dropped(reason: "the client was down when selected"),
          at: simulation.now)
        continue
      }
      fetchModel(for: client, in: simulation)
    }
  }

  /// Downloads the global model to `client`: from its gateway when the model is on chain, from
  /// the storage node (once the model has been published there) when it is off chain.
  func fetchModel(for client: ClientID, in simulation: Simulation) {
    guard let round = driver.current?.round else { return }
    let source: NodeID
    if let storage = deployment.storage {
      guard modelUploadDone else {
        waitingForModel.append(client)
        return
      }
      source = storage
    } else {
      source = deployment.validators[gateway(of: client).index]
    }
    driver.send(
      from: source, to: driver.clientNodes[client.index],
      size: ByteCount(bytes: Int64(contract.globalModel.count)), kind: "model", in: simulation,
      onLoss: driver.lossHandler(client, round: round)
    ) { [unowned self] simulation in
      self.driver.modelArrived(client, round: round, in: simulation)
    }
  }

  /// Sends the trained update: on chain inside the transaction, or off chain to the storage
  /// node first with only its reference in the transaction.
  func send(updateOf client: ClientID, round: Int, in simulation: Simulation) {
    let bytes = driver.backend.updatePayload(of: client)
    let sampleCount = driver.backend.sampleCounts[client.index]
    guard let storage = deployment.storage else {
      submitUpdate(
        ModelUpdate(
          client: client, round: round, sampleCount: sampleCount, content: .onChain(bytes)),
        in: simulation)
      return
    }
    var hashing = Work.zero
    let reference = runtime.offChainStore.put(bytes, work: &hashing)
    let node = driver.clientNodes[client.index]
    driver.run(
      hashing, on: node, label: "hash-update", in: simulation,
      onLost: driver.crashHandler(client, round: round, while: "hashing its update")
    ) { [unowned self] simulation in
      self.driver.updates.markSent(client, round: round, at: simulation.now)
      self.driver.send(
        from: node, to: storage, size: reference.byteCount, kind: "update-payload",
        in: simulation, onLoss: self.driver.lossHandler(client, round: round)
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
    guard driver.current?.round == round else {
      driver.updates.decide(client, round: round, .late, at: simulation.now)
      return
    }
    submit(
      .modelUpdate(update), from: client, label: "sign-update", in: simulation,
      onSent: { [unowned self] in self.driver.updates.markSent(client, round: round, at: $0.now) },
      onLoss: driver.lossHandler(client, round: round)
    ) { [unowned self] transaction, simulation in
      self.driver.updates.markArrived(client, round: round, at: simulation.now)
      self.updateTransactions[transaction.id] = (client, round)
      guard self.driver.current?.round == round else {
        self.driver.updates.decide(client, round: round, .late, at: simulation.now)
        return
      }
      self.pendingUpdates[transaction.id] = (update.client, update.round)
      self.driver.updateSubmitted(update.client, at: simulation.now)
    }
  }
}
