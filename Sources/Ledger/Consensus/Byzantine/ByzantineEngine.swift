import Cryptography
import SimCore
import SimKernel

/// A Tendermint-like BFT chain (Buchman, Kwon, Milosevic, "The latest gossip on BFT
/// consensus", 2018), simplified for crash faults: n = 3f + 1 validators, quorums of 2f + 1.
///
/// **Per height**, view v (Tendermint's "round"; the word is kept for FL here) has proposer
/// (height + v) mod n, which broadcasts its block to the n − 1 others. A validator prevotes for
/// the proposal when it arrives, or nil when its propose timeout (`baseTimeout` + v ·
/// `timeoutIncrement`) fires first. On 2f + 1 prevotes for one value it precommits that value
/// (a block only once it holds the proposal); on 2f + 1 precommits for a block it commits and
/// starts the next height at once (no commit timeout); on 2f + 1 nil precommits it moves to
/// view v + 1. Votes go to all n − 1 others; a validator counts its own vote locally.
///
/// **Message count** per height with everyone up and one view: n − 1 proposals, n(n − 1)
/// prevotes, n(n − 1) precommits: 2n² − n − 1 network messages (the "≈ 2n² + n" counts
/// the n self-deliveries and the proposer's own copy, which here cost nothing).
///
/// **Timing** on a fixed one-way delay d: proposal sent at t arrives at t + d, prevotes reach
/// quorum at t + 2d, precommits at t + 3d: commit at exactly t + 3d.
///
/// **Simplifications** (first version): crash faults only, so no locking/valid-block rules;
/// votes carry a 64-byte signature in their size but are not signed or verified (proposals
/// are real signed blocks, validated with `BlockValidator`, work in `validationWork`, taking
/// no simulated time); messages for a later height are held until the validator gets there.
public final class ByzantineEngine: EventHandler {
  /// The configuration.
  public let configuration: ByzantineConfiguration
  let keys: [Ed25519.PrivateKey]
  let transport: any MessageTransport
  let validator = BlockValidator()
  let signatureMemo = SignatureMemo()
  /// f: the crash faults tolerated, (n − 1) / 3.
  public let faultTolerance: Int
  /// 2f + 1.
  public var quorum: Int { 2 * faultTolerance + 1 }

  /// The committed chain (every validator commits the same blocks); index = height.
  public private(set) var committed: [Block]
  /// When each validator committed each height: `commitInstants[node][h − 1]`.
  public private(set) var commitInstants: [[SimInstant]]
  /// When the committed proposal of each height was sent: `proposalInstants[h − 1]`.
  public private(set) var proposalInstants: [SimInstant] = []
  /// Network messages sent, by the height they belong to: `messagesPerHeight[h − 1]`.
  public private(set) var messagesPerHeight: [Int] = []
  /// Validation work per validator.
  public private(set) var validationWork: [Work]
  /// Whether each validator is running.
  public private(set) var isUp: [Bool]

  struct TallyKey: Hashable {
    let kind: ConsensusVote.Kind
    let view: Int
    let block: BlockHash?
  }
  /// Per-validator state of its current height.
  struct State {
    var height = 1
    var view = 0
    var hasPrevoted = false
    var hasPrecommitted = false
    /// Proposals received at this height, by view.
    var proposals: [Int: Block] = [:]
    var tallies: [TallyKey: Int] = [:]
    /// Messages for later heights, in arrival order.
    var held: [Message] = []
    var proposalSentAt = SimInstant.zero
  }
  enum Message {
    case proposal(Block, view: Int, sentAt: SimInstant)
    case vote(ConsensusVote)
    var height: Int {
      switch self {
      case .proposal(let block, _, _): block.height
      case .vote(let vote): vote.height
      }
    }
  }
  var states: [State]

  /// An engine whose validators are nodes 0..<`keys.count`, from a genesis block signed by
  /// validator 0.
  /// - Precondition: at least one validator.
  public init(
    configuration: ByzantineConfiguration, keys: [Ed25519.PrivateKey],
    transport: any MessageTransport
  ) {
    precondition(!keys.isEmpty, "Byzantine: no validators")
    self.configuration = configuration
    self.keys = keys
    self.transport = transport
    faultTolerance = (keys.count - 1) / 3
    var work = Work.zero
    committed = [Block.makeGenesis(proposer: NodeID(0), signer: keys[0], work: &work)]
    commitInstants = Array(repeating: [], count: keys.count)
    validationWork = Array(repeating: .zero, count: keys.count)
    isUp = Array(repeating: true, count: keys.count)
    states = Array(repeating: State(), count: keys.count)
  }

  /// The number of validators.
  public var validatorCount: Int { keys.count }
  /// Network messages sent so far.
  public var sentMessageCount: Int { messagesPerHeight.reduce(0, +) }

  /// The proposer of (`height`, `view`).
  public func proposer(height: Int, view: Int) -> NodeID {
    NodeID((height + view) % keys.count)
  }

  /// Every live validator enters height 1, view 0.
  public func start(in simulation: Simulation) {
    guard configuration.targetHeight > 0 else { return }
    for node in 0..<keys.count where isUp[node] { enterView(0, at: node, in: simulation) }
  }

