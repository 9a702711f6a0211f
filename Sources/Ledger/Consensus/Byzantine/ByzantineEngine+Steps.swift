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
    states[node].isPrevoteTimeoutArmed = false
    states[node].isPrecommitTimeoutArmed = false
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

  /// Arms the propose timeout of `node`'s current view, `extra` later than T_v.
  func armTimeout(at node: Int, extra: SimDuration = .zero, in simulation: Simulation) {
    let state = states[node]
    simulation.schedule(
      after: timeout(ofView: state.view) + extra, self,
      event: ByzantineEvent.proposeTimeout(
        node: NodeID(node), height: state.height, view: state.view
      ).code)
  }

  /// `node`'s turn to propose in `view`, as its conduct says: nothing if it withholds; the
  /// block it holds with 2f + 1 prevotes, if any (sent at once: it is sealed already);
  /// otherwise a block filled from its mempool (empty if it censors), broadcast once its
  /// sealing work is done and taken as its own proposal. An equivocating or invalid-block
  /// proposer makes its own kind of block (see `ByzantineEngine+Conduct`).
  func propose(view: Int, at node: Int, in simulation: Simulation) {
    let conduct = conducts[node]
    switch conduct {
    case .withhold:
      return
    case .equivocate:
      proposeTwins(view: view, at: node, in: simulation)
      return
    case .invalidBlocks:
      proposeInvalidBlock(view: view, at: node, in: simulation)
      return
    case .honest, .censor:
      break
    }
    if let valid = states[node].valid {
      let proposal = Proposal(block: valid.block, validView: valid.view)
      broadcast(
        .proposal(valid.block, view: view, validView: valid.view), from: node, in: simulation)
      record(proposal, view: view, at: node, in: simulation)
      return
    }
    let height = states[node].height
    var work = Work.zero
    let block = makeBlock(
      view: view, at: node, transactions: conduct == .censor ? [] : selectedTransactions(at: node),
      timestamp: simulation.now, work: &work)
    blockRecords.append(BlockRecord(block))
    charge(work, on: node, label: "seal-block", in: simulation) { [unowned self] simulation in
      guard self.isUp[node] else { return }
      self.broadcast(.proposal(block, view: view, validView: nil), from: node, in: simulation)
      if self.states[node].height == height {
        self.record(Proposal(block: block, validView: nil), view: view, at: node, in: simulation)
      }
    }
  }

  /// What `node`'s mempool fills a block with.
  func selectedTransactions(at node: Int) -> [Transaction] {
    transactionPool.mempools[node].select(limits: configuration.limits)
  }

  /// A block of `node`'s current height for `view`, on the committed parent, signed by `node`.
  func makeBlock(
    view: Int, at node: Int, transactions: [Transaction], timestamp: SimInstant,
    work: inout Work
  ) -> Block {
    Block.make(
      on: committed[states[node].height - 1], transactions: transactions, timestamp: timestamp,
      proposer: NodeID(node), signer: keys[node], seal: .byzantine(view: UInt64(view)),
      work: &work)
  }

  /// Takes `proposal` as `node`'s proposal of `view` (the first one only), then advances.
  func record(_ proposal: Proposal, view: Int, at node: Int, in simulation: Simulation) {
    guard states[node].proposals[view] == nil else { return }
    states[node].proposals[view] = proposal
    evaluate(node, in: simulation)
  }

  // MARK: - Messages

  /// `node` takes a `kind` step for `block` (nil: for nothing) in its current view: it signs
  /// the vote, keeps it among its own, counts it at home and sends it once signed. A
  /// withholding validator takes the step silently; an equivocating one, voting for its own
  /// equivocal block, prevotes and precommits both blocks of the pair at once.
  func castVote(
    _ kind: ConsensusVote.Kind, block: BlockHash?, at node: Int, in simulation: Simulation
  ) {
    if kind == .prevote {
      states[node].hasPrevoted = true
    } else {
      states[node].hasPrecommitted = true
    }
    let conduct = conducts[node]
    guard conduct != .withhold else { return }
    var ballots: [(kind: ConsensusVote.Kind, block: BlockHash?)] = [(kind, block)]
    if conduct == .equivocate, kind == .prevote, let block, let twin = twin(of: block) {
      states[node].hasPrecommitted = true
      ballots = [
        (.prevote, block), (.prevote, twin.hash), (.precommit, block), (.precommit, twin.hash),
      ]
    }
    let state = states[node]
    var votes: [(vote: ConsensusVote, work: Work)] = []
    for ballot in ballots {
      var work = Work.zero
      let vote = ConsensusVote.make(
        kind: ballot.kind, height: state.height, view: state.view, block: ballot.block,
        voter: NodeID(node), signedBy: keys[node], work: &work)
      voteWork[node] += work
      votes.append((vote, work))
    }
    states[node].ownVotes.append(contentsOf: votes.map(\.vote))
    for (vote, work) in votes {
      // The validator counts its own vote at once; the others get it once it is signed.
      charge(work, on: node, label: "sign-vote", in: simulation) { [unowned self] simulation in
        guard self.isUp[node] else { return }
        self.broadcast(.vote(vote), from: node, in: simulation)
      }
      accept(.vote(vote), at: node, isResent: false, in: simulation)
    }
  }

  /// Sends `message` from `node` to every other validator.
  func broadcast(_ message: Message, from node: Int, in simulation: Simulation) {
    send(
      message, from: node, to: (0..<keys.count).lazy.filter { $0 != node }, isResent: false,
      in: simulation)
  }

  /// Sends `message` from `node` to each of `receivers`, counting each copy in
  /// `messagesPerHeight`; `isResent` marks a gossip re-send.
  func send(
    _ message: Message, from node: Int, to receivers: some Sequence<Int>, isResent: Bool,
    in simulation: Simulation
  ) {
    let size: ByteCount
    let kind: String
    switch message {
    case .proposal(let block, _, _):
      size = block.byteCount
      kind = "proposal"
    case .vote:
      size = ByteCount(bytes: Int64(ConsensusVote.encodedByteCount))
      kind = "vote"
    }
    var count = 0
    for peer in receivers {
      count += 1
      transport.send(
        from: NodeID(node), to: NodeID(peer), size: size, kind: kind, in: simulation
      ) { [unowned self] simulation in
        guard self.isUp[peer] else { return }
        if case .vote(let vote) = message {
          self.receive(vote, at: peer, isResent: isResent, in: simulation)
        } else {
          self.accept(message, at: peer, isResent: isResent, in: simulation)
        }
      }
    }
    countMessages(count, atHeight: message.height)
  }

  /// Adds `count` network messages to those of `height`.
  func countMessages(_ count: Int, atHeight height: Int) {
    while messagesPerHeight.count < height { messagesPerHeight.append(0) }
    messagesPerHeight[height - 1] += count
  }

  /// A vote reaches `node`: its signature is checked (memoised; the work charged as
  /// "verify-vote"), then it is recorded.
  private func receive(
    _ vote: ConsensusVote, at node: Int, isResent: Bool, in simulation: Simulation
  ) {
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
        self.accept(.vote(vote), at: node, isResent: isResent, in: simulation)
      }
    } else {
      // No closure in the common case: n² votes per height.
      accept(.vote(vote), at: node, isResent: isResent, in: simulation)
    }
  }

  /// Records `message` at `node` (holding it if it is for a later height), then advances. A
  /// proposal is first validated, its work charged as "validate-block". A vote counts once per
  /// voter and value; a re-sent one (`isResent`) may also show `node` it is behind (a later
  /// height: it syncs) or that its peers have moved to a later view (it skips there).
  func accept(_ message: Message, at node: Int, isResent: Bool, in simulation: Simulation) {
    if message.height > states[node].height && (isSyncing[node] || isResent)
      && committed.count > states[node].height
    {
      catchUp(node, in: simulation)
    }
    let height = states[node].height
    guard message.height >= height else { return }
    guard message.height == height else {
      states[node].held.append(HeldMessage(message: message, isResent: isResent))
      return
    }
    switch message {
    case .proposal(let block, let view, let validView):
      guard states[node].proposals[view] == nil, !states[node].validatingViews.contains(view)
      else { return }
      var work = Work.zero
      let isValid = isValidProposal(block, view: view, validView: validView, work: &work)
      validationWork[node] += work
      guard isValid else {
        rejectedProposalCount += 1
        return
      }
      states[node].validatingViews.insert(view)
      charge(work, on: node, label: "validate-block", in: simulation) {
        [unowned self] simulation in
        // A validator that moved on (by a sync) meanwhile no longer needs it.
        guard self.states[node].height == height else { return }
        self.states[node].validatingViews.remove(view)
        guard self.isUp[node] else { return }
        self.record(
          Proposal(block: block, validView: validView), view: view, at: node, in: simulation)
      }
    case .vote(let vote):
      let isNew = states[node].tallies[
        StepKey(kind: vote.kind, view: vote.view), default: StepTally()
      ].insert(vote.voter.index, for: vote.block)
      if isResent && vote.view > states[node].view && canSkip(to: vote.view, at: node) {
        enterView(vote.view, at: node, in: simulation)
      } else if isNew {
        evaluate(node, in: simulation)
      }
    }
  }

  /// True when `block` may be the proposal of (its height, `view`): made by the proposer of the
  /// view it was made for (its seal), which is `view` itself for a fresh block, or at most the
  /// proposal's valid view (itself before `view`) for a re-proposed one; and valid on the
  /// committed parent (`BlockValidator`, its work added to `work`).
  private func isValidProposal(
    _ block: Block, view: Int, validView: Int?, work: inout Work
  ) -> Bool {
    let height = block.height
    guard height >= 1, height <= committed.count,
      case .byzantine(let sealed) = block.header.seal, sealed <= UInt64(view)
    else { return false }
    let made = Int(sealed)
    let isPlaced = validView.map { made <= $0 && $0 < view } ?? (made == view)
    guard isPlaced, block.header.proposer == proposer(height: height, view: made),
      block.header.proposerKey == keys[block.header.proposer.index].publicKey
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
}
