import Cryptography
import SimCore
import SimKernel

/// A Tendermint-like BFT chain (Buchman, Kwon, Milosevic, "The latest gossip on BFT
/// consensus", 2018, Algorithm 1): n = 3f + 1 validators, quorums of 2f + 1, safe with up to f
/// validators that crash or misbehave (`ValidatorConduct`).
///
/// **Per height**, view v (Tendermint's "round"; the word is kept for FL here) has proposer
/// (height + v) mod n, which fills a block from its mempool and broadcasts it to the n − 1
/// others. A validator prevotes for the proposal when it arrives (and is validated), or nil
/// when its propose timeout (`baseTimeout` + v · `timeoutIncrement`) fires first. On 2f + 1
/// prevotes for one value it precommits that value (a block only once it holds the proposal);
/// on 2f + 1 precommits for a block it commits and starts the next height at once (no commit
/// timeout); on 2f + 1 nil precommits it moves to view v + 1. Votes go to all n − 1 others; a
/// validator counts its own vote locally, and each voter once per (step, view, value).
///
/// **Locks** (Tendermint's lockedValue and validValue): a validator that precommits a block is
/// locked on it and, in later views of the height, prevotes only that block, unless the proposal
/// comes with 2f + 1 prevotes of a view at or after its lock (its *valid view*). A validator that
/// saw 2f + 1 prevotes for a block it holds re-proposes that block, with that view, when it is
/// the proposer again. So a view may end undecided (below) without two blocks ever being
/// committed at one height; the engine's commit keeps a precondition on that.
///
/// **Message count** per height with everyone up and one view: n − 1 proposals, n(n − 1)
/// prevotes, n(n − 1) precommits: 2n² − n − 1 network messages (the "≈ 2n² + n" counts
/// the n self-deliveries and the proposer's own copy, which here cost nothing).
///
/// **Timing** on a fixed one-way delay d: proposal sent at t arrives at t + d, prevotes reach
/// quorum at t + 2d, precommits at t + 3d: commit at exactly t + 3d. With a compute service,
/// the proposal leaves after its sealing work ("seal-block"), each receiver prevotes after its
/// validation work ("validate-block"), a vote leaves after its signing work ("sign-vote") and
/// counts at a receiver after its verification work ("verify-vote").
///
/// **Timeouts**, each T_v = `baseTimeout` + v · `timeoutIncrement` in view v (so they grow from
/// view to view), each a no-op once the validator has left the view:
/// - *propose*, from entering the view: prevote nil if no valid proposal came;
/// - *prevote*, from seeing prevotes of 2f + 1 validators that give no quorum to nil or to the
///   block it holds: precommit nil;
/// - *precommit*, from seeing precommits of 2f + 1 validators that commit nothing it holds (and
///   are not 2f + 1 nil precommits, which move it on at once): move to view v + 1;
/// - *gossip*: a validator still in the view when its propose timeout fires sends its status
///   (below) to every other, then again every T_v while it stays there.
/// The prevote and precommit timeouts are armed only when the votes disagree, and the gossip
/// timeout only when a view outlasts its propose timeout, so a run where every proposal arrives
/// in time schedules no event beyond the propose timeouts.
///
/// **Votes are signed** (Ed25519 over the SHA-256 of their fields, see `ConsensusVote`): each
/// validator signs each vote once; every receiver checks it through a `VoteMemo`, so the real
/// check runs once per distinct vote while every receiver is charged its work (`voteWork`). A
/// vote that fails the check is dropped and counted (`rejectedVoteCount`). A proposal that fails
/// validation is dropped and counted (`rejectedProposalCount`); the receiver prevotes nil at its
/// propose timeout. A validator takes only the first valid proposal of each view.
///
/// **Transactions** are gossiped over `peers` (default: every validator to every other) as
/// `ConsensusEngine.submit` describes, announced then requested or flooded as
/// `configuration.gossip` says. Proposals are not gossiped: the proposer sends one copy to each
/// validator, so announcing them would only delay each height by two delays. A commit removes
/// the block's transactions from the validator's mempool. A commit is final: `onBlockAccepted`
/// and `onBlockConfirmed` both fire at it.
///
/// **Crashes.** A crashed validator drops deliveries and timeouts, and loses its mempool; its
/// chain, votes and locks survive (they are on disk). Votes sent to it meanwhile are lost, so on
/// `recover` it first takes the heights committed meanwhile from the others (a block sync,
/// trusting their commit quorum, reported as commits at the recovery instant and charged no
/// time), then sends its status to every other.
///
/// **Gossip.** A *status* (20 bytes: height, view, validator; kind "status") asks for what the
/// sender may have missed. A live receiver at the same height answers with its messages of the
/// height: the proposal it holds for its view ("proposal") and every vote it cast at the height
/// ("vote"); one at a later height answers with its own status, and one at an earlier height
/// first syncs. Copies count once. A re-sent message of a later height makes its receiver sync;
/// a re-sent vote of a later view of its height moves the receiver to that view once f + 1
/// validators have voted there (Tendermint's round skip), so a validator that recovers into an
/// old view joins its peers' view at once. Until its next own commit, a recovered validator also
/// syncs on any message of a later height.
///
/// With f validators down, every height commits (a down proposer costs a view change). With
/// f + 1 down, no view reaches a quorum and nothing commits; once enough recover, the answers
/// to the recovered one's status complete the stuck view within three delays of the recovery
/// (or, if it can no longer decide, its timeouts move everyone on). A healed network partition
/// resumes the same way: two delays after the first gossip timeout after healing, every
/// validator holds what the partition lost. A validator stuck for good (more than f down for
/// good) sends its status every T_v until `stop`.
///
/// **Conducts** (`setConduct`), with `.honest` restoring the protocol:
/// - `.equivocate`: as proposer it makes two valid blocks of the view (one from its mempool,
///   one empty and 1 ns younger), sends the first to the first half (rounded up) of the others
///   by ascending index and the second to the rest, and prevotes and precommits both at once.
///   With at most f such validators two blocks cannot both reach 2f + 1 precommits; an honest
///   validator that holds the other block takes the committed one from its peers (as a sync).
/// - `.withhold`: proposes nothing and casts no vote, but stays up: it receives, follows the
///   chain, relays transactions and answers statuses (with the proposal it holds). Its proposer
///   turns end by a view change (one propose timeout each).
/// - `.invalidBlocks`: as proposer it sends a block whose signature does not verify (a flipped
///   byte); every receiver rejects it, and the view ends by a view change. It votes honestly.
/// - `.censor`: makes empty blocks (a block it re-proposes keeps its transactions) and relays
///   no transaction; the others' next blocks carry the transactions.
/// A conduct set mid-view applies to the steps still to come: a withholder made honest again
/// votes from its next view on. More than f equivocating validators void the guarantee (and
/// trip the commit precondition).
///
/// **Simplifications**: proposals are real signed blocks, validated with `BlockValidator` (work
/// in `validationWork`), but the proposal message itself is not signed; messages for a later
/// height are held until the validator gets there; block syncs take no time.
public final class ByzantineEngine: EventHandler, ConsensusEngine, TransactionCarrying {
  /// The configuration.
  public let configuration: ByzantineConfiguration
  let keys: [Ed25519.PrivateKey]
  let publicKeys: [Ed25519.PublicKey]
  let peers: PeerTable
  let transport: any MessageTransport
  let compute: (any ComputeService)?
  let validator = BlockValidator()
  let signatureMemo = SignatureMemo()
  let voteMemo = VoteMemo()
  var transactionPool: TransactionPool
  /// f: the faulty validators tolerated, (n − 1) / 3.
  public let faultTolerance: Int
  /// 2f + 1.
  public var quorum: Int { 2 * faultTolerance + 1 }

