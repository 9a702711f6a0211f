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
/// hash puzzle is not simulated; the seal's nonce is the block's index in the run).
///
/// **Fork choice.** Each miner's head is the highest block it has connected; among equal
/// heights the first received stays (as in `ChainStore`). A block whose parent a miner has not
/// connected yet waits until the parent arrives.
///
/// **Memory.** The block tree is shared: blocks live once in the engine, each miner keeps only
/// its head and one bit per block (received or not), so 1,000 miners cost kilobytes per block
/// rather than a `ChainStore` each. `chain`, a `ChainStore` holding every block found, gives
/// the stale count (`ChainStore.staleBlockCount`) and confirmation depths.
///
/// **Validation.** Each block is validated for real once (`BlockValidator`: header hash and
/// signature); the work is charged again for every miner that receives it, into
/// `validationWork`. In this version validation takes no simulated time.
public final class ProofOfWorkEngine: EventHandler {
  /// The configuration.
  public let configuration: ProofOfWorkConfiguration
  let keys: [Ed25519.PrivateKey]
  let peers: PeerTable
  let transport: any MessageTransport
  let validator = BlockValidator()

  /// Every block found, by index in order of discovery; index 0 is the genesis block.
  public private(set) var blocks: [Block]
  /// When each block was found.
  public private(set) var foundInstants: [SimInstant]
  /// The parent's index of each block (−1 for the genesis block).
  var parents: [Int32]
  /// The work of validating each block once.
  var blockValidationWork: [Work]
  /// Received bits: block b, miner m at word b · wordsPerBlock + m / 64.
  var received: [UInt64]
  let wordsPerBlock: Int
  /// Each miner's head (a block index).
  var heads: [Int32]
  /// Blocks each miner received before their parent.
  var waiting: [[Int32]]
  var generators: [Xoshiro256StarStar]
  var findHandles: [EventHandle]
  /// Whether each miner is running.
  public private(set) var isUp: [Bool]

  /// Every block found, as one block tree (attached in discovery order).
  public private(set) var chain: ChainStore
  /// Block messages sent so far.
  public private(set) var sentMessageCount = 0
  /// Validation work of every miner together (each receipt charged once).
  public private(set) var validationWork = Work.zero
  /// Hashing and signing work of making the blocks.
  public private(set) var sealWork = Work.zero

