/// Why samples could not be partitioned among clients or split into training and test sets.
public enum PartitionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The client count is zero or negative.
  case invalidClientCount(Int)
  /// Every client needs at least one sample, and there are fewer samples than clients.
  case moreClientsThanSamples(clients: Int, samples: Int)
  /// The pathological partition cuts `shards` shards, more than there are samples.
  case moreShardsThanSamples(shards: Int, samples: Int)
  /// Shards per client must be at least 1.
  case invalidShardsPerClient(Int)
  /// The Dirichlet concentration α must be positive and finite.
  case invalidConcentration(Double)
  /// The log-normal spread σ of client sizes must be non-negative and finite, and small enough
  /// that its draws do not overflow.
  case invalidSpread(Double)
  /// A minimum client size that cannot be met even in principle:
  /// `minimum × clients > samples`, or a negative minimum.
  case unreachableMinimumSize(minimum: Int, clients: Int, samples: Int)
  /// `attempts` Dirichlet draws all left some client with fewer than `minimum` samples; raise α
  /// or lower the minimum.
  case minimumSizeNotMet(minimum: Int, attempts: Int)
  /// A test fraction outside the open interval (0, 1).
  case invalidTestFraction(Double)
  /// Sample `index` has label `label`, outside `0..<classCount`.
  case labelOutOfRange(index: Int, label: Int32, classCount: Int)
  /// The partition scheme text `text` is not understood: `reason`.
  case invalidScheme(text: String, reason: String)

  /// One line for a user: what failed, where, the bad value and what is accepted.
  public var description: String {
    switch self {
    case .invalidClientCount(let count):
      return "client count \(count); it must be at least 1"
    case .moreClientsThanSamples(let clients, let samples):
      return "\(clients) clients but only \(samples) samples; each client needs at least one"
    case .moreShardsThanSamples(let shards, let samples):
      return "\(shards) shards (clients × shards per client) but only \(samples) samples; use "
        + "fewer clients or fewer shards per client"
    case .invalidShardsPerClient(let count):
      return "shards per client \(count); it must be at least 1"
    case .invalidConcentration(let alpha):
      return "Dirichlet concentration α = \(alpha); it must be positive and finite "
        + "(0.1: strong label skew, 100: nearly IID)"
    case .invalidSpread(let sigma):
      return "log-normal spread σ = \(sigma); it must be non-negative and finite, and small "
        + "enough that σ times a normal draw stays finite (0: equal sizes, 2: strong skew)"
    case .unreachableMinimumSize(let minimum, let clients, let samples):
      return "a minimum of \(minimum) samples for each of \(clients) clients cannot be met with "
        + "\(samples) samples"
    case .minimumSizeNotMet(let minimum, let attempts):
      return "\(attempts) Dirichlet draws all left a client with fewer than \(minimum) samples; "
        + "raise α or lower the minimum"
    case .invalidTestFraction(let fraction):
      return "test fraction \(fraction); it must lie strictly between 0 and 1"
    case .labelOutOfRange(let index, let label, let classCount):
      return "sample \(index) has label \(label); labels must be in 0..<\(classCount)"
    case .invalidScheme(let text, let reason):
      return "partition `\(text)`: \(reason); accepted: `iid`, `pathological[:shards]`, "
        + "`dirichlet:<alpha>[:<minimum size>]`, `unbalanced:<sigma>`"
    }
  }
}
