import Cryptography
import SimCore
import SimKernel

/// A Clique-like proof-of-authority chain (after Ethereum EIP-225): a fixed list of signers, one
/// slot every `period`, the in-turn signer of slot s being signer s mod n.
///
/// ```swift
/// let engine = ProofOfAuthorityEngine(
///   configuration: .init(period: .seconds(5), wiggle: .milliseconds(500)),
///   keys: keys, peers: .fullMesh(nodeCount: keys.count), transport: transport)
/// engine.start(in: simulation)
/// engine.submit(transaction, at: NodeID(2), in: simulation)
/// simulation.run(until: .zero + .seconds(60))
/// ```
///
/// **Sealing rule.** At the start of slot s the in-turn signer seals a block on its head, filled
/// from its mempool (`Mempool.select(limits:)`). The signer k places after it in the order
/// (k = 1…n−1) is a backup: k · `wiggle` into the slot it seals unless a block of slot s (or
/// later) has reached it. Crashed signers do nothing, so the first live signer after a crashed
/// in-turn one fills the slot, `wiggle` late per skipped place. (EIP-225 draws the out-of-turn
/// delay at random; a rank-ordered delay keeps the engine deterministic and fork-free when a
/// block reaches every signer within `wiggle`: one latency on a full mesh when flooding, three
/// when announcing.)
///
/// **Signer limit** (EIP-225). A signer may seal at most one of any ⌊n/2⌋ + 1 consecutive
/// blocks: one that sealed any of the last ⌊n/2⌋ blocks of the chain it would build on (the
/// genesis block, which Clique leaves unsigned, does not count) does not seal, and a received
/// block that breaks the rule on its parent's chain is rejected (`rejectedBlockCount`). The
/// ranks do not shift: a barred signer, in turn or backup, just passes, and the next rank still
/// waits its own k · `wiggle`, so a slot is filled (rank of the first live, willing, unbarred
/// signer) · `wiggle` late, and with a latency below `wiggle` the chain stays fork-free. With
/// every signer up the in-turn rotation never breaks the limit (a signer's previous block is n
/// blocks back), so fault-free runs are unaffected. With signers down, the limit often bars the
/// first live signers in rank, so slots are filled later (with exactly ⌊n/2⌋ + 1 signers live
/// they must take turns in a fixed cycle); with fewer the chain stops, as Clique's does. A
/// group of m ≤ ⌊n/2⌋ signers cut off from the rest seals at most one block each (m blocks)
/// before the limit stops it, so a minority partition cannot grow a chain of its own.
///
/// **Gossip and validation.** A node that attaches a block passes it on to its peers (the
/// sender excluded) as `configuration.gossip` says (`GossipMode`). Announcing (the default), it
/// sends each a "block-inv"; a peer that neither has the block nor is validating or holding it
/// asks the first announcer it heard ("block-getdata"), which sends the "block", and a request
/// unanswered within the timeout goes to the next announcer; the peers that announced a block
/// to a node are not announced it back. A block then takes three latencies per hop instead of
/// one (on a full mesh, 3 · latency from its sealer to everyone). Flooding, it sends the block
/// itself; copies of known blocks, or of blocks it is still validating or holding, are
/// dropped. Each node keeps its own `ChainStore` (longest chain; PoA networks are small).
/// Validation is real: `BlockValidator` plus the engine's rules (a later slot than the parent's,
/// a known signer's key, the signer limit), its `Work` added to `validationWork[node]`. A block
/// whose parent is unknown is checked as far as it can be (`validateContents`) and held; once
/// the parent is attached, the link and the engine's rules are checked and it is attached or
/// rejected.
///
/// **Catch-up sync.** When a block arrives whose parent the node neither has, nor is
/// validating, nor holds, it asks the sender for the missing ancestors: a "block-request"
/// message naming the missing hash plus a locator (the hashes of its main chain at heights
/// h, h−1, h−3, h−7, … and the genesis block; 32 bytes per hash). The sender, if up and
/// reachable, walks back from the missing block to the first block the locator names and sends
/// the blocks above it, lowest first, as "block" messages; the requester validates and attaches
/// them like any block (without forwarding them: they are old news) and then the held
/// descendants. One request per node is outstanding at a time: a block with a missing ancestor
/// that arrives meanwhile is only held, unless what was asked for has not come within one
/// `period` (a request or reply lost on the way), when it starts a new request. So after a
/// partition heals or a crashed node recovers, the next block a node receives from a node on
/// the longer chain pulls that chain in, the head moves to it, and the transactions of the
/// blocks it gives up return to the mempool.
///
/// **Conducts** (`setConduct`; `.honest` restores the protocol):
/// - `equivocate`: when it seals, it seals two blocks for the slot — the usual one, and an
///   empty twin stamped 1 ns later (so the two differ even with an empty mempool) — attaches
///   the first, passes it on (sends or announces it) to the first ⌈k/2⌉ of its k peers and the
///   twin to the others. Honest nodes pass both on, so each ends with one as head and the other stale; the next block
///   builds on one of them and every node converges on it.
/// - `withhold`: seals nothing (in turn or as a backup), but still validates, relays and
///   answers sync requests; its in-turn slots are filled by backups after their wiggle.
/// - `invalidBlocks`: whenever it would seal, it passes a block whose signature is broken on to
///   its peers, and does not attach it itself. Every receiver rejects it (`rejectedBlockCount`),
///   so no valid block of the slot arrives and the next backup seals as if it had withheld.
/// - `censor`: seals blocks without transactions (and, in shared code, relays none); the
///   transactions wait for the next honest signer.
///
/// **Time.** Without a compute service sealing and validation take no simulated time. With
/// one, a signer's block is sent once its sealing work ("seal-block") is done, and a receiver
/// attaches, forwards and reports a block once its validation work ("validate-block") is done.
///
/// **Transactions.** Validators admit and gossip transactions as `ConsensusEngine.submit`
/// describes. A block joining a node's main chain (`onBlockAccepted`) removes its transactions
/// from the node's mempool; a reorganisation returns those of the blocks it gave up that the
/// new main chain lacks. `onBlockConfirmed` fires once the main chain is
/// `confirmationDepth` blocks past a block (a reorganisation deeper than that does not revoke
/// a confirmation).
///
/// **Crashes.** A crashed node drops what is delivered to it and seals nothing; it loses its
/// mempool, the blocks it held for want of a parent and its outstanding requests. After
/// `recover` it resumes with the chain it had, and catches up at the first block it receives
/// whose parent it missed. Until then it may seal on its old head; that block loses to the
/// longer chain.
public final class ProofOfAuthorityEngine: EventHandler, ConsensusEngine, TransactionCarrying {
  /// The configuration.
  public let configuration: ProofOfAuthorityConfiguration
  /// The signers' keys; signer i is node i.
  let keys: [Ed25519.PrivateKey]
  let publicKeys: [Ed25519.PublicKey]
  let peers: PeerTable
  let transport: any MessageTransport
  let compute: (any ComputeService)?
  let validator = BlockValidator()
  let signatureMemo = SignatureMemo()
  var transactionPool: TransactionPool

