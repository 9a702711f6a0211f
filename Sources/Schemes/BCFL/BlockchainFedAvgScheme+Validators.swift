import Ledger
import SimCore
import SimKernel

extension BlockchainFedAvgScheme {
  // MARK: - Inclusion and confirmation

  /// Marks the inclusion of this round's updates in a block, at the first validator to accept it
  /// (the round's critical path runs through the first validator to get each block).
  func blockAccepted(_ block: Block, at validator: NodeID, in simulation: Simulation) {
    markProgress(of: block, confirmed: false, at: simulation.now)
  }

  /// Marks confirmations (at the first validator to confirm the block), then queues the block
  /// for execution at `validator`.
  func blockConfirmed(_ block: Block, at validator: NodeID, in simulation: Simulation) {
    markProgress(of: block, confirmed: true, at: simulation.now)
    executionQueues[validator.index].append((block, simulation.now))
    executeNext(at: validator, in: simulation)
  }

  /// Records the first inclusion (and, if `confirmed`, confirmation) of the open round's updates
  /// that `block` carries.
  func markProgress(of block: Block, confirmed: Bool, at instant: SimInstant) {
    guard let round = current?.round else { return }
    for transaction in block.transactions {
      guard let pending = pendingUpdates[transaction.id], pending.round == round else { continue }
      let slot = position[pending.client.index]
      if progress[slot].included == nil { progress[slot].included = instant }
      if confirmed && progress[slot].confirmed == nil { progress[slot].confirmed = instant }
    }
  }

  // MARK: - Execution

  /// Starts executing `validator`'s oldest confirmed block, unless one is executing: fetch any
  /// off-chain payloads it references, then run the contract's work on the validator's compute.
  func executeNext(at validator: NodeID, in simulation: Simulation) {
    let v = validator.index
    guard !isExecuting[v], executionHeads[v] < executionQueues[v].count else { return }
    let (block, confirmedAt) = executionQueues[v][executionHeads[v]]
    executionHeads[v] += 1
    if executionHeads[v] == executionQueues[v].count {
      executionQueues[v].removeAll(keepingCapacity: true)
      executionHeads[v] = 0
    }
    isExecuting[v] = true
    let references = offChainReferences(in: block)
    guard let storage = configuration.storage, !references.isEmpty else {
      execute(block, at: validator, confirmedAt: confirmedAt, in: simulation)
      return
    }
    var outstanding = references.count
    for reference in references {
      fetch(reference, from: storage, to: validator, in: simulation) { [unowned self] simulation in
        outstanding -= 1
        if outstanding == 0 {
          self.execute(block, at: validator, confirmedAt: confirmedAt, in: simulation)
        }
      }
    }
  }

  /// Fetches an off-chain payload to `validator`, again if a lossy link drops it: a validator
  /// cannot execute the block without it.
  func fetch(
    _ reference: ContentReference, from storage: NodeID, to validator: NodeID,
    in simulation: Simulation, then action: @escaping Simulation.Action
  ) {
    send(
      from: storage, to: configuration.validators[validator.index], size: reference.byteCount,
      kind: "update-fetch", in: simulation,
      onLoss: { [unowned self] simulation in
        self.fetch(reference, from: storage, to: validator, in: simulation, then: action)
      }, onDelivery: action)
  }

  /// The off-chain update payloads `block` references, in block order.
  func offChainReferences(in block: Block) -> [ContentReference] {
    block.transactions.compactMap { transaction in
      guard case .modelUpdate(let update) = transaction.payload,
        case .offChain(let reference) = update.content
      else { return nil }
      return reference
    }
  }

