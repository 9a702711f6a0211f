import SimCore
import SimKernel

extension ByzantineEngine {
  // MARK: - Views and proposals

  /// Enters `view` of `node`'s current height; `afterCommit` (view 0 right after a commit)
  /// starts it `commitDelay` late.
  func enterView(_ view: Int, at node: Int, afterCommit: Bool = false, in simulation: Simulation) {
    states[node].view = view
    states[node].hasPrevoted = false
    states[node].hasPrecommitted = false
    if !isStopped {
      let delay = afterCommit ? configuration.commitDelay : .zero
      armTimeout(at: node, extra: delay, in: simulation)
      if proposer(height: states[node].height, view: view).index == node {
        if delay == .zero {
          propose(view: view, at: node, in: simulation)
        } else {
          let height = states[node].height
          simulation.schedule(after: delay) { [unowned self] simulation in
            guard !self.isStopped, self.isUp[node], self.states[node].height == height,
              self.states[node].view == view
            else { return }
            self.propose(view: view, at: node, in: simulation)
          }
        }
      }
    }
    // Messages that arrived early for this view may already decide it.
    evaluate(node, in: simulation)
  }

  func armTimeout(at node: Int, extra: SimDuration = .zero, in simulation: Simulation) {
    let state = states[node]
    let timeout =
      configuration.baseTimeout + configuration.timeoutIncrement * Int64(state.view) + extra
    simulation.schedule(
      after: timeout, self,
      event: ByzantineEvent.proposeTimeout(
        node: NodeID(node), height: state.height, view: state.view
      ).code)
  }

  /// Fills a block from `node`'s mempool; once its sealing work is done, broadcasts it and
  /// takes it as its own proposal.
  func propose(view: Int, at node: Int, in simulation: Simulation) {
    let height = states[node].height
    var work = Work.zero
    let block = Block.make(
      on: committed[height - 1],
      transactions: transactionPool.mempools[node].select(limits: configuration.limits),
      timestamp: simulation.now, proposer: NodeID(node), signer: keys[node],
      seal: .byzantine(view: UInt64(view)), work: &work)
    blockRecords.append(BlockRecord(block))
    charge(work, on: node, label: "seal-block", in: simulation) { [unowned self] simulation in
      guard self.isUp[node] else { return }
      self.broadcast(.proposal(block, view: view), from: node, in: simulation)
      if self.states[node].height == height {
        self.record(block, view: view, at: node, in: simulation)
      }
    }
  }

  private func record(_ block: Block, view: Int, at node: Int, in simulation: Simulation) {
    guard states[node].proposals[view] == nil else { return }
    states[node].proposals[view] = block
    evaluate(node, in: simulation)
  }

  // MARK: - Messages

  func castVote(
    _ kind: ConsensusVote.Kind, block: BlockHash?, at node: Int, in simulation: Simulation
  ) {
    let state = states[node]
    if kind == .prevote {
      states[node].hasPrevoted = true
    } else {
      states[node].hasPrecommitted = true
    }
    var work = Work.zero
    let vote = ConsensusVote.make(
      kind: kind, height: state.height, view: state.view, block: block, voter: NodeID(node),
      signedBy: keys[node], work: &work)
    voteWork[node] += work
    // The validator counts its own vote at once; the others get it once it is signed.
    charge(work, on: node, label: "sign-vote", in: simulation) { [unowned self] simulation in
      guard self.isUp[node] else { return }
      self.broadcast(.vote(vote), from: node, in: simulation)
    }
    accept(.vote(vote), at: node, in: simulation)
  }

  private func broadcast(_ message: Message, from node: Int, in simulation: Simulation) {
    let size: ByteCount
    let kind: String
    switch message {
    case .proposal(let block, _):
      size = block.byteCount
      kind = "proposal"
    case .vote:
      size = ByteCount(bytes: Int64(ConsensusVote.encodedByteCount))
      kind = "vote"
    }
    let height = message.height
    while messagesPerHeight.count < height { messagesPerHeight.append(0) }
    messagesPerHeight[height - 1] += keys.count - 1
    for peer in 0..<keys.count where peer != node {
      transport.send(
        from: NodeID(node), to: NodeID(peer), size: size, kind: kind, in: simulation
      ) { [unowned self] simulation in
        guard self.isUp[peer] else { return }
        if case .vote(let vote) = message {
          self.receive(vote, at: peer, in: simulation)
        } else {
          self.accept(message, at: peer, in: simulation)
        }
      }
    }
  }

  /// A vote reaches `node`: its signature is checked (memoised; the work charged as
  /// "verify-vote"), then it is recorded.
  private func receive(_ vote: ConsensusVote, at node: Int, in simulation: Simulation) {
    let voter = vote.voter.index
    var work = Work.zero
    let isValid =
      voter < keys.count && voteMemo.isValid(vote, signer: publicKeys[voter], work: &work)
    voteWork[node] += work
    guard isValid else {
      rejectedVoteCount += 1
      return
    }
    if let compute {
      compute.submit(work, on: NodeID(node), label: "verify-vote", in: simulation) {
        [unowned self] simulation in
        guard self.isUp[node] else { return }
        self.accept(.vote(vote), at: node, in: simulation)
      }
    } else {
      // No closure in the common case: n² votes per height.
      accept(.vote(vote), at: node, in: simulation)
    }
  }