  /// See `ConsensusEngine.onBlockAccepted`.
  public var onBlockAccepted: ((NodeID, Block, Simulation) -> Void)?
  /// See `ConsensusEngine.onBlockConfirmed`.
  public var onBlockConfirmed: ((NodeID, Block, Simulation) -> Void)?
  /// Every block sealed (not the genesis), in sealing order.
  public internal(set) var blockRecords: [BlockRecord] = []
  /// Each node's chain.
  public internal(set) var chains: [ChainStore]
  /// Whether each node is running.
  public private(set) var isUp: [Bool]
  /// How each validator behaves (`setConduct`).
  public internal(set) var conducts: [ValidatorConduct]
  /// Hashing and signing done by each node to seal its blocks.
  public internal(set) var sealWork: [Work]
  /// Hashing and verification done by each node to validate received blocks.
  public internal(set) var validationWork: [Work]
  /// When each node attached each block, in attachment order.
  public internal(set) var arrivals: [[BlockArrival]]
  /// Block messages sent so far (gossip, equivocating twins and sync replies).
  public internal(set) var sentMessageCount = 0
  /// Block-request messages sent so far (catch-up sync).
  public internal(set) var sentRequestCount = 0
  /// Block inventories ("block-inv") sent so far (announce-then-request gossip).
  public internal(set) var sentInventoryCount = 0
  /// Block requests ("block-getdata") sent so far, retries included.
  public internal(set) var sentGetDataCount = 0
  /// Block requests that timed out unanswered.
  public internal(set) var timedOutRequestCount = 0
  /// Received blocks that failed validation.
  public internal(set) var rejectedBlockCount = 0
  /// The highest height each node has confirmed.
  var confirmedHeights: [Int]
  /// Blocks each node is validating (their copies are dropped meanwhile).
  var validating: [Set<BlockHash>]
  /// Blocks each node holds until their parent is attached.
  var orphans: [OrphanPool]
  /// Each node's outstanding sync request: the hash it asked for and when.
  var syncRequests: [SyncRequest?]
  /// The blocks each node heard announced and has not received (announce-then-request).
  var fetches: FetchTable<BlockHash>
  var isStopped = false
  var slotHandle = EventHandle()