  /// See `ConsensusEngine.onBlockAccepted` (here: at commit).
  public var onBlockAccepted: ((NodeID, Block, Simulation) -> Void)?
  /// See `ConsensusEngine.onBlockConfirmed` (here: at commit, as for acceptance).
  public var onBlockConfirmed: ((NodeID, Block, Simulation) -> Void)?
  /// Every block proposed (not the genesis), in proposal order, including proposals of views
  /// that did not commit (a block re-proposed in a later view counts once).
  public internal(set) var blockRecords: [BlockRecord] = []
  /// The committed chain (every validator commits the same blocks); index = height.
  public internal(set) var committed: [Block]
  /// The height of each committed block (lookup only).
  var committedHeights: [BlockHash: Int]
  /// When each validator committed each height: `commitInstants[node][h − 1]`.
  public internal(set) var commitInstants: [[SimInstant]]
  /// When the committed proposal of each height was made: `proposalInstants[h − 1]`.
  public internal(set) var proposalInstants: [SimInstant] = []
  /// Network messages sent, by the height they belong to: `messagesPerHeight[h − 1]`.
  public internal(set) var messagesPerHeight: [Int] = []
  /// Proposal validation work per validator.
  public internal(set) var validationWork: [Work]
  /// Vote signing and verification work per validator.
  public internal(set) var voteWork: [Work]
  /// Received votes whose signature did not verify (dropped).
  public internal(set) var rejectedVoteCount = 0
  /// Received proposals that failed validation (dropped), one per receiver and copy.
  public internal(set) var rejectedProposalCount = 0
  /// Whether each validator is running.
  public internal(set) var isUp: [Bool]
  /// How each validator behaves (`setConduct`).
  public internal(set) var conducts: [ValidatorConduct]
  /// Validators that recovered and have not committed a height by votes since.
  var isSyncing: [Bool]
  var isStopped = false
  /// The two blocks of each equivocating proposal whose height some validator has not left: an
  /// honest validator holding one fetches the other from here once it gathers 2f + 1
  /// precommits. In proposal order.
  var equivocalPairs: [(first: Block, second: Block)] = []

