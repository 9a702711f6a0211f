/// The column schemas of the CSV files a run writes. Every file starts with `time_ns,run,seed`;
/// times are integer nanoseconds in columns ending `_ns`; rows are in event order.
/// `README.md` documents each column; change both together.
public enum TraceSchema {
  /// `transfers.csv`: one row per finished message; `time_ns` is its finish. `flow` is the
  /// network's counter of messages (0, 1, … in send order per scheme), `kind` what the message
  /// is (`model`, `update`, …; `transfer` for a transfers workload's), `transfer_id` the id the
  /// scenario gave a transfers workload's transfer (empty for a scheme's own messages).
  public static let transfers = [
    "time_ns", "run", "seed", "scheme", "flow", "from", "to", "bytes", "start_ns", "finish_ns",
    "kind", "transfer_id", "hops", "lost",
  ]

  /// `rounds.csv`: one row per FL round; `time_ns` is the round's end.
  public static let rounds = [
    "time_ns", "run", "seed", "scheme", "round", "start_ns", "end_ns", "selected", "reported",
    "download_ns", "compute_ns", "upload_ns", "inclusion_ns", "confirmation_ns", "aggregation_ns",
    "bytes_down", "bytes_up",
    "accuracy", "loss", "epsilon",
  ]

  /// `updates.csv`: one row per update of a client sampled in a round (FL schemes only), so that
  /// none vanishes without a row; `time_ns` is when its fate was decided, and rows are ordered
  /// by `time_ns`, then round, then client index. `client` is the client's node, `bytes` the
  /// update's wire size, `sent_ns`/`arrived_ns` when it left the client and reached the
  /// aggregator (empty if it never did), `fate` one of `aggregated`, `rejected`, `late`, `lost`,
  /// `dropped`, `not_sent`, `unfinished`, `reason` a rejection's or a drop's reason, `score` the
  /// validators' score
  /// (empty until updates are validated).
  public static let updates = [
    "time_ns", "run", "seed", "scheme", "round", "client", "bytes", "sent_ns", "arrived_ns", "fate",
    "reason", "score",
  ]

  /// `reputation.csv`: for schemes that track reputation (a `reputation` selection, or a
  /// validation), one row per client after each round: its self-assessment, its (decayed)
  /// accepted and rejected evidence, its subjective-logic opinion, and its reputation.
  public static let reputation = [
    "time_ns", "run", "seed", "scheme", "round", "client", "self_assessment", "accepted",
    "rejected", "belief", "disbelief", "uncertainty", "reputation",
  ]

  /// `faults.csv` (runs with faults): one row per fault event, `event` `injected` or
  /// `recovered`; `fault` is its index in the scenario's `faults` list; `detail` the fault's
  /// parameter (a slowdown, a loss rate, a conduct, a process's means, a trace's period).
  public static let faults = [
    "time_ns", "run", "seed", "scheme", "fault", "kind", "target", "event", "detail",
  ]

  /// `tasks.csv`: one row per computation charged to a node; `time_ns` is its finish, or for a
  /// task its node lost in a crash (`lost` = 1) the crash instant.
  public static let tasks = [
    "time_ns", "run", "seed", "scheme", "node", "label", "submitted_ns", "start_ns", "finish_ns",
    "flop",
    "limb_mul", "hashed_bytes", "ciphered_bytes", "curve_mul", "lost",
  ]

  /// `links.csv`: bytes carried per link and direction at the end of the run.
  public static let links = [
    "time_ns", "run", "seed", "scheme", "link", "from", "to", "class", "latency_ns",
    "bandwidth_bps", "bytes",
  ]

  /// The `link_bytes_…` groups of `summary.csv`, in column order; `summaryLinkGroup(of:)` says
  /// which group a link class falls in. Every class the topology generators and the GraphML
  /// importer produce has a named group; `other` holds only classes a scenario names itself and
  /// links from a role-less host to a client, edge, cloud or validator.
  public static let summaryLinkGroups = [
    "client_edge", "edge_cloud", "client_cloud", "cloud_validator", "edge_validator", "p2p", "core",
    "other",
  ]

  /// The `summary.csv` group of a link class:
  /// - `client-edge`, `edge-cloud`, `client-cloud`, `cloud-validator`, `edge-validator`: their own;
  /// - `p2p`: links between two nodes of one tier, peers: the validators' mesh (`p2p`) and
  ///   `client-client`, `edge-edge`, `cloud-cloud`, `host-host` (a random-geometric mesh of
  ///   non-routers, say);
  /// - `core`: `core` (imported and random-geometric topologies: routers) and every class ending
  ///   in `-core` (a node of another tier attached to a router);
  /// - `other`: anything else.
  public static func summaryLinkGroup(of linkClass: String) -> String {
    switch linkClass {
    case "client-edge", "edge-cloud", "client-cloud", "cloud-validator", "edge-validator":
      return linkClass.replacingOccurrences("-", "_")
    case "p2p", "client-client", "edge-edge", "cloud-cloud", "host-host": return "p2p"
    case "core": return "core"
    case _ where linkClass.hasSuffix("-core"): return "core"
    default: return "other"
    }
  }

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
    ] + summaryLinkGroups.map { "link_bytes_" + $0 }
    + [
      "onchain_bytes", "gas", "final_accuracy", "best_accuracy", "final_loss", "epsilon", "faults",
      "updates_lost_to_faults", "rounds_without_quorum", "events",
    ]
}

extension String {
  fileprivate func replacingOccurrences(_ a: Character, _ b: Character) -> String {
    String(map { $0 == a ? b : $0 })
  }
}
