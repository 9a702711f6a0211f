extension PartitionScheme: CustomStringConvertible {
  /// Reads a scheme from scenario text: `iid`, `pathological` or `pathological:<shards per
  /// client>`, `dirichlet:<alpha>` or `dirichlet:<alpha>:<minimum client size>`,
  /// `unbalanced:<sigma>`.
  /// - Throws: `invalidScheme` naming the text and the problem; the parameter checks of
  ///   `partition` (α > 0, σ ≥ 0, shards ≥ 1) are applied here too.
  public init(parsing text: String) throws(PartitionError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    func number<T: LosslessStringConvertible>(_ index: Int, _ what: String) throws(PartitionError)
      -> T
    {
      guard let value = T(parts[index]) else {
        throw .invalidScheme(text: text, reason: "\(what) `\(parts[index])` is not a number")
      }
      return value
    }
    func expectParts(_ counts: ClosedRange<Int>) throws(PartitionError) {
      guard counts.contains(parts.count) else {
        throw .invalidScheme(
          text: text,
          reason: "`\(parts[0])` takes \(counts.lowerBound - 1)"
            + (counts.count > 1 ? " to \(counts.upperBound - 1)" : "") + " parameters")
      }
    }
    switch parts[0] {
    case "iid":
      try expectParts(1...1)
      self = .iid
    case "pathological":
      try expectParts(1...2)
      let shards: Int = parts.count == 2 ? try number(1, "shards per client") : 2
      guard shards >= 1 else { throw .invalidShardsPerClient(shards) }
      self = .pathological(shardsPerClient: shards)
    case "dirichlet":
      try expectParts(2...3)
      let alpha: Double = try number(1, "alpha")
      guard alpha.isFinite, alpha > 0 else { throw .invalidConcentration(alpha) }
      let minimum: Int = parts.count == 3 ? try number(2, "minimum client size") : 0
      self = .dirichlet(alpha: alpha, minimumClientSize: minimum)
    case "unbalanced":
      try expectParts(2...2)
      let sigma: Double = try number(1, "sigma")
      guard sigma.isFinite, sigma >= 0 else { throw .invalidSpread(sigma) }
      self = .unbalanced(sigma: sigma)
    default:
      throw .invalidScheme(text: text, reason: "unknown scheme `\(parts[0])`")
    }
  }

  /// The scheme in the text form that `init(parsing:)` reads.
  public var description: String {
    switch self {
    case .iid: return "iid"
    case .pathological(let shards): return "pathological:\(shards)"
    case .dirichlet(let alpha, let minimum):
      return minimum == 0 ? "dirichlet:\(alpha)" : "dirichlet:\(alpha):\(minimum)"
    case .unbalanced(let sigma): return "unbalanced:\(sigma)"
    }
  }
}