  /// Stops `node`: it sends nothing and drops deliveries and timeouts.
  public func crash(node: NodeID) { isUp[node.index] = false }

  // MARK: - Steps

  private func enterView(_ view: Int, at node: Int, in simulation: Simulation) {
    states[node].view = view
    states[node].hasPrevoted = false
    states[node].hasPrecommitted = false
    let height = states[node].height
    let timeout = configuration.baseTimeout + configuration.timeoutIncrement * Int64(view)
    simulation.schedule(
      after: timeout, self,
      event: ByzantineEvent.proposeTimeout(node: NodeID(node), height: height, view: view).code)
    if proposer(height: height, view: view).index == node {
      var work = Work.zero
      let block = Block.make(
        on: committed[height - 1], transactions: [], timestamp: simulation.now,
        proposer: NodeID(node), signer: keys[node], seal: .byzantine(view: UInt64(view)),
        work: &work)
      broadcast(.proposal(block, view: view, sentAt: simulation.now), from: node, in: simulation)
      accept(.proposal(block, view: view, sentAt: simulation.now), at: node, in: simulation)
    }
    // Messages that arrived early for this view may already decide it.
    evaluate(node, in: simulation)
  }

  /// Handles a `ByzantineEvent` code.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    switch ByzantineEvent(code: event) {
    case .proposeTimeout(let node, let height, let view):
      let state = states[node.index]
      guard isUp[node.index], state.height == height, state.view == view, !state.hasPrevoted
      else { return }
      castVote(.prevote, block: nil, at: node.index, in: simulation)
    }
  }

  private func castVote(
    _ kind: ConsensusVote.Kind, block: BlockHash?, at node: Int, in simulation: Simulation
  ) {
    let state = states[node]
    if kind == .prevote {
      states[node].hasPrevoted = true
    } else {
      states[node].hasPrecommitted = true
    }
    let vote = ConsensusVote(
      kind: kind, height: state.height, view: state.view, block: block, voter: NodeID(node))
    broadcast(.vote(vote), from: node, in: simulation)
    accept(.vote(vote), at: node, in: simulation)
  }

  private func broadcast(_ message: Message, from node: Int, in simulation: Simulation) {
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
    let height = message.height
    while messagesPerHeight.count < height { messagesPerHeight.append(0) }
    messagesPerHeight[height - 1] += keys.count - 1
    for peer in 0..<keys.count where peer != node {
      transport.send(
        from: NodeID(node), to: NodeID(peer), size: size, kind: kind, in: simulation
      ) { [unowned self] simulation in
        guard self.isUp[peer] else { return }
        self.accept(message, at: peer, in: simulation)
      }
    }
  }

  /// Records `message` at `node` (holding it if it is for a later height), then advances.
  private func accept(_ message: Message, at node: Int, in simulation: Simulation) {
    let height = states[node].height
    guard message.height >= height else { return }
    guard message.height == height else {
      states[node].held.append(message)
      return
    }
    switch message {
    case .proposal(let block, let view, let sentAt):
      guard states[node].proposals[view] == nil, isValidProposal(block, view: view, at: node)
      else { return }
      states[node].proposals[view] = block
      if view == states[node].view { states[node].proposalSentAt = sentAt }
    case .vote(let vote):
      states[node].tallies[
        TallyKey(kind: vote.kind, view: vote.view, block: vote.block), default: 0] += 1
    }
    evaluate(node, in: simulation)
  }

  private func isValidProposal(_ block: Block, view: Int, at node: Int) -> Bool {
    let height = block.height
    guard block.header.proposer == proposer(height: height, view: view),
      block.header.proposerKey == keys[block.header.proposer.index].publicKey,
      block.header.seal == .byzantine(view: UInt64(view))
    else { return false }
    do {
      try validator.validate(
        block: block, parent: committed[height - 1], limits: configuration.limits,
        signatureMemo: signatureMemo, work: &validationWork[node])
    } catch {
      return false
    }
    return true
  }

  /// Applies the rules that the messages held at `node` now enable.
  private func evaluate(_ node: Int, in simulation: Simulation) {
    let state = states[node]
    let view = state.view
    // Commit: 2f + 1 precommits for a block whose proposal is held, in any view.
    for (proposalView, block) in state.proposals.sorted(by: { $0.key < $1.key })
    where state.tallies[TallyKey(kind: .precommit, view: proposalView, block: block.hash)] ?? 0
      >= quorum
    {
      commit(block, view: proposalView, at: node, in: simulation)
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

  private func commit(_ block: Block, view: Int, at node: Int, in simulation: Simulation) {
    let height = block.height
    if committed.count == height {
      committed.append(block)
      proposalInstants.append(block.header.timestamp)
    }
    precondition(
      committed[height].hash == block.hash, "Byzantine: two blocks committed at height \(height)")
    commitInstants[node].append(simulation.now)
    let held = states[node].held
    states[node] = State()
    states[node].height = height + 1
    guard height < configuration.targetHeight else { return }
    enterView(0, at: node, in: simulation)
    for message in held { accept(message, at: node, in: simulation) }
  }
}
