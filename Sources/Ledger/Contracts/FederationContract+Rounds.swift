import Learning
import SimCore

extension FederationContract {
  /// The end-of-block step: open round 1 once the registry is complete; aggregate the open round
  /// when its last sampled client's update is in or its deadline has passed; then open the next.
  mutating func endBlock(at timestamp: SimInstant, into execution: inout BlockExecution) {
    switch phase {
    case .registering:
      if registeredCount == rules.clientCount {
        openRound(1, at: timestamp, into: &execution)
      }
    case .training(let round):
      let complete = stored.count == selected.count
      let expired = rules.roundDeadline.map { timestamp - roundOpened >= $0 } ?? false
      guard complete || expired else { return }
      aggregate(round, closedByDeadline: !complete, into: &execution)
      if round < rules.rounds {
        openRound(round + 1, at: timestamp, into: &execution)
      } else {
        phase = .finished
        execution.finished = true
      }
    case .finished:
      break
    }
  }

  /// Samples the round's clients with the deployment's generator: the same call, in the same
  /// order, as `FedAvgScheme` makes, so a paired vanilla run samples the same clients.
  mutating func openRound(
    _ round: Int, at timestamp: SimInstant, into execution: inout BlockExecution
  ) {
    for client in selected { isSelected[client.index] = false }
    selected = sampler.sampleIndices(rules.clientsPerRound, from: rules.clientCount).map(
      ClientID.init)
    for client in selected { isSelected[client.index] = true }
    submitted = Array(repeating: false, count: rules.clientCount)
    stored = []
    roundOpened = timestamp
    phase = .training(round: round)
    execution.openedRound = round
    execution.gasUsed += gas.storageResetCost * UInt64(selected.count)
  }

  /// Averages the stored updates in ascending client order with `FederatedAveraging`, replaces
  /// the global model, and updates reputations.
  mutating func aggregate(
    _ round: Int, closedByDeadline: Bool, into execution: inout BlockExecution
  ) {
    let updates = stored.sorted { $0.client < $1.client }
    let d = UInt64(dimension)
    var refusal: String?
    if !updates.isEmpty {
      do {
        let result = try FederatedAveraging().aggregate(
          updates.map { ClientUpdate(parameters: $0.parameters, sampleCount: $0.sampleCount) })
        execution.work += result.work
        globalModel = ParameterWireFormat.encode(result.parameters)
        modelHash = Digest256.sha256(globalModel, work: &execution.work)
        var aggregationGas =
          UInt64(updates.count) * d * (gas.multiplyCost + gas.addCost) + d * gas.multiplyCost
          + hashGas.gas(forHashing: globalModel.count)
        if rules.keepsModelOnChain {
          for update in updates {
            aggregationGas += gas.storageLoadCost * ExecutionGasSchedule.words(update.byteCount)
          }
          aggregationGas += gas.storageResetCost * ExecutionGasSchedule.words(globalModel.count)
        } else {
          aggregationGas += gas.storageResetCost
        }
        execution.gasUsed += aggregationGas
      } catch {
        refusal = "\(error)"
      }
    }
    for client in selected {
      reputation[client.index] += submitted[client.index] ? 1 : -1
    }
    execution.gasUsed += gas.storageResetCost * UInt64(selected.count)
    execution.aggregation = BlockExecution.Aggregation(
      round: round, contributors: updates.map(\.client), closedByDeadline: closedByDeadline,
      modelHash: modelHash, refusal: refusal)
  }
}