  /// Executes `block` (for real the first time any validator reaches it), charges its work on
  /// `validator`, then applies what it did.
  func execute(
    _ block: Block, at validator: NodeID, confirmedAt: SimInstant, in simulation: Simulation
  ) {
    let index = block.height - 1
    precondition(
      index <= executions.count,
      "BlockchainFedAvg: block \(block.height) confirmed before block \(executions.count + 1)")
    let execution: BlockExecution
    if index == executions.count {
      let store = offChainStore
      // The store is content-addressed: it hashed each payload when the client put it.
      execution = contract.execute(block, contentIsAddressed: true) { reference in
        store.get(reference.hash)
      }
      executions.append(execution)
      for (receipt, transaction) in zip(execution.receipts, block.transactions) {
        if let rejection = receipt.rejection, case .modelUpdate = transaction.payload {
          rejections.append(rejection)
        }
      }
    } else if executions[index].blockHash == block.hash {
      execution = executions[index]
    } else {
      divergentConfirmations += 1
      finishExecution(at: validator, in: simulation)
      return
    }
    // Not `run`: executing blocks is the chain's own steady work, which goes on whether or not
    // the federation progresses, so it must not keep the stall watchdog from firing.
    compute.submit(
      execution.work, on: configuration.validators[validator.index], label: "execute-block",
      in: simulation
    ) { [unowned self] simulation in
      self.executed(execution, at: validator, confirmedAt: confirmedAt, in: simulation)
      self.finishExecution(at: validator, in: simulation)
    }
  }

  func finishExecution(at validator: NodeID, in simulation: Simulation) {
    isExecuting[validator.index] = false
    executeNext(at: validator, in: simulation)
  }

  /// What a validator does once a block has executed there: the first validator to finish an
  /// aggregation ends the round (publishing the model off chain); every validator notifies the
  /// sampled clients it serves when a round opens.
  func executed(
    _ execution: BlockExecution, at validator: NodeID, confirmedAt: SimInstant,
    in simulation: Simulation
  ) {
    if let aggregation = execution.aggregation, current?.round == aggregation.round {
      endRound(aggregation, publishedBy: validator, confirmedAt: confirmedAt, in: simulation)
    }
    if let round = execution.openedRound {
      if current == nil && records.count == round - 1 { openRound(round, in: simulation) }
      if current?.round == round { notifyClients(of: validator, in: simulation) }
    }
  }

  /// Closes the round: installs and evaluates the contract's model, records the round, and (off
  /// chain) uploads the model from the publishing validator to the storage node.
  func endRound(
    _ aggregation: BlockExecution.Aggregation, publishedBy validator: NodeID,
    confirmedAt: SimInstant, in simulation: Simulation
  ) {
    guard var record = current else { return }
    backend.installGlobal(contract.globalModel)
    let modelSize = ByteCount(bytes: Int64(contract.globalModel.count))
    record.reported = aggregation.contributors.count
    record.bytesUp = modelSize * Int64(aggregation.contributors.count)
    for (slot, client) in selectedClients.enumerated()
    where aggregation.contributors.contains(client) {
      let step = progress[slot]
      if let arrived = step.modelArrived {
        record.download = max(record.download, arrived - record.start)
      }
      if let arrived = step.modelArrived, let trained = step.trained {
        record.compute = max(record.compute, trained - arrived)
      }
      if let trained = step.trained, let submitted = step.submitted {
        record.upload = max(record.upload, submitted - trained)
      }
      if let submitted = step.submitted, let included = step.included {
        record.inclusion = max(record.inclusion, included - submitted)
      }
      if let included = step.included, let confirmed = step.confirmed {
        record.confirmation = max(record.confirmation, confirmed - included)
      }
    }
    record.close(at: simulation.now, aggregationStart: confirmedAt, evaluating: backend)
    records.append(record)
    current = nil
    pendingUpdates = [:]
    onRoundEnd?(record)
    if let storage = configuration.storage {
      modelUploadDone = false
      publish(modelSize, from: validator, to: storage, in: simulation)
    }
    if records.count == configuration.federation.rounds {
      isDone = true
      watchdog.disarm(in: simulation)
      engine.stop(in: simulation)
    }
  }

  /// Uploads the new model from the publishing validator to the storage node (again if a lossy
  /// link drops it), then serves the clients waiting for it.
  func publish(
    _ size: ByteCount, from validator: NodeID, to storage: NodeID, in simulation: Simulation
  ) {
    send(
      from: configuration.validators[validator.index], to: storage, size: size,
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
