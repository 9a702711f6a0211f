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
/// connected yet waits until the parent arrives.
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

  /// Every block found, as one block tree (attached in discovery order).
  public internal(set) var chain: ChainStore
  /// Block messages sent so far.
  public internal(set) var sentMessageCount = 0
  /// Validation work of every miner together (each receipt charged once).
  public internal(set) var validationWork = Work.zero
  /// Hashing and signing work of making the blocks.
  public internal(set) var sealWork = Work.zero

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
    chain = ChainStore(genesis: genesis)
  }

  /// The number of miners.
  public var minerCount: Int { keys.count }
  /// The number of miners (`ConsensusEngine`).
  public var validatorCount: Int { keys.count }
  /// The limits blocks are filled to and validated against.
  public var limits: BlockLimits { configuration.limits }
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

  /// Stops `node`: it mines nothing and drops deliveries until `recover`; its mempool is lost.
  public func crash(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = false
    simulation.cancel(findHandles[node.index])
    transactionPool.dropMempool(at: node.index)
  }

  /// Makes `validator` behave as `conduct` says from now on.
  public func setConduct(
    _ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation
  ) {
    conducts[validator.index] = conduct
  }

  /// Restarts `node` with the head it had and draws its next find.
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

  /// Handles miner `event`'s find: makes the block on its head, then, once the sealing work is
  /// done, connects and sends it.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    let miner = Int(event)
    guard !isStopped, !isTargetReached else { return }
    let parentIndex = Int(heads[miner])
    let index = blocks.count
    var work = Work.zero
    let block = Block.make(
      on: blocks[parentIndex],
      transactions: transactionPool.mempools[miner].select(limits: configuration.limits),
      timestamp: simulation.now, proposer: NodeID(miner), signer: keys[miner],
      seal: .proofOfWork(nonce: UInt64(index), difficulty: 0), work: &work)
    sealWork += work
    var validation = Work.zero
    do {
      try validator.validate(
        block: block, parent: blocks[parentIndex], limits: configuration.limits,
        signatureMemo: signatureMemo, work: &validation)
      _ = try chain.add(block)
    } catch {
      preconditionFailure("ProofOfWork: own block rejected: \(error)")
    }
    blocks.append(block)
    foundInstants.append(simulation.now)
    parents.append(Int32(parentIndex))
    indexByHash[block.hash] = Int32(index)
    blockValidationWork.append(validation)
    received.append(contentsOf: repeatElement(0, count: wordsPerBlock))
    connected.append(contentsOf: repeatElement(0, count: wordsPerBlock))
    setBit(&received, index, miner)
    charge(work, on: miner, label: "seal-block", in: simulation) { [unowned self] simulation in
      // A miner that crashed while sealing loses the block (it stays stale).
      guard self.isUp[miner] else { return }
      self.connect(index, at: miner, from: -1, in: simulation)
      // Sealing consumed the pending find; draw the next unless a head move already did.
      if !simulation.isPending(self.findHandles[miner]) { self.redraw(miner, in: simulation) }
    }
  }
}