  var states: [State]

  /// An engine whose validators are nodes 0..<`keys.count`, from a genesis block signed by
  /// validator 0; transactions are gossiped over `peers` (nil: a full mesh); `compute` charges
  /// sealing, validation and admission time (nil: none).
  /// - Precondition: at least one validator; `peers`, when given, has one list per validator.
  public init(
    configuration: ByzantineConfiguration, keys: [Ed25519.PrivateKey], peers: PeerTable? = nil,
    transport: any MessageTransport, compute: (any ComputeService)? = nil
  ) {
    precondition(!keys.isEmpty, "Byzantine: no validators")
    let peers = peers ?? .fullMesh(nodeCount: keys.count)
    precondition(
      peers.nodeCount == keys.count,
      "Byzantine: \(peers.nodeCount) peer lists for \(keys.count) validators")
    self.configuration = configuration
    self.keys = keys
    publicKeys = keys.map(\.publicKey)
    self.peers = peers
    self.transport = transport
    self.compute = compute
    transactionPool = TransactionPool(validatorCount: keys.count)
    faultTolerance = Self.faultTolerance(validatorCount: keys.count)
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: keys[0], work: &work)
    committed = [genesis]
    committedHeights = [genesis.hash: 0]
    commitInstants = Array(repeating: [], count: keys.count)
    validationWork = Array(repeating: .zero, count: keys.count)
    voteWork = Array(repeating: .zero, count: keys.count)
    isUp = Array(repeating: true, count: keys.count)
    conducts = Array(repeating: .honest, count: keys.count)
    isSyncing = Array(repeating: false, count: keys.count)
    states = Array(repeating: State(), count: keys.count)
  }

  /// The number of validators.
  public var validatorCount: Int { keys.count }

  /// f, the validators that may fail among `validatorCount`: ⌊(n − 1)/3⌋; a height commits with
  /// 2f + 1 of them.
  public static func faultTolerance(validatorCount: Int) -> Int { (validatorCount - 1) / 3 }
  /// The limits blocks are filled to and validated against.
  public var limits: BlockLimits { configuration.limits }
  /// How transactions are gossiped (blocks and votes are sent directly).
  public var gossip: GossipMode { configuration.gossip }
  /// Network messages sent so far (consensus only; transactions are in `transactionCounts`).
  public var sentMessageCount: Int { messagesPerHeight.reduce(0, +) }
  /// What happened to the transactions received so far.
  public var transactionCounts: TransactionCounts { transactionPool.counts }
  /// `validator`'s mempool.
  public func mempool(of validator: NodeID) -> Mempool {
    transactionPool.mempools[validator.index]
  }

  /// The proposer of (`height`, `view`).
  public func proposer(height: Int, view: Int) -> NodeID {
    NodeID((height + view) % keys.count)
  }

  /// True when `hash` is committed at the lowest-indexed live validator.
  public func isCanonical(_ hash: BlockHash) -> Bool {
    guard let node = isUp.firstIndex(of: true), let height = committedHeights[hash] else {
      return false
    }
    return height < states[node].height
  }

  /// Every live validator enters height 1, view 0.
  public func start(in simulation: Simulation) {
    isStopped = false
    guard !isTargetReached(height: 0) else { return }
    for node in 0..<keys.count where isUp[node] { enterView(0, at: node, in: simulation) }
  }

  /// Enters no further height or view and ignores pending timeouts; proposals and votes in
  /// flight are still delivered and counted, and may complete the current height.
  public func stop(in simulation: Simulation) { isStopped = true }

  /// Hands `transaction` to `validator` from a client (see `ConsensusEngine.submit`).
  public func submit(_ transaction: Transaction, at validator: NodeID, in simulation: Simulation) {
    receiveTransaction(transaction, at: validator.index, from: nil, in: simulation)
  }

  /// Stops `node`: it sends nothing and drops deliveries and timeouts; its mempool and its
  /// outstanding transaction requests are lost.
  public func crash(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = false
    transactionPool.dropMempool(at: node.index)
    transactionPool.fetches.dropAll(at: node.index, in: simulation)
  }

  /// Makes `validator` behave as `conduct` says from now on (see **Conducts** above).
  public func setConduct(
    _ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation
  ) {
    conducts[validator.index] = conduct
  }

  /// Restarts `node`: it syncs the heights committed meanwhile, or re-arms the propose timeout
  /// of its current view (the armed one may have fired while it was down); then it announces
  /// itself, and the others re-send it their messages of their current height.
  public func recover(node: NodeID, in simulation: Simulation) {
    let index = node.index
    guard !isUp[index] else { return }
    isUp[index] = true
    isSyncing[index] = true
    if committed.count > states[index].height {
      catchUp(index, in: simulation)
    } else if !isStopped && !isTargetReached(height: states[index].height - 1) {
      armTimeout(at: index, in: simulation)
    }
    if !isStopped && !isTargetReached(height: states[index].height - 1) {
      announce(index, in: simulation)
    }
  }

  func isRunning(_ validator: Int) -> Bool { isUp[validator] }

  /// True when `height` is the last height to commit.
  func isTargetReached(height: Int) -> Bool {
    configuration.targetHeight.map { height >= $0 } ?? false
  }

  /// Handles a `ByzantineEvent` code.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    switch ByzantineEvent(code: event) {
    case .proposeTimeout(let node, let height, let view):
      let index = node.index
      guard isCurrent(index, height: height, view: view) else { return }
      if !states[index].hasPrevoted {
        castVote(.prevote, block: nil, at: index, in: simulation)
      }
      // Undecided for a whole timeout: from now on it asks the others for their messages
      // every timeout, in case the ones that would decide the view were lost.
      if isCurrent(index, height: height, view: view) {
        arm(.gossipTimeout(node: node, height: height, view: view), in: simulation)
      }
    case .prevoteTimeout(let node, let height, let view):
      let index = node.index
      guard isCurrent(index, height: height, view: view), states[index].hasPrevoted,
        !states[index].hasPrecommitted
      else { return }
      castVote(.precommit, block: nil, at: index, in: simulation)
    case .precommitTimeout(let node, let height, let view):
      guard isCurrent(node.index, height: height, view: view) else { return }
      enterView(view + 1, at: node.index, in: simulation)
    case .gossipTimeout(let node, let height, let view):
      let index = node.index
      guard isCurrent(index, height: height, view: view) else { return }
      announce(index, in: simulation)
      arm(.gossipTimeout(node: node, height: height, view: view), in: simulation)
    }
  }

  /// True when the engine runs and `node` is up and in (`height`, `view`): a timeout of that
  /// view still applies.
  private func isCurrent(_ node: Int, height: Int, view: Int) -> Bool {
    !isStopped && isUp[node] && states[node].height == height && states[node].view == view
  }

  /// T_v: how long each timeout of `view` waits.
  func timeout(ofView view: Int) -> SimDuration {
    configuration.baseTimeout + configuration.timeoutIncrement * Int64(view)
  }

  /// Schedules `event` (a timeout of its view) T_v from now.
  func arm(_ event: ByzantineEvent, in simulation: Simulation) {
    let view: Int
    switch event {
    case .proposeTimeout(_, _, let v), .prevoteTimeout(_, _, let v),
      .precommitTimeout(_, _, let v), .gossipTimeout(_, _, let v):
      view = v
    }
    simulation.schedule(after: timeout(ofView: view), self, event: event.code)
  }
}
