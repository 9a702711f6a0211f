import Cryptography
import SimCore
import SimKernel

/// A proof-of-work chain (Nakamoto consensus): miners find blocks as independent Poisson
/// processes, gossip them, and each follows the longest chain it has seen.
///
/// ```swift
/// let engine = ProofOfWorkEngine(
///   configuration: .equalMiners(10, meanBlockInterval: .seconds(600), targetBlockCount: 1_000),
///   keys: keys, peers: .fullMesh(nodeCount: 10), transport: transport, streams: streams)
/// engine.start(in: simulation)
/// simulation.run()                       // ends once the last block has propagated
/// engine.staleFraction
/// ```
///
/// **Mining.** Miner i finds a block after an exponential time of mean T / share_i drawn from
/// `streams.make(.proofOfWorkMining, index: i)`. Whenever its head changes the pending find is
/// cancelled and a new time drawn, which is exact because the exponential is memoryless (the
/// hash puzzle is not simulated; the seal's nonce is the block's index in the run). The block
/// is filled from the miner's mempool (`Mempool.select(limits:)`).
///
/// **Fork choice.** Each miner's head is the highest block it has connected; among equal
/// heights the first received stays (as in `ChainStore`). A block whose parent a miner has not
/// connected yet waits until the parent arrives. A head move of any depth (down to the common
/// ancestor and up the other branch) redraws the miner's pending find, fires `onBlockAccepted`
/// for every adopted block in height order, and gives the mempool back the transactions of the
/// retracted blocks that the new main chain lacks.
///
/// **Gossip** (`configuration.gossip`, see `GossipMode`). A miner passes on each block it
/// connects (its own, once sealed). Announcing (the default), it sends a "block-inv" to each
/// peer but the sender and those that announced the block to it; a peer that has not received
/// the block asks the first announcer it heard with a "block-getdata", and the announcer sends
/// the "block". A request unanswered within the timeout goes to the next announcer heard. So a
/// block crosses a hop in three one-way delays, each miner downloads it once, and a miner of d
/// peers sends at most d inventories per block. Flooding, it sends the block itself to each
/// peer but the sender, and receivers drop the copies they already have.
///
/// **Catch-up.** A parent lost on the way never comes again, so a miner that may lack blocks
/// asks for them: one to which a block message was lost (the transport reported it through
/// `onLoss`: a partition, a lossy link) or delivered while it was down. When a block reaches
/// such a miner and an ancestor of it has not, it sends the block's sender a "block-request"
/// naming the lowest missing ancestor and carrying a locator of its own main chain (Bitcoin's
/// `getblocks`: its head, the 10 blocks below, then steps doubling down to the genesis block;
/// 37 + 32 · entries bytes). The sender answers with the blocks above the highest locator
/// entry on the missing block's branch, up to it, in height order, as "block" messages, which
/// connect and are passed on as any block. An inventory lost on its way flags its receiver as
/// a lost block does. A sender that has not received the requester's
/// head asks back once, the same way, so after a partition heals the first block found on
/// either side brings each side the other's branch and every miner follows the longer one
/// (a tie stands until the next block). A miner that recovers from a crash catches up the same
/// way on the first block it then receives. In a run where no block message is lost, a parent
/// not yet received is still on its way (a transport may reorder messages), so no miner is
/// flagged and no request is sent: lossless runs are unchanged.
///
/// **Memory.** The block tree is shared: blocks live once in the engine, each miner keeps only
/// its head and two bits per block (received, connected), so 1,000 miners cost kilobytes per
/// block rather than a `ChainStore` each. `chain`, a `ChainStore` holding every block found,
/// gives the stale count (`ChainStore.staleBlockCount`) and confirmation depths.
///
/// **Validation.** Each block is validated for real once (`BlockValidator`, transaction
/// signatures through a `SignatureMemo`); the work is charged again for every miner that
/// receives it, into `validationWork`.
///
/// **Time.** Without a compute service sealing and validation take no simulated time. With
/// one, a found block is sent once its sealing work ("seal-block") is done (the miner does not
/// mine meanwhile), and a receiver connects, forwards and reports a block once its validation
/// work ("validate-block") is done.
///
/// **Transactions.** Miners admit and gossip transactions as `ConsensusEngine.submit`
/// describes. A block joining a miner's main chain (`onBlockAccepted`) removes its transactions
/// from that mempool; a reorganisation returns those of the blocks given up that the new main
/// chain lacks, in block order. `onBlockConfirmed` fires once the main chain is
/// `confirmationDepth` blocks past a block (a deeper reorganisation does not revoke it).
///
/// **Conducts** (`setConduct`, read at each find; `.honest` restores the protocol):
/// - `.equivocate`: a find makes two blocks on the same parent, the first with the
///   transactions selected, the second empty (and with the next nonce), and passes the first on
///   (sends or announces it) to the first half of the miner's peers (rounded up, in peer-table
///   order) and the second to the rest; the miner keeps the first as its head. Both count as found blocks (a target may be
///   overshot by one). Gossip spreads both, each miner keeps the one it received first, and the
///   next block found settles which stays: the other is stale.
/// - `.withhold`: a find is dropped unpublished (counted in `withheldBlockCount`) and the miner
///   keeps mining on the public head and relaying. Its hash power is wasted for the public
///   chain, whose block rate falls to (1 − s) / T for a withheld share s. Selfish mining
///   (building on the withheld blocks and releasing them strategically; Eyal and Sirer 2014)
///   is not modelled.
/// - `.invalidBlocks`: a find makes a block on the miner's head with a broken signature (one
///   bit of R flipped) and passes it on to its peers (announced, each asks for it once, with
///   no retry: only its publisher has it); the miner stays on its head. Each receiver
///   spends the validation work up to the failed check ("validate-block"), rejects the block
///   (`rejectedBlockCount`), neither connects nor forwards it, and keeps mining on its head.
///   Such blocks are kept apart in `invalidBlocks`: not in `blocks`, `chain` or the found count.
/// - `.censor`: its blocks carry no transactions (and, as in every engine, it relays none).
public final class ProofOfWorkEngine: EventHandler, ConsensusEngine, TransactionCarrying {
  /// The configuration.
  public let configuration: ProofOfWorkConfiguration
  let keys: [Ed25519.PrivateKey]
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
  /// Every block found, by index in order of discovery; index 0 is the genesis block.
  public internal(set) var blocks: [Block]
  /// When each block was found.
  public internal(set) var foundInstants: [SimInstant]
  /// The parent's index of each block (−1 for the genesis block).
  var parents: [Int32]
  /// Each block's index by hash (lookup only).
  var indexByHash: [BlockHash: Int32]
  /// The work of validating each block once.
  var blockValidationWork: [Work]
  // The bit arrays are read or written on every block delivery, always by this class's own
  // methods in accesses that span no call into other code, so the runtime exclusivity check
  // Swift would make per access (5% of a 1,000-miner run) cannot fail.
  /// Received bits: block b, miner m at word b · wordsPerBlock + m / 64.
  @exclusivity(unchecked) var received: [UInt64]
  /// Connected bits (received, validated, and its parent connected), laid out as `received`.
  @exclusivity(unchecked) var connected: [UInt64]
  let wordsPerBlock: Int
  /// Each miner's head (a block index).
  var heads: [Int32]
  /// The highest height each miner has confirmed.
  var confirmedHeights: [Int]
  /// Blocks each miner validated before connecting their parent.
  var waiting: [[Int32]]
  var generators: [Xoshiro256StarStar]
  var findHandles: [EventHandle]
  var isStopped = false
  /// Whether each miner is running.
  public internal(set) var isUp: [Bool]
  /// How each validator behaves (`setConduct`).
  public internal(set) var conducts: [ValidatorConduct]
  /// Whether each miner may lack blocks its peers have: a block message to it was lost, or
  /// delivered while it was down. Only such a miner asks for missing ancestors (catch-up).
  let mayLackBlocks: MinerFlags
  /// `lostBlockActions[m]`: what a block message lost on its way to miner m runs (it flags m).
  /// Made once per miner, and a constant: a closure per message would cost an allocation on
  /// the delivery path, and a variable an exclusivity check.
  let lostBlockActions: [LossAction]
  /// The work of validating each invalid block once, up to its failed check.
  var invalidBlockWork: [Work] = []

