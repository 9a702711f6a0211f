import Platform
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
  public var topology: Topology
  public var workload: Workload
  /// The output folder the file asks for, if any (the command line may override it).
  public var outputDirectory: String?
  /// The scenario as written, recorded in the manifest.
  public var source: JSONValue

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
  }

  /// Where the training work comes from.
  public enum TrainingSpec: Sendable, Hashable {
    /// **Placeholder** training: a parameter count and samples per client, no real model.
    case placeholder(parameters: Int, samplesPerClient: Int)
  }
}
