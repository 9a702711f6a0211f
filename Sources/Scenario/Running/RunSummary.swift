import SimCore

/// The headline figures of one run: one row of `summary.csv` and of the table on stdout.
public struct RunSummary: Sendable, Hashable {
  public var scenario: String
  public var scheme: String
  public var seed: UInt64
  public var run: UInt64
  /// Rounds completed (0 for a transfers workload).
  public var rounds: Int
  /// Simulated time from start to the end of the last round (to the last event for transfers).
  public var totalTime: SimDuration
  /// When the test accuracy first reached the workload's `targetAccuracy`; nil if it never did
  /// or no target was set.
  public var timeToTarget: SimDuration?
  /// Messages delivered or lost, and their payload bytes counted once each.
  public var messages: Int
  public var messageBytes: Int64
  /// Bytes summed over every link crossed, by link class, classes in ascending order.
  public var linkBytesByClass: [(linkClass: String, bytes: Int64)]
  public var finalAccuracy: Double?
  public var bestAccuracy: Double?
  /// The test loss after the last round; nil without a real model.
  public var finalLoss: Double?
  /// The largest cumulative privacy loss ε of any client at the end; nil without a privacy
  /// stage that states one.
  public var epsilon: Double?
  /// Bytes of the canonical chain's blocks (zero without a chain).
  public var onChainBytes: Int64 = 0
  /// Gas of the canonical chain: transactions' intrinsic gas plus contract execution.
  public var gas: UInt64 = 0
  /// Faults injected (fault starts; recoveries are not counted).
  public var faults: Int = 0
  /// Sampled updates that a fault took: lost with a message they needed (a lossy link, a node or
  /// link down) or dropped at the client (down when sampled, crashed while training).
  public var updatesLostToFaults: Int = 0
  /// Rounds that closed with no update to aggregate (FedAvg's quorum is one update): the deadline
  /// passed before any arrived, and the model stayed as it was.
  public var roundsWithoutQuorum: Int = 0
  /// Events the kernel fired.
  public var events: Int64

  public static func == (a: RunSummary, b: RunSummary) -> Bool {
    a.scenario == b.scenario && a.scheme == b.scheme && a.seed == b.seed && a.run == b.run
      && a.rounds == b.rounds && a.totalTime == b.totalTime && a.messages == b.messages
      && a.messageBytes == b.messageBytes && a.finalAccuracy == b.finalAccuracy
      && a.finalLoss == b.finalLoss && a.timeToTarget == b.timeToTarget
      && a.onChainBytes == b.onChainBytes && a.gas == b.gas
      && a.bestAccuracy == b.bestAccuracy && a.events == b.events && a.epsilon == b.epsilon
      && a.faults == b.faults && a.updatesLostToFaults == b.updatesLostToFaults
      && a.roundsWithoutQuorum == b.roundsWithoutQuorum
      && a.linkBytesByClass.map(\.linkClass) == b.linkBytesByClass.map(\.linkClass)
      && a.linkBytesByClass.map(\.bytes) == b.linkBytesByClass.map(\.bytes)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(scenario)
    hasher.combine(seed)
    hasher.combine(totalTime)
  }
}
