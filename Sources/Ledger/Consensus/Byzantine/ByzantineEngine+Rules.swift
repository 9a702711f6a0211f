import SimCore
import SimKernel

extension ByzantineEngine {
  // MARK: - Rules

  /// Applies the rules that the messages held at `node` now enable (Tendermint's "upon"
  /// rules; each step happens once per view).
  func evaluate(_ node: Int, in simulation: Simulation) {
    let state = states[node]
    let view = state.view
    if let block = committable(state) {
      commit(block, at: node, in: simulation)
      return
    }
    let proposal = state.proposals[view]
    if !state.hasPrevoted, let proposal {
      switch prevoteDecision(on: proposal, in: state) {
      case .forProposal:
        castVote(.prevote, block: proposal.block.hash, at: node, in: simulation)
        return
      case .forNothing:
        castVote(.prevote, block: nil, at: node, in: simulation)
        return
      case .pending:
        break
      }
    }
    if state.hasPrevoted, let proposal,
      state.tally(.prevote, view: view, block: proposal.block.hash) >= quorum
    {
      // 2f + 1 prevotes for the proposal it holds: the block to re-propose from now on, and,
      // before its precommit, the block to lock on and precommit.
      if state.valid?.view != view {
        states[node].valid = BlockInView(block: proposal.block, view: view)
      }
      if !state.hasPrecommitted {
        states[node].locked = BlockInView(block: proposal.block, view: view)
        castVote(.precommit, block: proposal.block.hash, at: node, in: simulation)
        return
      }
    }
    if !state.hasPrecommitted {
      if state.tally(.prevote, view: view, block: nil) >= quorum {
        castVote(.precommit, block: nil, at: node, in: simulation)
        return
      }
      if state.hasPrevoted && !state.isPrevoteTimeoutArmed
        && state.voters(.prevote, view: view).count >= quorum
      {
        // 2f + 1 validators prevoted, for nothing this validator can precommit.
        states[node].isPrevoteTimeoutArmed = true
        arm(
          .prevoteTimeout(node: NodeID(node), height: state.height, view: view), in: simulation)
      }
    }
    if state.tally(.precommit, view: view, block: nil) >= quorum {
      enterView(view + 1, at: node, in: simulation)
      return
    }
    if !state.isPrecommitTimeoutArmed && state.voters(.precommit, view: view).count >= quorum {
      // 2f + 1 validators precommitted, committing nothing this validator holds.
      states[node].isPrecommitTimeoutArmed = true
      arm(
        .precommitTimeout(node: NodeID(node), height: state.height, view: view), in: simulation)
    }
  }

  /// What a validator prevotes on a proposal of its view.
  enum PrevoteDecision {
    /// The proposed block.
    case forProposal
    /// Nil: it is locked on another block.
    case forNothing
    /// Not yet: a re-proposal whose 2f + 1 prevotes of its valid view have not all arrived
    /// (the propose timeout ends the wait).
    case pending
  }

  /// Tendermint's prevote rules: a fresh block is prevoted unless the validator is locked on
  /// another; a re-proposed one once its valid view's 2f + 1 prevotes are in, unless the lock
  /// is on another block and more recent than that view.
  private func prevoteDecision(on proposal: Proposal, in state: State) -> PrevoteDecision {
    let hash = proposal.block.hash
    let isLockedElsewhere = state.locked.map { $0.block.hash != hash } ?? false
    guard let validView = proposal.validView else {
      return isLockedElsewhere ? .forNothing : .forProposal
    }
    guard state.tally(.prevote, view: validView, block: hash) >= quorum else { return .pending }
    let isLockedLater = isLockedElsewhere && state.locked.map { $0.view > validView } ?? false
    return isLockedLater ? .forNothing : .forProposal
  }

  // MARK: - Commits

  /// A block with 2f + 1 precommits of one view: a held proposal (the lowest such view; one
  /// proposal, the common case, needs no sort), or else an equivocal block of this height,
  /// fetched from the peers that precommitted it.
  private func committable(_ state: State) -> Block? {
    func hasQuorum(_ view: Int, _ block: Block) -> Bool {
      state.tally(.precommit, view: view, block: block.hash) >= quorum
    }
    if state.proposals.count == 1, let (view, proposal) = state.proposals.first {
      if hasQuorum(view, proposal.block) { return proposal.block }
    } else if let (_, proposal) = state.proposals.sorted(by: { $0.key < $1.key })
      .first(where: { hasQuorum($0.key, $0.value.block) })
    {
      // Sorted: the dictionary's order must not pick the block.
      return proposal.block
    }
    guard !equivocalPairs.isEmpty else { return nil }
    for pair in equivocalPairs where pair.first.height == state.height {
      for block in [pair.first, pair.second] {
        if case .byzantine(let view) = block.header.seal, hasQuorum(Int(view), block) {
          return block
        }
      }
    }
    return nil
  }

  private func commit(_ block: Block, at node: Int, in simulation: Simulation) {
    let height = block.height
    if committed.count == height {
      committed.append(block)
      committedHeights[block.hash] = height
      proposalInstants.append(block.header.timestamp)
      // Votes more than a few heights old reach only lagging validators; let them be checked
      // again rather than keep every vote of the run.
      if height % 64 == 0 { voteMemo.forget(below: height - 4) }
    }
    precondition(
      committed[height].hash == block.hash, "Byzantine: two blocks committed at height \(height)")
    let held = states[node].held
    states[node] = State()
    states[node].height = height + 1
    isSyncing[node] = false
    if !equivocalPairs.isEmpty { pruneEquivocalPairs() }
    report(block, at: node, in: simulation)
    guard !isStopped, !isTargetReached(height: height) else { return }
    enterView(0, at: node, afterCommit: true, in: simulation)
    for message in held {
      accept(message.message, at: node, isResent: message.isResent, in: simulation)
    }
  }

  /// Forgets the equivocal pairs of heights every live validator has left (a crashed one
  /// syncs committed blocks on recovery and needs none).
  /// - Complexity: O(n + pairs).
  private func pruneEquivocalPairs() {
    var lowest = Int.max
    for node in 0..<keys.count where isUp[node] { lowest = min(lowest, states[node].height) }
    equivocalPairs.removeAll { $0.first.height < lowest }
  }

  /// Takes the heights committed since `node`'s current one from the others (block sync).
  func catchUp(_ node: Int, in simulation: Simulation) {
    let first = states[node].height
    let next = committed.count
    guard next > first else { return }
    let held = states[node].held.filter { $0.message.height >= next }
    states[node] = State()
    states[node].height = next
    for height in first..<next { report(committed[height], at: node, in: simulation) }
    guard !isStopped, !isTargetReached(height: next - 1) else { return }
    enterView(0, at: node, in: simulation)
    for message in held {
      accept(message.message, at: node, isResent: message.isResent, in: simulation)
    }
  }

  /// Records `node`'s commit of `block`: its instant, the mempool, and the callbacks.
  private func report(_ block: Block, at node: Int, in simulation: Simulation) {
    commitInstants[node].append(simulation.now)
    transactionPool.moveMainChain(at: node, retracted: [], adopted: [block])
    onBlockAccepted?(NodeID(node), block, simulation)
    onBlockConfirmed?(NodeID(node), block, simulation)
  }
}
