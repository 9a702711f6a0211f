import Cryptography
import SimCore
import SimKernel

/// A Tendermint-like BFT chain (Buchman, Kwon, Milosevic, "The latest gossip on BFT
/// consensus", 2018), simplified for crash faults: n = 3f + 1 validators, quorums of 2f + 1.
///
/// **Per height**, view v (Tendermint's "round"; the word is kept for FL here) has proposer
/// (height + v) mod n, which fills a block from its mempool and broadcasts it to the n − 1
/// others. A validator prevotes for the proposal when it arrives (and is validated), or nil
/// when its propose timeout (`baseTimeout` + v · `timeoutIncrement`) fires first. On 2f + 1
/// prevotes for one value it precommits that value (a block only once it holds the proposal);
/// on 2f + 1 precommits for a block it commits and starts the next height at once (no commit
/// timeout); on 2f + 1 nil precommits it moves to view v + 1. Votes go to all n − 1 others; a
/// validator counts its own vote locally.
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
/// **Votes are signed** (Ed25519 over the SHA-256 of their fields, see `ConsensusVote`): each
/// validator signs each vote once; every receiver checks it through a `VoteMemo`, so the real
/// check runs once per distinct vote while every receiver is charged its work (`voteWork`). A
/// vote that fails the check is dropped and counted (`rejectedVoteCount`).
///
/// **Transactions** are gossiped over `peers` (default: every validator to every other) as
/// `ConsensusEngine.submit` describes; a commit removes the block's transactions from the
/// validator's mempool. A commit is final: `onBlockAccepted` and `onBlockConfirmed` both fire
/// at it.
///
/// **Crashes.** A crashed validator drops deliveries and timeouts. On `recover` it takes the
/// heights committed meanwhile from the others (a block sync, trusting their commit quorum,
/// reported as commits at the recovery instant and charged no time), and until its next own
/// commit it syncs again whenever a message of a later height shows it has fallen behind.
///
/// **Simplifications**: crash faults only, so no locking/valid-block rules (proposals are real
/// signed blocks, validated with `BlockValidator`, work in `validationWork`); messages for a
/// later height are held until the validator gets there.
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
  /// f: the crash faults tolerated, (n − 1) / 3.
  public let faultTolerance: Int
  /// 2f + 1.
  public var quorum: Int { 2 * faultTolerance + 1 }

  /// See `ConsensusEngine.onBlockAccepted` (here: at commit).
  public var onBlockAccepted: ((NodeID, Block, Simulation) -> Void)?
  /// See `ConsensusEngine.onBlockConfirmed` (here: at commit, as for acceptance).
  public var onBlockConfirmed: ((NodeID, Block, Simulation) -> Void)?
  /// Every block proposed (not the genesis), in proposal order, including proposals of views
  /// that did not commit.
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
  /// Whether each validator is running.
  public internal(set) var isUp: [Bool]
  /// How each validator behaves (`setConduct`).
  public internal(set) var conducts: [ValidatorConduct]
  /// Validators that recovered and have not committed a height by votes since.
  var isSyncing: [Bool]
  var isStopped = false

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
    /// Proposals received and validated at this height, by view.
    var proposals: [Int: Block] = [:]
    /// Views whose proposal is being validated.
    var validatingViews: Set<Int> = []
    var tallies: [TallyKey: Int] = [:]
    /// Messages for later heights, in arrival order.
    var held: [Message] = []
  }
  enum Message {
    case proposal(Block, view: Int)
    case vote(ConsensusVote)
    var height: Int {
      switch self {
      case .proposal(let block, _): block.height
      case .vote(let vote): vote.height
      }
    }
  }
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
    faultTolerance = (keys.count - 1) / 3
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
  /// The limits blocks are filled to and validated against.
  public var limits: BlockLimits { configuration.limits }
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

  /// Stops `node`: it sends nothing and drops deliveries and timeouts; its mempool is lost.
  public func crash(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = false
    transactionPool.dropMempool(at: node.index)
  }

  /// Makes `validator` behave as `conduct` says from now on.
  public func setConduct(
    _ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation
  ) {
    conducts[validator.index] = conduct
  }

  /// Restarts `node`: it syncs the heights committed meanwhile, or re-arms the propose timeout
  /// of its current view (the armed one may have fired while it was down).
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
      let state = states[node.index]
      guard !isStopped, isUp[node.index], state.height == height, state.view == view,
        !state.hasPrevoted
      else { return }
      castVote(.prevote, block: nil, at: node.index, in: simulation)
    }
  }
}