  /// Every block found, as one block tree (attached in discovery order).
  public internal(set) var chain: ChainStore
  /// Block messages sent so far.
  public internal(set) var sentMessageCount = 0
  /// Validation work of every miner together (each receipt charged once).
  public internal(set) var validationWork = Work.zero
  /// Hashing and signing work of making the blocks.
  public internal(set) var sealWork = Work.zero
  /// Block-request messages sent so far (catch-up).
  public internal(set) var sentRequestCount = 0
  /// Block inventories ("block-inv") sent so far (announce-then-request gossip).
  public internal(set) var sentInventoryCount = 0
  /// Block requests ("block-getdata") sent so far, retries included.
  public internal(set) var sentGetDataCount = 0
  /// Block requests that timed out unanswered.
  public internal(set) var timedOutRequestCount = 0
  /// The blocks each miner heard announced and has not received (announce-then-request).
  /// Unchecked for the reason the bit arrays are: only this class's methods touch it, in
  /// accesses that call no other code of the engine.
  @exclusivity(unchecked) var fetches: FetchTable<Int32>
  /// The blocks `.invalidBlocks` miners published, in order: none is in `blocks` or `chain`.
  public internal(set) var invalidBlocks: [Block] = []
  /// Copies of invalid blocks that receivers validated and rejected.
  public internal(set) var rejectedBlockCount = 0
  /// Finds of `.withhold` miners, dropped unpublished.
  public internal(set) var withheldBlockCount = 0

