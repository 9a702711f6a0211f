import SimCore

/// One finished message: what `transfers.csv` writes a row for.
public struct TransferRecord: Sendable, Hashable {
  public var flow: FlowID
  public var source: NodeID
  public var destination: NodeID
  public var size: ByteCount
  /// When the sender handed the message to the network.
  public var start: SimInstant
  /// When its last byte arrived (or, for a message a lossy link dropped, when it would have; for
  /// one lost to a node or link going down, that instant; for one lost at once, its start).
  public var finish: SimInstant
  /// The label the sender gave (`model`, `update`, …).
  public var kind: String
  /// The id a scenario's `transfers` workload gave the message; nil for a scheme's messages.
  public var transferID: String? = nil
  /// Links crossed (zero for a message lost at once, which never entered the network).
  public var hops: Int
  /// True when the message was not delivered: a lossy link lost it (it used the bandwidth all
  /// the same), a node or link of its route went down while it was in flight, or it was lost
  /// when sent (a down endpoint, or no route left).
  public var isLost: Bool
}
