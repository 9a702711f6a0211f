import SimCore

/// When a `FlowNetwork` re-solves bandwidth shares after flows start or finish.
///
/// **`exact`** (the default) re-solves at the very instant of every start or finish, as SimGrid
/// does; it matches SimGrid's CM02 model to 2 ns (`analysis/simgrid/RESULTS.md`). Its cost per
/// start or finish is one solve of the coupled component of flows, which on a saturated topology
/// can be every flow in flight.
///
/// **`batched(interval: Δ)`** re-solves at most once per Δ, on the grid of multiples of Δ from
/// time zero: every start or finish between two grid instants is folded into one solve at the
/// next one. What this approximates, exactly:
/// - a flow whose latency has elapsed at `t` starts sharing (gets a rate) at the first grid
///   instant at or after `t`, so less than Δ late; until then it uses no bandwidth;
/// - a flow is delivered at the instant its last byte is through at the rates in force (not
///   rounded to the grid); the bandwidth it releases goes to the others at the next grid instant,
///   so less than Δ late;
/// - hence the rates in force at any instant `t` are the exact max-min allocation of the flows
///   that were sharing at the last grid instant at or before `t`: they are never more than Δ
///   stale, no link ever carries more than its capacity, and errors do not accumulate, since every
///   solve is exact and from scratch;
/// - a flow whose fair share does not change while it is sharing finishes less than Δ late;
///   in general a flow's completion moves by the (signed) sum of its own start delay and the
///   delays of the rate changes it sees, each under Δ.
///
/// Events already on the grid (every start and finish at a multiple of Δ) give the exact answer.
/// The cost is one component solve per grid instant with activity instead of one per event.
public enum RateUpdatePolicy: Sendable, Hashable, CustomStringConvertible {
  /// Re-solve at the instant of every start or finish.
  case exact
  /// Re-solve at most once per `interval` (positive), at the multiples of `interval`.
  case batched(interval: SimDuration)

  /// `exact`, or `batched(<interval>)`.
  public var description: String {
    switch self {
    case .exact: return "exact"
    case .batched(let interval): return "batched(\(interval))"
    }
  }

  /// The instant, at or after `instant`, when changes made at `instant` are solved; nil when
  /// that grid instant is not before `SimInstant`'s last one (the interval, not the clock, is then
  /// the problem: the network reports it as an instant beyond the clock instead of trapping).
  func solveInstant(after instant: SimInstant) -> SimInstant? {
    switch self {
    case .exact: return instant
    case .batched(let interval):
      let step = interval.nanoseconds
      let t = instant.nanosecondsSinceStart
      let remainder = t % step
      if remainder == 0 { return instant }
      let (next, overflow) = (t - remainder).addingReportingOverflow(step)
      return overflow || next == .max ? nil : SimInstant(nanosecondsSinceStart: next)
    }
  }
}
