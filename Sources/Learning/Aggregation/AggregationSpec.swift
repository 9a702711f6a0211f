/// An aggregation rule named as in a scenario file: `fedavg`, `median`, `trimmed-mean:β`,
/// `krum:f` or `multi-krum:f:m`.
///
/// ```
/// let rule = try AggregationSpec(parsing: "trimmed-mean:0.1").makeRule()
/// let result = try rule.aggregate(updates)
/// ```
public enum AggregationSpec: Equatable, Sendable, CustomStringConvertible {
  /// Sample-count-weighted mean: `fedavg`.
  case federatedAveraging
  /// Coordinate-wise median: `median`.
  case coordinateMedian
  /// Coordinate-wise mean after trimming the fraction β from each side: `trimmed-mean:β`.
  case trimmedMean(trimFraction: Double)
  /// Krum sized for f Byzantine updates: `krum:f`.
  case krum(byzantineCount: Int)
  /// Multi-Krum: the mean of the m best Krum scores, sized for f: `multi-krum:f:m`.
  case multiKrum(byzantineCount: Int, selectionCount: Int)

  /// Parses a rule name and its colon-separated parameters, and checks the parameters.
  /// - Throws: `AggregationError.unknownRule`, `.wrongParameterCount`, `.malformedParameter`, or the
  ///   rule's own range errors (β ∉ [0, 0.5), f < 0, m < 1).
  public init(parsing spec: String) throws(AggregationError) {
    let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    let parameters = Array(parts.dropFirst())

    func expectCount(_ expected: Int) throws(AggregationError) {
      guard parameters.count == expected else {
        throw .wrongParameterCount(spec: spec, expected: expected, found: parameters.count)
      }
    }
    func integer(_ position: Int) throws(AggregationError) -> Int {
      guard let value = Int(parameters[position - 1]) else {
        throw .malformedParameter(spec: spec, position: position, value: parameters[position - 1])
      }
      return value
    }

    switch parts[0] {
    case "fedavg":
      try expectCount(0)
      self = .federatedAveraging
    case "median":
      try expectCount(0)
      self = .coordinateMedian
    case "trimmed-mean":
      try expectCount(1)
      guard let fraction = Double(parameters[0]) else {
        throw .malformedParameter(spec: spec, position: 1, value: parameters[0])
      }
      self = .trimmedMean(trimFraction: fraction)
    case "krum":
      try expectCount(1)
      self = .krum(byzantineCount: try integer(1))
    case "multi-krum":
      try expectCount(2)
      self = .multiKrum(byzantineCount: try integer(1), selectionCount: try integer(2))
    default:
      throw .unknownRule(spec: spec)
    }
    _ = try makeRule()  // range checks live in the rules' initialisers
  }

  /// The rule this spec names.
  /// - Throws: the rule's range errors (β ∉ [0, 0.5), f < 0, m < 1).
  public func makeRule() throws(AggregationError) -> any AggregationRule {
    switch self {
    case .federatedAveraging: return FederatedAveraging()
    case .coordinateMedian: return CoordinateMedian()
    case .trimmedMean(let fraction): return try TrimmedMean(trimFraction: fraction)
    case .krum(let f): return try Krum(byzantineCount: f)
    case .multiKrum(let f, let m): return try Krum(byzantineCount: f, selectionCount: m)
    }
  }

  /// The spec in its textual form; parsing it gives back `self`.
  public var description: String {
    switch self {
    case .federatedAveraging: return "fedavg"
    case .coordinateMedian: return "median"
    case .trimmedMean(let fraction): return "trimmed-mean:\(fraction)"
    case .krum(let f): return "krum:\(f)"
    case .multiKrum(let f, let m): return "multi-krum:\(f):\(m)"
    }
  }
}
