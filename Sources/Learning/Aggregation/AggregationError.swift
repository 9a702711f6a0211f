/// Why a set of updates could not be aggregated, or an aggregation rule could not be built.
public enum AggregationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `spec` names no known rule.
  case unknownRule(spec: String)
  /// `spec` has `found` parameters where its rule takes `expected`.
  case wrongParameterCount(spec: String, expected: Int, found: Int)
  /// Parameter `position` (1-based) of `spec`, `value`, is not a number of the needed kind.
  case malformedParameter(spec: String, position: Int, value: String)
  /// A trimmed mean's per-side trim fraction is outside [0, 0.5).
  case trimFractionOutOfRange(Double)
  /// Krum's assumed number of Byzantine clients is negative.
  case negativeByzantineCount(Int)
  /// Multi-Krum's number of selected updates is below 1.
  case nonPositiveSelectionCount(Int)
  /// The round has no update to aggregate.
  case noUpdates
  /// Update `update` (position in the input) has `parameterCount` parameters; the first had
  /// `expected`.
  case dimensionMismatch(update: Int, parameterCount: Int, expected: Int)
  /// Every one of the `updateCount` updates has a sample count of zero, so FedAvg has no weight.
  case zeroTotalWeight(updateCount: Int)
  /// The sample counts overflow `Int` when update `update`'s count is added (a client declared an
  /// absurd count).
  case sampleCountOverflow(update: Int)
  /// Krum needs n > 2f + 2 updates (Blanchard et al. 2017); there were `updateCount` for
  /// `byzantineCount` = f.
  case tooFewUpdatesForKrum(updateCount: Int, byzantineCount: Int)
  /// Multi-Krum was asked to average `selectionCount` updates out of only `updateCount`.
  case selectionCountExceedsUpdates(selectionCount: Int, updateCount: Int)

  /// What failed, the offending value, and what is accepted, in one line.
  public var description: String {
    let accepted = "fedavg, median, trimmed-mean:β, krum:f, multi-krum:f:m"
    switch self {
    case .unknownRule(let spec):
      return "aggregation rule `\(spec)` is unknown; accepted: \(accepted)"
    case .wrongParameterCount(let spec, let expected, let found):
      return "aggregation rule `\(spec)` has \(found) parameter(s), its rule takes \(expected); "
        + "accepted: \(accepted)"
    case .malformedParameter(let spec, let position, let value):
      return "aggregation rule `\(spec)`: parameter \(position) `\(value)` is not a valid number; "
        + "accepted: \(accepted)"
    case .trimFractionOutOfRange(let fraction):
      return "trimmed mean: trim fraction β = \(fraction) per side is outside [0, 0.5)"
    case .negativeByzantineCount(let count):
      return "Krum: Byzantine count f = \(count) is negative; use f ≥ 0"
    case .nonPositiveSelectionCount(let count):
      return "Multi-Krum: selection count m = \(count) must be ≥ 1"
    case .noUpdates:
      return "aggregation: no update to aggregate; at least one is needed"
    case .dimensionMismatch(let update, let parameterCount, let expected):
      return "aggregation: update \(update) has \(parameterCount) parameters, the first has "
        + "\(expected); all updates of a round must have the same length"
    case .zeroTotalWeight(let updateCount):
      return "FedAvg: all \(updateCount) updates have sample count 0; at least one must be positive"
    case .sampleCountOverflow(let update):
      return "FedAvg: the total sample count overflows at update \(update); its declared count "
        + "is not plausible"
    case .tooFewUpdatesForKrum(let updateCount, let byzantineCount):
      return "Krum: \(updateCount) updates for f = \(byzantineCount) Byzantine clients; Krum needs "
        + "n > 2f + 2 = \(Int128(byzantineCount) * 2 + 2)"
    case .selectionCountExceedsUpdates(let selectionCount, let updateCount):
      return "Multi-Krum: cannot select m = \(selectionCount) of \(updateCount) updates; "
        + "use m ≤ \(updateCount)"
    }
  }
}
