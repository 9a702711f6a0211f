/// The column schemas of the CSV files a run writes. Every file starts with `time_ns,run,seed`;
/// times are integer nanoseconds in columns ending `_ns`; rows are in event order.
/// `README.md` documents each column; change both together.
public enum TraceSchema {
  /// `transfers.csv`: one row per finished message; `time_ns` is its finish.
  public static let transfers = [
    "time_ns", "run", "seed", "scheme", "id", "from", "to", "bytes", "start_ns", "finish_ns",
    "kind", "hops",
    "lost",
  ]

  /// `rounds.csv`: one row per FL round; `time_ns` is the round's end.
  public static let rounds = [
    "time_ns", "run", "seed", "scheme", "round", "start_ns", "end_ns", "selected", "reported",
    "download_ns", "compute_ns", "upload_ns", "inclusion_ns", "confirmation_ns", "aggregation_ns",
    "bytes_down", "bytes_up",
    "accuracy", "loss",
  ]

  /// `tasks.csv`: one row per computation charged to a node; `time_ns` is its finish.
  public static let tasks = [
    "time_ns", "run", "seed", "scheme", "node", "label", "submitted_ns", "start_ns", "finish_ns",
    "flop",
    "limb_mul", "hashed_bytes", "ciphered_bytes", "curve_mul",
  ]

  /// `links.csv`: bytes carried per link and direction at the end of the run.
  public static let links = [
    "time_ns", "run", "seed", "scheme", "link", "from", "to", "class", "latency_ns",
    "bandwidth_bps", "bytes",
  ]

  /// The link classes `summary.csv` reports bytes for; any other class is added to `other`.
  public static let summaryLinkClasses = ["client-edge", "edge-cloud", "client-cloud", "p2p"]

  /// `blocks.csv`: one row per block a blockchain scheme's validators produced; `time_ns` is its
  /// creation.
  public static let blocks = [
    "time_ns", "run", "seed", "scheme", "height", "hash", "proposer", "created_ns",
    "transactions", "bytes", "intrinsic_gas", "execution_gas", "canonical",
  ]
  /// `summary.csv`: one row per run; a paired run adds a third row, scheme `bcfl/fedavg`, whose
  /// numeric columns are the blockchain figure over the vanilla one.
  public static let summary =
    [
      "time_ns", "run", "seed", "scenario", "scheme", "rounds", "total_time_ns",
      "time_to_target_ns", "messages", "message_bytes",
    ] + summaryLinkClasses.map { "link_bytes_" + $0.replacingOccurrences("-", "_") }
    + [
      "link_bytes_other", "onchain_bytes", "gas", "final_accuracy", "best_accuracy", "final_loss",
      "faults",
      "events",
    ]
}

extension String {
  fileprivate func replacingOccurrences(_ a: Character, _ b: Character) -> String {
    String(map { $0 == a ? b : $0 })
  }
}
