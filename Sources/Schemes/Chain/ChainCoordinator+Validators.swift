import Ledger
import SimCore
import SimKernel

extension ChainCoordinator {
  // MARK: - Inclusion and confirmation

  /// Marks the inclusion of this round's updates in a block, at the first validator to accept it
  /// (the round's critical path runs through the first validator to get each block).
  func blockAccepted(_ block: Block, at validator: NodeID, in simulation: Simulation) {
    markProgress(of: block, confirmed: false, at: simulation.now)
  }

  /// Marks confirmations (at the first validator to confirm the block), then hands the block to
  /// the contract runtime for execution at `validator`.
  func blockConfirmed(_ block: Block, at validator: NodeID, in simulation: Simulation) {
    markProgress(of: block, confirmed: true, at: simulation.now)
    runtime.enqueue(block, confirmedAt: validator, in: simulation)
  }

  /// Records the first inclusion (and, if `confirmed`, confirmation) of the open round's updates
  /// that `block` carries.
  func markProgress(of block: Block, confirmed: Bool, at instant: SimInstant) {
    guard let round = driver.current?.round else { return }
    for transaction in block.transactions {
      guard let pending = pendingUpdates[transaction.id], pending.round == round else { continue }
      driver.markIncluded(pending.client, confirmed: confirmed, at: instant)
    }
  }

  // MARK: - Execution

  /// What a validator does once a block has executed there: the first validator to finish an
  /// aggregation ends the round (publishing the model off chain); every validator notifies the
  /// sampled clients it serves when a round opens.
  func executed(
    _ execution: BlockExecution<FederationContract>, at validator: NodeID,
    confirmedAt: SimInstant, in simulation: Simulation
  ) {
    for judgement in execution.outcome.judgements {
      driver.updates.score(judgement.client, round: judgement.round, judgement.score)
    }
    // Before the round closes: an update refused in the aggregating block was rejected, not late.
    for receipt in execution.receipts {
      guard let rejection = receipt.rejection, let update = updateTransactions[receipt.transaction]
      else { continue }
      driver.updates.decide(
        update.client, round: update.round, .rejected(reason: rejection.description),
        at: simulation.now)
    }
    if let aggregation = execution.outcome.aggregation, driver.current?.round == aggregation.round {
      endRound(aggregation, publishedBy: validator, confirmedAt: confirmedAt, in: simulation)
    }
    if let round = execution.outcome.openedRound {
      if driver.current == nil && driver.records.count == round - 1 {
        openRound(round, in: simulation)
        for client in execution.outcome.unregisteredSelected {
          driver.updates.decide(
            client, round: round,
            .dropped(reason: "the client had not registered by the registration deadline"),
            at: simulation.now)
        }
      }
      if driver.current?.round == round { notifyClients(of: validator, in: simulation) }
    }
  }

  /// Closes the round: installs and evaluates the contract's model, records the round, and (off
  /// chain) uploads the model from the publishing validator to the storage node.
  func endRound(
    _ aggregation: FederationBlockOutcome.Aggregation, publishedBy validator: NodeID,
    confirmedAt: SimInstant, in simulation: Simulation
  ) {
    guard driver.current != nil else { return }
    driver.backend.installGlobal(contract.globalModel)
    let modelSize = ByteCount(bytes: Int64(contract.globalModel.count))
    driver.closeUpdates(contributors: aggregation.contributors, at: simulation.now)
    driver.finishRound(
      contributors: aggregation.contributors, aggregationStart: confirmedAt, in: simulation)
    pendingUpdates = [:]
    if let storage = deployment.storage {
      modelUploadDone = false
      publish(modelSize, from: validator, to: storage, in: simulation)
    }
    if driver.records.count == driver.composition.federation.rounds {
      engine.stop(in: simulation)
    }
  }

  /// Uploads the new model from the publishing validator to the storage node (again if a lossy
  /// link drops it), then serves the clients waiting for it.
  func publish(
    _ size: ByteCount, from validator: NodeID, to storage: NodeID, in simulation: Simulation
  ) {
    driver.send(
      from: deployment.validators[validator.index], to: storage, size: size,
      kind: "model-publish", in: simulation,
      onLoss: { [unowned self] simulation in
        self.publish(size, from: validator, to: storage, in: simulation)
      },
      onDelivery: { [unowned self] simulation in
        self.modelUploadDone = true
        let waiting = self.waitingForModel
        self.waitingForModel = []
        for client in waiting { self.fetchModel(for: client, in: simulation) }
      })
  }
}
