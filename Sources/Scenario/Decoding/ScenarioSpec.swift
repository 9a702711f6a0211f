import Faults
import Learning
import Ledger
import Platform
import Schemes
import SimCore
import Traces

/// A scenario decoded and validated: everything one run needs, with names resolved to IDs.
public struct ScenarioSpec: Sendable {
  /// The scenario's name; the default output folder is `traces/<name>/`.
  public var name: String
  /// The seed of every random stream of the run.
  public var seed: UInt64
  /// How flows share bandwidth.
  public var sharing: SharingPolicy
  /// When bandwidth shares are re-solved: at every flow start or finish, or on a grid.
  public var rateUpdate: RateUpdatePolicy
  public var topology: Topology
  public var workload: Workload
  /// The faults the run injects (`faults`); a paired run applies them to both twins.
  public var faults: FaultPlan = .none
  /// The output folder the file asks for, if any (the command line may override it).
  public var outputDirectory: String?
  /// The scenario as written, recorded in the manifest.
  public var source: JSONValue

  /// True when the workload is FedAvg on a chain: a blockchain scheme with a vanilla twin.
  public var isBlockchain: Bool {
    if case .fedavg(let fedavg) = workload { return fedavg.chain != nil }
    return false
  }

  /// What the run does on the platform.
  public enum Workload: Sendable {
    /// The listed messages, each sent at its start time.
    case transfers([TransferSpec])
    /// Vanilla FedAvg rounds.
    case fedavg(FedAvgSpec)
  }

  /// One scheduled message of a `transfers` workload.
  public struct TransferSpec: Sendable, Hashable {
    public var id: String
    public var from: NodeID
    public var to: NodeID
    public var size: ByteCount
    public var start: SimDuration
  }

  /// A FedAvg workload.
  public struct FedAvgSpec: Sendable {
    public var server: NodeID
    public var clients: [NodeID]
    public var rounds: Int
    public var clientFraction: Double
    public var epochs: Int
    public var batchSize: Int
    public var learningRate: Double
    public var roundDeadline: SimDuration?
    public var training: TrainingSpec
    /// The test accuracy whose first reaching `summary.csv` reports (`time_to_target_ns`).
    public var targetAccuracy: Double?
    /// The chain a blockchain FL scheme runs on; nil for vanilla FedAvg. With a chain, the
    /// scenario's scheme is `bcfl` (or `preset`) and its vanilla twin is this workload without
    /// the chain, as the `fedavg` preset.
    public var chain: ChainSpec?
    /// The preset the scheme starts from (`workload.scheme`; default `bcfl` with a chain, else
    /// `fedavg`).
    public var preset: SchemePreset = .fedavg
    /// The preset's stages after `workload.stages`' overrides. The aggregation defaults to
    /// `training.aggregation` (placeholder training: `fedavg`), which the twin also uses.
    public var stages = StageChoices(
      selection: .uniform, privacy: .noPrivacy, validation: .none,
      aggregation: .federatedAveraging)
    /// Who misbehaves, from which round (`workload.behaviours`); the twin has the same clients.
    public var behaviours = BehaviourPlan.everyoneHonest
    /// Where `workload.stages` is (or would be) written, for errors found when the data loads.
    public var stagesLocation = SourceLocation(file: "", line: 1, path: "workload.stages")
  }

  /// The chain of a blockchain FL scheme: consensus, validators, block limits, where payloads go.
  public struct ChainSpec: Sendable {
    /// The consensus engine and its parameters.
    public enum Consensus: Sendable, Hashable {
      /// Clique-like proof of authority: a block every `period`; backups `wiggle` apart.
      case proofOfAuthority(period: SimDuration, wiggle: SimDuration)
      /// Proof of work with equal miners and this mean block interval.
      case proofOfWork(meanInterval: SimDuration)
      /// Tendermint-like BFT with this first-round timeout, per-round increment, and pause
      /// after each commit (`timeout_commit`).
      case byzantine(timeout: SimDuration, timeoutIncrement: SimDuration, commitDelay: SimDuration)

      /// `poa`, `pow` or `bft`.
      public var name: String {
        switch self {
        case .proofOfAuthority: "poa"
        case .proofOfWork: "pow"
        case .byzantine: "bft"
        }
      }
    }
    public var consensus: Consensus
    /// How validators spread blocks and transactions to one another.
    public enum Gossip: String, CaseIterable, Sendable, Hashable {
      /// An inventory, a request to the first announcer, then the block or transaction.
      case announce
      /// The block or transaction itself to every peer.
      case flood
    }
    public var gossip: Gossip
    /// With `.announce`: how long a request waits before the next announcer is asked.
    public var gossipTimeout: SimDuration = GossipMode.defaultRequestTimeout
    /// The validator nodes, in engine order.
    public var validators: [NodeID]
    /// Blocks past a block before it counts as confirmed (PoA, PoW; BFT is final at commit).
    public var confirmations: Int
    /// `registrationDeadline` as written; nil: the round deadline, if any.
    public var registrationDeadline: SimDuration?
    public var maxBlockBytes: ByteCount
    public var maxBlockGas: UInt64
    /// Nil: update and model bytes on chain. A node: they go to this storage node, hashes on chain.
    public var storage: NodeID?
    /// Where the chain was declared, for errors found when the model's size is known.
    public var location: SourceLocation
  }

  /// Where the training work comes from.
  public enum TrainingSpec: Sendable {
    /// **Placeholder** training: a parameter count and samples per client, no real model.
    case placeholder(parameters: Int, samplesPerClient: Int)
    /// Real training of a real model on a real data set.
    case learning(LearningSpec)

    /// The training's aggregation rule (`training.aggregation`): the default of a scheme's
    /// aggregation stage and its vanilla twin's rule; FedAvg for placeholder training.
    public var aggregation: AggregationSpec {
      if case .learning(let learning) = self { return learning.aggregation }
      return .federatedAveraging
    }
  }

  /// Real training: what model, on what data, dealt to clients how, aggregated how.
  public struct LearningSpec: Sendable {
    public var model: ModelSpec
    public var dataset: DatasetSpec
    /// Where the dataset was named, for errors raised when it is loaded.
    public var datasetLocation: SourceLocation
    public var partition: PartitionScheme
    /// The share of a data set without an official test split held out for evaluation.
    public var testFraction: Double
    public var aggregation: AggregationSpec
    public var momentum: Float
    public var weightDecay: Float
    /// Host threads for one round's client trainings; results do not depend on it.
    public var threads: Int
  }

  /// A place in a scenario file.
  public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var line: Int
    public var path: String
  }
}
