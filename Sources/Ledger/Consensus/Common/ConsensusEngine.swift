import SimCore
import SimKernel

/// A consensus engine: validators that carry transactions into blocks, agree on a chain, and
/// report when each validator accepts and confirms each block.
///
/// The three engines (`ProofOfAuthorityEngine`, `ProofOfWorkEngine`, `ByzantineEngine`) share
/// this surface so that a scheme can pick one per scenario:
///
/// ```swift
/// let engine: any ConsensusEngine = ProofOfAuthorityEngine(
///   configuration: .init(period: .seconds(5), wiggle: .milliseconds(500)), keys: keys,
///   peers: .fullMesh(nodeCount: keys.count), transport: MappedTransport(base: network,
///   nodes: validatorNodes), compute: MappedCompute(base: cluster, nodes: validatorNodes))
/// engine.onBlockConfirmed = { validator, block, simulation in … }
/// engine.start(in: simulation)
/// engine.submit(transaction, at: NodeID(0), in: simulation)
/// ```
///
/// **Time.** With a `ComputeService`, sealing ("seal-block"), validating ("validate-block") and
/// admitting a transaction ("admit-transaction") take the simulated time of their real `Work`
/// on the validator's device; without one they take none.
public protocol ConsensusEngine: AnyObject {
  /// Validators are the engine-local nodes 0..<validatorCount.
  var validatorCount: Int { get }
  /// The block limits proposers fill blocks to.
  var limits: BlockLimits { get }
  /// Schedules block production from now.
  func start(in simulation: Simulation)
  /// Stops block production (no new slots / mining / heights are scheduled; work in flight may
  /// finish) so that a run's event queue drains.
  func stop(in simulation: Simulation)
  /// A transaction reaches `validator` from outside (a client). The validator checks its
  /// signature (memoised by SignatureMemo; the Work is charged on its compute), admits it to its
  /// own mempool (duplicates, bad signatures, or ones too large for an empty block are dropped
  /// and counted), and gossips it to its peers, who do the same on first receipt.
  func submit(_ transaction: Transaction, at validator: NodeID, in simulation: Simulation)
  /// Called when `validator` accepts a block onto its main chain (PoA/PoW: attached and on the
  /// main chain, including blocks connected by a reorg; BFT: committed), after its validation
  /// time has elapsed.
  var onBlockAccepted: ((_ validator: NodeID, _ block: Block, _ simulation: Simulation) -> Void)? {
    get set
  }
  /// Called once per (validator, block), in height order per validator, when the block is
  /// confirmed there: PoA and PoW when the validator's main chain is `confirmationDepth` blocks
  /// past it (depth 0 = at acceptance); BFT at commit (final).
  var onBlockConfirmed: ((_ validator: NodeID, _ block: Block, _ simulation: Simulation) -> Void)?
  { get set }
  /// Every block produced (not the genesis), in production order.
  var blockRecords: [BlockRecord] { get }
  /// True when `hash` is on the main chain of the lowest-indexed validator that is up (used
  /// after a run to mark stale blocks).
  func isCanonical(_ hash: BlockHash) -> Bool
  /// Crashes `node`: it produces nothing and drops what is delivered to it until `recover`. Its
  /// chain survives the crash (it is on disk); its mempool does not (the transactions in it are
  /// dropped, and counted in `TransactionCounts.lostInCrashCount`).
  func crash(node: NodeID, in simulation: Simulation)
  /// Restarts `node` (each engine documents what it resumes with).
  func recover(node: NodeID, in simulation: Simulation)
  /// Makes `validator` behave as `conduct` says from now on (`.honest` restores the protocol).
  func setConduct(_ conduct: ValidatorConduct, of validator: NodeID, in simulation: Simulation)
}