  /// An engine whose signers are nodes 0..<`keys.count`, all starting from one genesis block
  /// signed by signer 0 at time zero; `compute` charges sealing, validation and admission
  /// time (nil: none).
  /// - Precondition: at least one signer; `peers` has one list per signer.
  public init(
    configuration: ProofOfAuthorityConfiguration, keys: [Ed25519.PrivateKey], peers: PeerTable,
    transport: any MessageTransport, compute: (any ComputeService)? = nil
  ) {
    precondition(!keys.isEmpty, "ProofOfAuthority: no signers")
    precondition(
      peers.nodeCount == keys.count,
      "ProofOfAuthority: \(peers.nodeCount) peer lists for \(keys.count) signers")
    self.configuration = configuration
    self.keys = keys
    publicKeys = keys.map(\.publicKey)
    self.peers = peers
    self.transport = transport
    self.compute = compute
    transactionPool = TransactionPool(validatorCount: keys.count)
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: keys[0], work: &work)
    chains = Array(repeating: ChainStore(genesis: genesis), count: keys.count)
    isUp = Array(repeating: true, count: keys.count)
    conducts = Array(repeating: .honest, count: keys.count)
    sealWork = Array(repeating: .zero, count: keys.count)
    validationWork = Array(repeating: .zero, count: keys.count)
    arrivals = Array(repeating: [], count: keys.count)
    confirmedHeights = Array(repeating: 0, count: keys.count)
    validating = Array(repeating: [], count: keys.count)
    orphans = Array(repeating: OrphanPool(), count: keys.count)
    syncRequests = Array(repeating: nil, count: keys.count)
    fetches = FetchTable(nodeCount: keys.count)
  }

  /// The number of signers.
  public var signerCount: Int { keys.count }
  /// The number of signers (`ConsensusEngine`).
  public var validatorCount: Int { keys.count }
  /// The limits blocks are filled to and validated against.
  public var limits: BlockLimits { configuration.limits }
  /// How blocks and transactions are gossiped.
  public var gossip: GossipMode { configuration.gossip }
  /// What happened to the transactions received so far.
  public var transactionCounts: TransactionCounts { transactionPool.counts }
  /// `validator`'s mempool.
  public func mempool(of validator: NodeID) -> Mempool {
    transactionPool.mempools[validator.index]
  }

  /// Schedules slot 1 at `period` after now.
  public func start(in simulation: Simulation) {
    isStopped = false
    slotHandle = simulation.schedule(
      after: configuration.period, self, event: ProofOfAuthorityEvent.slotStarted(slot: 1).code)
  }

  /// Starts no further slot and no backup sealing; blocks being sealed or validated still
  /// finish and propagate.
  public func stop(in simulation: Simulation) {
    isStopped = true
    simulation.cancel(slotHandle)
  }

  /// Hands `transaction` to `validator` from a client (see `ConsensusEngine.submit`).
  public func submit(_ transaction: Transaction, at validator: NodeID, in simulation: Simulation) {
    receiveTransaction(transaction, at: validator.index, from: nil, in: simulation)
  }

  /// True when `hash` is on the main chain of the lowest-indexed live signer.
  public func isCanonical(_ hash: BlockHash) -> Bool {
    guard let node = isUp.firstIndex(of: true) else { return false }
    return chains[node].isOnMainChain(hash)
  }

  /// Stops `node`: it seals nothing and drops deliveries until `recover`; its mempool, the
  /// blocks it held for want of a parent and its outstanding sync, block and transaction
  /// requests are lost.
  public func crash(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = false
    transactionPool.dropMempool(at: node.index)
    transactionPool.fetches.dropAll(at: node.index, in: simulation)
    orphans[node.index] = OrphanPool()
    syncRequests[node.index] = nil
    fetches.dropAll(at: node.index, in: simulation)
  }

  /// Makes `validator` behave as `conduct` says from now on.
  public func setConduct(
    _ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation
  ) {
    conducts[validator.index] = conduct
  }

  /// Restarts `node` with the chain it had when it crashed; it catches up at the first block it
  /// receives whose parent it lacks.
  public func recover(node: NodeID, in simulation: Simulation) { isUp[node.index] = true }

  func isRunning(_ validator: Int) -> Bool { isUp[validator] }

  /// The signer in turn in `slot`.
  public func inTurnSigner(slot: UInt64) -> NodeID { NodeID(Int(slot % UInt64(keys.count))) }

  // MARK: - Events

  /// Handles a `ProofOfAuthorityEvent` code.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    switch ProofOfAuthorityEvent(code: event) {
    case .slotStarted(let slot):
      startSlot(slot, in: simulation)
    case .backupDeadline(let node, let slot):
      if !isStopped && isUp[node.index] && Self.slot(of: chains[node.index].head) < slot {
        seal(slot: slot, by: node, in: simulation)
      }
    }
  }

  private func startSlot(_ slot: UInt64, in simulation: Simulation) {
    guard !isStopped else { return }
    let n = keys.count
    let inTurn = Int(slot % UInt64(n))
    for rank in 0..<n {
      let node = NodeID((inTurn + rank) % n)
      guard isUp[node.index] else { continue }
      if rank == 0 {
        if Self.slot(of: chains[node.index].head) < slot {
          seal(slot: slot, by: node, in: simulation)
        }
      } else {
        simulation.schedule(
          after: configuration.wiggle * Int64(rank), self,
          event: ProofOfAuthorityEvent.backupDeadline(node: node, slot: slot).code)
      }
    }
    slotHandle = simulation.schedule(
      after: configuration.period, self,
      event: ProofOfAuthorityEvent.slotStarted(slot: slot + 1).code)
  }

  /// The slot a block was sealed in (0 for a block without a PoA seal, such as the genesis).
  static func slot(of block: Block) -> UInt64 {
    if case .proofOfAuthority(let slot) = block.header.seal { return slot }
    return 0
  }
}