  /// Records `message` at `node` (holding it if it is for a later height), then advances. A
  /// proposal is first validated, its work charged as "validate-block".
  private func accept(_ message: Message, at node: Int, in simulation: Simulation) {
    if message.height > states[node].height && isSyncing[node]
      && committed.count > states[node].height
    {
      catchUp(node, in: simulation)
    }
    let height = states[node].height
    guard message.height >= height else { return }
    guard message.height == height else {
      states[node].held.append(message)
      return
    }
    switch message {
    case .proposal(let block, let view):
      guard states[node].proposals[view] == nil, !states[node].validatingViews.contains(view)
      else { return }
      var work = Work.zero
      let isValid = isValidProposal(block, view: view, work: &work)
      validationWork[node] += work
      guard isValid else { return }
      states[node].validatingViews.insert(view)
      charge(work, on: node, label: "validate-block", in: simulation) {
        [unowned self] simulation in
        // A validator that moved on (by a sync) meanwhile no longer needs it.
        guard self.states[node].height == height else { return }
        self.states[node].validatingViews.remove(view)
        guard self.isUp[node] else { return }
        self.record(block, view: view, at: node, in: simulation)
      }
    case .vote(let vote):
      states[node].tallies[
        TallyKey(kind: vote.kind, view: vote.view, block: vote.block), default: 0] += 1
      evaluate(node, in: simulation)
    }
  }

  private func isValidProposal(_ block: Block, view: Int, work: inout Work) -> Bool {
    let height = block.height
    guard block.header.proposer == proposer(height: height, view: view),
      block.header.proposerKey == keys[block.header.proposer.index].publicKey,
      block.header.seal == .byzantine(view: UInt64(view))
    else { return false }
    do {
      try validator.validate(
        block: block, parent: committed[height - 1], limits: configuration.limits,
        signatureMemo: signatureMemo, work: &work)
    } catch {
      return false
    }
    return true
  }

  // MARK: - Rules and commits

  /// Applies the rules that the messages held at `node` now enable.
  private func evaluate(_ node: Int, in simulation: Simulation) {
    let state = states[node]
    let view = state.view
    if let block = committable(state) {
      commit(block, at: node, in: simulation)
      return
    }
    let proposal = state.proposals[view]
    if !state.hasPrevoted, let proposal {
      castVote(.prevote, block: proposal.hash, at: node, in: simulation)
      return
    }
    if !states[node].hasPrecommitted {
      if let proposal,
        state.tallies[TallyKey(kind: .prevote, view: view, block: proposal.hash)] ?? 0 >= quorum
      {
        castVote(.precommit, block: proposal.hash, at: node, in: simulation)
        return
      }
      if state.tallies[TallyKey(kind: .prevote, view: view, block: nil)] ?? 0 >= quorum {
        castVote(.precommit, block: nil, at: node, in: simulation)
        return
      }
    }
    if state.tallies[TallyKey(kind: .precommit, view: view, block: nil)] ?? 0 >= quorum {
      enterView(view + 1, at: node, in: simulation)
    }
  }

  /// A held proposal with 2f + 1 precommits, in any view (the lowest such view; one proposal,
  /// the common case, needs no sort).
  private func committable(_ state: State) -> Block? {
    func hasQuorum(_ view: Int, _ block: Block) -> Bool {
      state.tallies[TallyKey(kind: .precommit, view: view, block: block.hash)] ?? 0 >= quorum
    }
    if state.proposals.count == 1, let (view, block) = state.proposals.first {
      return hasQuorum(view, block) ? block : nil
    }
    // Sorted: the dictionary's order must not pick the block.
    return state.proposals.sorted { $0.key < $1.key }.first { hasQuorum($0.key, $0.value) }?
      .value
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
    report(block, at: node, in: simulation)
    guard !isStopped, !isTargetReached(height: height) else { return }
    enterView(0, at: node, afterCommit: true, in: simulation)
    for message in held { accept(message, at: node, in: simulation) }
  }

  /// Takes the heights committed since `node`'s current one from the others (block sync).
  func catchUp(_ node: Int, in simulation: Simulation) {
    let first = states[node].height
    let next = committed.count
    guard next > first else { return }
    let held = states[node].held.filter { $0.height >= next }
    states[node] = State()
    states[node].height = next
    for height in first..<next { report(committed[height], at: node, in: simulation) }
    guard !isStopped, !isTargetReached(height: next - 1) else { return }
    enterView(0, at: node, in: simulation)
    for message in held { accept(message, at: node, in: simulation) }
  }

  /// Records `node`'s commit of `block`: its instant, the mempool, and the callbacks.
  private func report(_ block: Block, at node: Int, in simulation: Simulation) {
    commitInstants[node].append(simulation.now)
    transactionPool.moveMainChain(at: node, retracted: [], adopted: [block])
    onBlockAccepted?(NodeID(node), block, simulation)
    onBlockConfirmed?(NodeID(node), block, simulation)
  }
}
