import Ledger
import SimCore

/// One fault of a scenario's `faults` list, at simulated instants measured from the start of the
/// run: a scheduled fault, a random fault process, or an availability trace. A window with no end
/// (`duration` or `until` nil) lasts to the end of the run.
public enum Fault: Sendable, Hashable {
  /// The node crashes at `at` and recovers `duration` later: its in-flight tasks and messages are
  /// lost, messages to it are lost, and it starts again with no volatile state.
  case crash(node: NodeID, at: SimDuration, duration: SimDuration?)
  /// The link goes down at `at` and comes back `duration` later: flows crossing it are lost, and
  /// routes are recomputed around it.
  case linkDown(link: LinkID, at: SimDuration, duration: SimDuration?)
  /// Every link between two of `groups` (node sets that together cover the topology) goes down
  /// at `at` and comes back `duration` later.
  case partition(groups: [[NodeID]], at: SimDuration, duration: SimDuration?)
  /// The node computes `slowdown` times slower from `from` until `until`.
  case straggler(node: NodeID, from: SimDuration, until: SimDuration?, slowdown: Double)
  /// Every one of `links` loses each message with probability `rate` from `from` until `until`.
  case loss(links: [LinkID], from: SimDuration, until: SimDuration?, rate: Double)
  /// The chain validator on `node` behaves as `conduct` says from `at` until `duration` later,
  /// then follows the protocol again (`ConsensusEngine.setConduct`).
  case byzantineValidator(
    node: NodeID, conduct: ValidatorConduct, at: SimDuration, duration: SimDuration?)
  /// Nodes crash, or links go down, at random instants: see `FaultProcess`.
  case random(FaultProcess)
  /// A node or a link goes down and up as a SimGrid state file says: see `AvailabilityTrace`.
  case availability(AvailabilityTrace)

  /// The scenario spelling of the fault's kind, `faults.csv`'s `kind` column.
  public var kind: String {
    switch self {
    case .crash: "crash"
    case .linkDown: "link-down"
    case .partition: "partition"
    case .straggler: "straggler"
    case .loss: "loss"
    case .byzantineValidator: "byzantine-validator"
    case .random(let process): process.kind
    case .availability: "availability"
    }
  }

  /// When the fault starts: a random process's `from`, a trace's first listed instant.
  public var start: SimDuration {
    switch self {
    case .crash(_, let at, _), .linkDown(_, let at, _), .partition(_, let at, _),
      .byzantineValidator(_, _, let at, _):
      at
    case .straggler(_, let from, _, _), .loss(_, let from, _, _): from
    case .random(let process): process.from
    case .availability(let trace): trace.start
    }
  }

  /// When the fault ends, or nil when it lasts to the end of the run (a random process without
  /// `until`, a periodic trace, a trace that leaves its element down).
  public var end: SimDuration? {
    switch self {
    case .crash(_, let at, let duration), .linkDown(_, let at, let duration),
      .partition(_, let at, let duration), .byzantineValidator(_, _, let at, let duration):
      duration.map { at + $0 }
    case .straggler(_, _, let until, _), .loss(_, _, let until, _): until
    case .random(let process): process.until
    case .availability(let trace): trace.end
    }
  }

  /// True for a fault with one start and at most one end (every kind but random processes and
  /// availability traces, whose elements change many times).
  public var isScheduled: Bool {
    switch self {
    case .random, .availability: false
    default: true
    }
  }
}