  /// An engine whose miners are nodes 0..<`keys.count`, starting from a genesis block signed by
  /// miner 0; `compute` charges sealing, validation and admission time (nil: none).
  /// - Precondition: one key, one hash share and one peer list per miner.
  public init(
    configuration: ProofOfWorkConfiguration, keys: [Ed25519.PrivateKey], peers: PeerTable,
    transport: any MessageTransport, streams: RandomStreams, compute: (any ComputeService)? = nil
  ) {
    let n = keys.count
    precondition(
      configuration.hashShares.count == n && peers.nodeCount == n,
      "ProofOfWork: \(n) keys, \(configuration.hashShares.count) shares, \(peers.nodeCount) peer lists"
    )
    self.configuration = configuration
    self.keys = keys
    self.peers = peers
    self.transport = transport
    self.compute = compute
    transactionPool = TransactionPool(validatorCount: n)
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: keys[0], work: &work)
    blocks = [genesis]
    foundInstants = [.zero]
    parents = [-1]
    indexByHash = [genesis.hash: 0]
    blockValidationWork = [.zero]
    wordsPerBlock = (n + 63) / 64
    received = Array(repeating: ~0, count: wordsPerBlock)
    connected = Array(repeating: ~0, count: wordsPerBlock)
    heads = Array(repeating: 0, count: n)
    confirmedHeights = Array(repeating: 0, count: n)
    waiting = Array(repeating: [], count: n)
    generators = (0..<n).map { streams.make(.proofOfWorkMining, index: $0) }
    findHandles = Array(repeating: EventHandle(), count: n)
    isUp = Array(repeating: true, count: n)
    conducts = Array(repeating: .honest, count: n)
    let mayLackBlocks = MinerFlags(count: n)
    self.mayLackBlocks = mayLackBlocks
    lostBlockActions = (0..<n).map { miner in
      LossAction { _ in mayLackBlocks.values[miner] = true }
    }
    chain = ChainStore(genesis: genesis)
    fetches = FetchTable(nodeCount: n)
  }

  /// The number of miners.
  public var minerCount: Int { keys.count }
  /// The number of miners (`ConsensusEngine`).
  public var validatorCount: Int { keys.count }
  /// The limits blocks are filled to and validated against.
  public var limits: BlockLimits { configuration.limits }
  /// How blocks and transactions are gossiped.
  public var gossip: GossipMode { configuration.gossip }
  /// Blocks found so far, genesis excluded.
  public var foundBlockCount: Int { blocks.count - 1 }
  /// Every block found (not the genesis), in discovery order.
  /// - Complexity: O(blocks found).
  public var blockRecords: [BlockRecord] { blocks.dropFirst().map(BlockRecord.init) }
  /// What happened to the transactions received so far.
  public var transactionCounts: TransactionCounts { transactionPool.counts }
  /// `miner`'s mempool.
  public func mempool(of miner: NodeID) -> Mempool { transactionPool.mempools[miner.index] }
  /// Stale blocks over blocks found: `chain.staleBlockCount / foundBlockCount` (0 before any).
  public var staleFraction: Double {
    foundBlockCount == 0 ? 0 : Double(chain.staleBlockCount) / Double(foundBlockCount)
  }
  /// Stale blocks per main-chain block: `chain.staleBlockCount / chain.height` (0 before
  /// any). Each block on the main chain is challenged by a competitor with some probability
  /// q, costing one stale block, so this estimates q, and `staleFraction` = q / (1 + q).
  public var staleRate: Double {
    chain.height == 0 ? 0 : Double(chain.staleBlockCount) / Double(chain.height)
  }
  /// Miner `miner`'s head.
  public func head(of miner: NodeID) -> Block { blocks[Int(heads[miner.index])] }

  /// True when `hash` is on the main chain of the lowest-indexed live miner.
  /// - Complexity: O(its depth below that head).
  public func isCanonical(_ hash: BlockHash) -> Bool {
    guard let miner = isUp.firstIndex(of: true), let index = indexByHash[hash] else {
      return false
    }
    let height = blocks[Int(index)].height
    var cursor = Int(heads[miner])
    while blocks[cursor].height > height { cursor = Int(parents[cursor]) }
    return cursor == Int(index)
  }

  /// Draws every miner's first find.
  public func start(in simulation: Simulation) {
    isStopped = false
    for miner in 0..<minerCount { redraw(miner, in: simulation) }
  }

  /// Cancels every pending find; blocks being sealed or validated still finish and propagate.
  public func stop(in simulation: Simulation) {
    isStopped = true
    for handle in findHandles { simulation.cancel(handle) }
  }

  /// Hands `transaction` to `miner` from a client (see `ConsensusEngine.submit`).
  public func submit(_ transaction: Transaction, at miner: NodeID, in simulation: Simulation) {
    receiveTransaction(transaction, at: miner.index, from: nil, in: simulation)
  }

  /// Stops `node`: it mines nothing and drops deliveries until `recover`; its mempool and its
  /// outstanding block and transaction requests are lost.
  public func crash(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = false
    simulation.cancel(findHandles[node.index])
    transactionPool.dropMempool(at: node.index)
    transactionPool.fetches.dropAll(at: node.index, in: simulation)
    fetches.dropAll(at: node.index, in: simulation)
  }

  /// Makes `validator` behave as `conduct` says from now on.
  public func setConduct(
    _ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation
  ) {
    conducts[validator.index] = conduct
  }

  /// Restarts `node` with the head it had and draws its next find; the blocks found meanwhile
  /// reach it through catch-up, on the first block it receives.
  public func recover(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = true
    redraw(node.index, in: simulation)
  }

  func isRunning(_ validator: Int) -> Bool { isUp[validator] }

  var isTargetReached: Bool {
    configuration.targetBlockCount.map { foundBlockCount >= $0 } ?? false
  }

  // MARK: - Mining

  func redraw(_ miner: Int, in simulation: Simulation) {
    simulation.cancel(findHandles[miner])
    guard isUp[miner], !isStopped, !isTargetReached else { return }
    let mean = configuration.meanBlockInterval.seconds / configuration.hashShares[miner]
    let delay = SimDuration(
      seconds: generators[miner].nextExponential(mean: mean), rounding: .up)
    findHandles[miner] = simulation.schedule(after: delay, self, event: UInt64(miner))
  }

  /// Handles miner `event`'s find as its conduct says (see the type's overview).
  /// A request timeout's code (`timeoutCode`) goes to `requestTimedOut` instead.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    guard event & Self.timeoutFlag == 0 else {
      requestTimedOut(code: event, in: simulation)
      return
    }
    let miner = Int(event)
    guard !isStopped, !isTargetReached else { return }
    switch conducts[miner] {
    case .honest:
      mine(
        transactionPool.mempools[miner].select(limits: configuration.limits), by: miner,
        in: simulation)
    case .censor: mine([], by: miner, in: simulation)
    case .equivocate: equivocate(miner, in: simulation)
    case .withhold: withholdFind(of: miner, in: simulation)
    case .invalidBlocks: publishInvalidBlock(miner, in: simulation)
    }
  }

  /// Makes `miner`'s block of `transactions` on its head, then, once the sealing work is done,
  /// connects and sends it.
  private func mine(_ transactions: [Transaction], by miner: Int, in simulation: Simulation) {
    let parentIndex = Int(heads[miner])
    var work = Work.zero
    let block = makeBlock(
      on: parentIndex, by: miner, transactions: transactions, work: &work, in: simulation)
    sealWork += work
    let index = record(block, parent: parentIndex, foundBy: miner, in: simulation)
    charge(work, on: miner, label: "seal-block", in: simulation) { [unowned self] simulation in
      // A miner that crashed while sealing loses the block (it stays stale).
      guard self.isUp[miner] else { return }
      self.connect(index, at: miner, from: -1, in: simulation)
      // Sealing consumed the pending find; draw the next unless a head move already did.
      if !simulation.isPending(self.findHandles[miner]) { self.redraw(miner, in: simulation) }
    }
  }

  /// `miner`'s block of `transactions` on block `parent`, sealed with the index it will have
  /// in `blocks` as nonce; adds the making's work to `work`.
  func makeBlock(
    on parent: Int, by miner: Int, transactions: [Transaction], work: inout Work,
    in simulation: Simulation
  ) -> Block {
    Block.make(
      on: blocks[parent], transactions: transactions, timestamp: simulation.now,
      proposer: NodeID(miner), signer: keys[miner],
      seal: .proofOfWork(nonce: UInt64(blocks.count), difficulty: 0), work: &work)
  }

  /// Validates `block`, which `miner` found on block `parent`, adds it to the tree (received by
  /// `miner` only) and returns its index.
  func record(_ block: Block, parent: Int, foundBy miner: Int, in simulation: Simulation) -> Int {
    var validation = Work.zero
    do {
      try validator.validate(
        block: block, parent: blocks[parent], limits: configuration.limits,
        signatureMemo: signatureMemo, work: &validation)
      _ = try chain.add(block)
    } catch {
      preconditionFailure("ProofOfWork: own block rejected: \(error)")
    }
    let index = blocks.count
    blocks.append(block)
    foundInstants.append(simulation.now)
    parents.append(Int32(parent))
    indexByHash[block.hash] = Int32(index)
    blockValidationWork.append(validation)
    received.append(contentsOf: repeatElement(0, count: wordsPerBlock))
    connected.append(contentsOf: repeatElement(0, count: wordsPerBlock))
    setBit(&received, index, miner)
    return index
  }
}
