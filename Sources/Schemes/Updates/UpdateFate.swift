/// What became of one sampled client's update in its round: the `fate` column of `updates.csv`.
public enum UpdateFate: Hashable, Sendable {
  /// Averaged into its round's global model.
  case aggregated
  /// Refused by the aggregator: on a chain, the federation contract's rejection, in words.
  case rejected(reason: String)
  /// Reached the aggregator after its round had closed (the deadline passed, or on a chain the
  /// round was aggregated before a block held it), so it was discarded.
  case late
  /// A lossy link dropped it, or a message it needed (the client's model download, or on a chain
  /// its off-chain payload upload or its transaction).
  case lost
  /// Dropped by a fault at the client: it was down when its round selected it, or it crashed
  /// while training; the reason says which.
  case dropped(reason: String)
  /// Never sent: the client was still downloading, training or (on a chain) preparing its
  /// update when its round closed or the run ended.
  case notSent
  /// Sent, but the run ended before its fate was decided: still in flight, or waiting for its
  /// round to close (a round that waits for a lost message never does).
  case unfinished

  /// The `fate` column: `aggregated`, `rejected`, `late`, `lost`, `dropped`, `not_sent`,
  /// `unfinished`.
  public var name: String {
    switch self {
    case .aggregated: "aggregated"
    case .rejected: "rejected"
    case .late: "late"
    case .lost: "lost"
    case .dropped: "dropped"
    case .notSent: "not_sent"
    case .unfinished: "unfinished"
    }
  }

  /// The `reason` column: a rejection's or a drop's reason, else empty.
  public var reason: String {
    switch self {
    case .rejected(let reason), .dropped(let reason): reason
    default: ""
    }
  }
}
