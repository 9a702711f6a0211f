import SimCore

/// One finished message: what `transfers.csv` writes a row for.
public struct TransferRecord: Sendable, Hashable {
  public var flow: FlowID
  public var source: NodeID
  public var destination: NodeID
  public var size: ByteCount
  /// When the sender handed the message to the network.
  public var start: SimInstant
  /// When its last byte arrived (or, for a lost message, when it would have).
  public var finish: SimInstant
  /// The label the sender gave (`model`, `update`, …).
  public var kind: String
  /// The id a scenario's `transfers` workload gave the message; nil for a scheme's messages.
  public var transferID: String? = nil
  /// Links crossed.
  public var hops: Int
  /// True when a link lost the message: it used the bandwidth but was not delivered.
  public var isLost: Bool
}
