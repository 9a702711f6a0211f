import Faults
import Ledger
import Platform
import Schemes
import SimCore
import SimKernel

/// Everything one scheme's run left behind: what the output files and the summary are made from.
/// A paired comparison has two.
struct SchemeRun {
  /// `transfers`, `fedavg` or `bcfl`.
  var scheme: String
  var simulation: Simulation
  var network: FlowNetwork
  var compute: ComputeCluster
  var rounds: [RoundRecord] = []
  /// Every sampled client's update (`fedavg` and `bcfl`), for `updates.csv`.
  var updates: [UpdateRecord] = []
  /// Every client's reputation after each round, when the scheme tracks it (`reputation.csv`).
  var reputation: [ReputationRecord] = []
  /// The blockchain scheme's chain, for `blocks.csv` and the on-chain totals.
  var chain: ChainOutcome?
  var warnings: [String] = []
  /// True when the federation ended before its last round (a warning names the cause).
  var stoppedEarly = false
  /// Every fault event of the run (`faults.csv`).
  var faults: [FaultRecord] = []
  /// The tasks and messages the run's timeline shows, when it draws one.
  var timeline: TimelineRecorder?
}

/// What a blockchain run's chain holds at the end.
struct ChainOutcome {
  /// Every block produced, in production order.
  var blocks: [BlockRecord]
  /// Per block: on the canonical chain at the end of the run.
  var isCanonical: [Bool]
  /// Per block: execution gas when the block executed (canonical blocks), else nil.
  var executionGas: [UInt64?]
  /// Canonical blocks' bytes: what every validator stores.
  var onChainBytes: Int64
  /// Intrinsic gas of the canonical blocks' transactions plus the contract's execution gas.
  var gas: UInt64
}
