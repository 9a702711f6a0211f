import Learning
import Ledger
import SimCore

extension FederationContract {
  /// The end-of-block step: open round 1 once the registry is complete (or its deadline has
  /// passed); aggregate the open round when its last sampled client's update is in or its
  /// deadline (counted from the block that confirms the opening) has passed; then open the next.
  /// - Complexity: O(n·d) when a round of n updates of d parameters is aggregated, else O(k) for
  ///   the k clients a round samples.
  public mutating func endBlock(
    at timestamp: SimInstant, gasUsed: inout UInt64, work: inout Work
  ) -> FederationBlockOutcome {
    var outcome = FederationBlockOutcome()
    outcome.judgements = judgements
    judgements = []
    switch phase {
    case .registering:
      let closed = rules.registrationDeadline.map { timestamp - .zero >= $0 } ?? false
      if registeredCount == rules.clientCount || closed {
        openRound(1, at: timestamp, gasUsed: &gasUsed)
        outcome.openedRound = 1
        outcome.unregisteredSelected = selected.filter { registeredKeys[$0.index] == nil }
      }
    case .training(let round):
      if deadlineStart == nil {
        blocksSinceOpening += 1
        if blocksSinceOpening >= rules.noticeDepth { deadlineStart = timestamp }
      }
      let complete = decidedCount == selected.count
      let expired =
        rules.roundDeadline.map { deadline in
          deadlineStart.map { timestamp - $0 >= deadline } ?? false
        } ?? false
      guard complete || expired else { break }
      outcome.aggregation = aggregate(
        round, closedByDeadline: !complete, gasUsed: &gasUsed, work: &work)
      if round < rules.rounds {
        openRound(round + 1, at: timestamp, gasUsed: &gasUsed)
        outcome.openedRound = round + 1
        outcome.unregisteredSelected = selected.filter { registeredKeys[$0.index] == nil }
      } else {
        phase = .finished
        outcome.finished = true
      }
    case .finished:
      break
    }
    return outcome
  }

  /// Selects the round's clients with the deployment's selection and generator: the same call,
  /// in the same order, as the vanilla twin's server makes, so a paired run trains the same
  /// clients.
  mutating func openRound(_ round: Int, at timestamp: SimInstant, gasUsed: inout UInt64) {
    for client in selected { isSelected[client.index] = false }
    // Old evidence fades each round, so uncertainty returns to clients not seen for a while.
    if round > 1 { reputationBook.decay() }
    let context = SelectionContext(
      round: round, clientCount: rules.clientCount, clientsPerRound: rules.clientsPerRound,
      reputation: reputationBook, stakes: stakes)
    selected = selection.select(context, using: &sampler)
    // A client unregistered at the opening cannot take part in the round, even if it registers
    // before the round ends: it was counted as decided.
    for client in selected where registeredKeys[client.index] != nil {
      isSelected[client.index] = true
    }
    submitted = Array(repeating: false, count: rules.clientCount)
    stored = []
    // A selected client that never registered cannot submit: it is decided (a dropout) at once.
    decidedCount = selected.count { registeredKeys[$0.index] == nil }
    roundOpened = timestamp
    blocksSinceOpening = 0
    deadlineStart = rules.noticeDepth == 0 ? timestamp : nil
    phase = .training(round: round)
    gasUsed += gas.storageResetCost * UInt64(selected.count)
  }

  /// Combines the stored updates in ascending client order with the deployment's aggregation
  /// rule, replaces the global model, and updates reputations.
  mutating func aggregate(
    _ round: Int, closedByDeadline: Bool, gasUsed: inout UInt64, work: inout Work
  ) -> FederationBlockOutcome.Aggregation {
    let updates = stored.sorted { $0.client < $1.client }
    var refusal: String?
    if !updates.isEmpty {
      do {
        // One stored update decoded at a time where the rule allows (FedAvg).
        let result = try aggregation.aggregate(count: updates.count) { position in
          ClientUpdate(
            parameters: updates[position].parameters, sampleCount: updates[position].sampleCount)
        }
        work += result.work
        globalModel = ParameterWireFormat.encode(result.parameters)
        modelHash = Digest256.sha256(globalModel, work: &work)
        var aggregationGas =
          aggregationArithmeticGas(updateCount: updates.count, work: result.work)
          + hashGas.gas(forHashing: globalModel.count)
        if rules.keepsModelOnChain {
          for update in updates {
            aggregationGas += gas.storageLoadCost * ExecutionGasSchedule.words(update.byteCount)
          }
          aggregationGas += gas.storageResetCost * ExecutionGasSchedule.words(globalModel.count)
        } else {
          aggregationGas += gas.storageResetCost
        }
        gasUsed += aggregationGas
      } catch {
        refusal = "\(error)"
      }
    }
    // A selected client that sent nothing is evidence against it, as a rejection is; one whose
    // update was stored without validation is evidence for it. Each selected client's
    // reputation is one storage word rewritten.
    for client in selected where !submitted[client.index] || validation == nil {
      reputationBook.record(client: client, accepted: submitted[client.index])
    }
    gasUsed += gas.storageResetCost * UInt64(selected.count)
    return FederationBlockOutcome.Aggregation(
      round: round, contributors: updates.map(\.client), closedByDeadline: closedByDeadline,
      modelHash: modelHash, refusal: refusal)
  }

  /// The gas of the aggregation's arithmetic. FedAvg: a MUL and an ADD per parameter per update
  /// and a DIV per parameter. Any other rule (median, trimmed mean, Krum): each floating-point
  /// operation it reports (`AggregationRule`'s documented count, comparisons included) priced as
  /// a MUL — a comparison is an LT at 3 gas, so this prices a sort slightly above its EVM cost.
  func aggregationArithmeticGas(updateCount: Int, work: Work) -> UInt64 {
    let d = UInt64(dimension)
    if aggregation is FederatedAveraging {
      return UInt64(updateCount) * d * (gas.multiplyCost + gas.addCost) + d * gas.multiplyCost
    }
    return UInt64(max(0, work.floatingPointOperations)) * gas.multiplyCost
  }
}