  /// An engine whose miners are nodes 0..<`keys.count`, starting from a genesis block signed by
  /// miner 0.
  /// - Precondition: one key, one hash share and one peer list per miner.
  public init(
    configuration: ProofOfWorkConfiguration, keys: [Ed25519.PrivateKey], peers: PeerTable,
    transport: any MessageTransport, streams: RandomStreams
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
    var work = Work.zero
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: keys[0], work: &work)
    blocks = [genesis]
    foundInstants = [.zero]
    parents = [-1]
    blockValidationWork = [.zero]
    wordsPerBlock = (n + 63) / 64
    received = Array(repeating: ~0, count: wordsPerBlock)
    heads = Array(repeating: 0, count: n)
    waiting = Array(repeating: [], count: n)
    generators = (0..<n).map { streams.make(.proofOfWorkMining, index: $0) }
    findHandles = Array(repeating: EventHandle(), count: n)
    isUp = Array(repeating: true, count: n)
    chain = ChainStore(genesis: genesis)
  }

  /// The number of miners.
  public var minerCount: Int { keys.count }
  /// Blocks found so far, genesis excluded.
  public var foundBlockCount: Int { blocks.count - 1 }
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

  /// Draws every miner's first find.
  public func start(in simulation: Simulation) {
    for miner in 0..<minerCount { redraw(miner, in: simulation) }
  }

  /// Stops `node`: it mines nothing and drops deliveries until `recover`.
  public func crash(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = false
    simulation.cancel(findHandles[node.index])
  }

  /// Restarts `node` with the head it had and draws its next find.
  public func recover(node: NodeID, in simulation: Simulation) {
    isUp[node.index] = true
    redraw(node.index, in: simulation)
  }

  // MARK: - Mining

  private func redraw(_ miner: Int, in simulation: Simulation) {
    simulation.cancel(findHandles[miner])
    guard isUp[miner], foundBlockCount < configuration.targetBlockCount else { return }
    let mean = configuration.meanBlockInterval.seconds / configuration.hashShares[miner]
    let delay = SimDuration(
      seconds: generators[miner].nextExponential(mean: mean), rounding: .up)
    findHandles[miner] = simulation.schedule(after: delay, self, event: UInt64(miner))
  }

  /// Handles miner `event`'s find.
  public func handle(_ event: UInt64, in simulation: Simulation) {
    let miner = Int(event)
    guard foundBlockCount < configuration.targetBlockCount else { return }
    let parentIndex = Int(heads[miner])
    let index = blocks.count
    let block = Block.make(
      on: blocks[parentIndex], transactions: [], timestamp: simulation.now,
      proposer: NodeID(miner), signer: keys[miner],
      seal: .proofOfWork(nonce: UInt64(index), difficulty: 0), work: &sealWork)
    var work = Work.zero
    do {
      try validator.validate(
        block: block, parent: blocks[parentIndex], limits: configuration.limits, work: &work)
      _ = try chain.add(block)
    } catch {
      preconditionFailure("ProofOfWork: own block rejected: \(error)")
    }
    blocks.append(block)
    foundInstants.append(simulation.now)
    parents.append(Int32(parentIndex))
    blockValidationWork.append(work)
    received.append(contentsOf: repeatElement(0, count: wordsPerBlock))
    markReceived(index, by: miner)
    heads[miner] = Int32(index)
    redraw(miner, in: simulation)
    forward(index, from: miner, except: -1, in: simulation)
  }

  // MARK: - Gossip

  private func hasReceived(_ block: Int, _ miner: Int) -> Bool {
    received[block * wordsPerBlock + miner >> 6] & (1 << UInt64(miner & 63)) != 0
  }

  private func markReceived(_ block: Int, by miner: Int) {
    received[block * wordsPerBlock + miner >> 6] |= 1 << UInt64(miner & 63)
  }

  private func forward(_ block: Int, from miner: Int, except source: Int, in simulation: Simulation)
  {
    let size = blocks[block].byteCount
    for peer in peers.peers[miner] where peer.index != source {
      sentMessageCount += 1
      transport.send(from: NodeID(miner), to: peer, size: size, kind: "block", in: simulation) {
        [unowned self] simulation in
        self.receive(block, at: peer.index, from: miner, in: simulation)
      }
    }
  }

  private func receive(_ block: Int, at miner: Int, from source: Int, in simulation: Simulation) {
    guard isUp[miner], !hasReceived(block, miner) else { return }
    markReceived(block, by: miner)
    let parent = Int(parents[block])
    if !hasReceived(parent, miner) || waiting[miner].contains(Int32(parent)) {
      waiting[miner].append(Int32(block))
      return
    }
    connect(block, at: miner, from: source, in: simulation)
  }

  /// Connects `block` (whose parent `miner` has connected), then the blocks waiting for it.
  private func connect(_ block: Int, at miner: Int, from source: Int, in simulation: Simulation) {
    var stack = [(block, source)]
    while let (next, from) = stack.popLast() {
      validationWork += blockValidationWork[next]
      if blocks[next].height > blocks[Int(heads[miner])].height {
        heads[miner] = Int32(next)
        redraw(miner, in: simulation)
      }
      forward(next, from: miner, except: from, in: simulation)
      if !waiting[miner].isEmpty {
        let children = waiting[miner].filter { parents[Int($0)] == Int32(next) }
        waiting[miner].removeAll { parents[Int($0)] == Int32(next) }
        stack.append(contentsOf: children.reversed().map { (Int($0), -1) })
      }
    }
  }
}
