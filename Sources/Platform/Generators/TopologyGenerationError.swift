import SimCore

/// Why a topology generator rejected its parameters.
///
/// Each case names the generator (`star`, `edge-tree`, `random-geometric`, or `graphml` for what
/// `BackboneAttachment` adds to an imported graph), the parameter, the bad value and what is
/// accepted, so that a scenario author can fix the file without reading the generator's code.
public enum TopologyGenerationError: Error, Equatable, CustomStringConvertible {
  /// A count (of nodes, clients, edges, …) is outside its accepted range.
  case countOutOfRange(generator: String, parameter: String, value: Int, accepted: String)
  /// A latency is negative.
  case negativeLatency(generator: String, parameter: String, value: SimDuration)
  /// A latency is outside the range its role in the topology allows.
  case latencyOutOfRange(
    generator: String, parameter: String, value: SimDuration, accepted: String)
  /// A bandwidth is zero or negative.
  case nonPositiveBandwidth(generator: String, parameter: String, value: BitRate)
  /// A length (side, radius) is not a positive finite number.
  case invalidLength(generator: String, parameter: String, value: Double, accepted: String)
  /// The parameters (named in `parameters`, with their values) would make more links than the
  /// generator's `maximum`.
  case tooManyLinks(generator: String, parameters: String, maximum: Int)
  /// A link loss rate is outside [0, 1) (or not a number).
  case lossOutOfRange(generator: String, parameter: String, value: Double)
  /// A parameter's value needs another parameter that is not set: `reason` says which and how.
  case unmetRequirement(generator: String, parameter: String, reason: String)
  /// A node or link the generator would add is called like one that already exists.
  case nameTaken(generator: String, kind: String, name: String)

  /// One line naming the generator, the parameter, the bad value and what is accepted.
  public var description: String {
    switch self {
    case .countOutOfRange(let generator, let parameter, let value, let accepted):
      return "\(generator) topology: `\(parameter)` is \(value); it must be \(accepted)"
    case .negativeLatency(let generator, let parameter, let value):
      return
        "\(generator) topology: `\(parameter)` is \(value); a latency must be zero or positive"
    case .latencyOutOfRange(let generator, let parameter, let value, let accepted):
      return "\(generator) topology: `\(parameter)` is \(value); it must be \(accepted)"
    case .nonPositiveBandwidth(let generator, let parameter, let value):
      return
        "\(generator) topology: `\(parameter)` is \(value.bitsPerSecond) bps; a bandwidth must be positive"
    case .invalidLength(let generator, let parameter, let value, let accepted):
      return "\(generator) topology: `\(parameter)` is \(value); it must be \(accepted)"
    case .tooManyLinks(let generator, let parameters, let maximum):
      return
        "\(generator) topology: \(parameters) make more than \(maximum) links, the most it builds; lower them"
    case .lossOutOfRange(let generator, let parameter, let value):
      return
        "\(generator) topology: `\(parameter)` is \(value); a loss rate must be at least 0 and below 1"
    case .unmetRequirement(let generator, let parameter, let reason):
      return "\(generator) topology: `\(parameter)` \(reason)"
    case .nameTaken(let generator, let kind, let name):
      return
        "\(generator) topology: cannot add the \(kind) `\(name)`: one of that name exists; rename it (a Zoo node by its label)"
    }
  }
}

// MARK: - Validation helpers shared by the generators

extension TopologyGenerationError {
  /// Throws unless `value ≥ minimum`.
  static func checkCount(
    _ value: Int, atLeast minimum: Int, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    guard value >= minimum else {
      throw .countOutOfRange(
        generator: generator, parameter: parameter, value: value, accepted: "at least \(minimum)")
    }
  }

  /// Throws unless `value` lies in `range`.
  static func checkCount(
    _ value: Int, in range: ClosedRange<Int>, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    guard range.contains(value) else {
      throw .countOutOfRange(
        generator: generator, parameter: parameter, value: value,
        accepted: "from \(range.lowerBound) to \(range.upperBound)")
    }
  }

  /// Throws unless `latency ≥ 0`.
  static func checkLatency(
    _ latency: SimDuration, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    guard latency.nanoseconds >= 0 else {
      throw .negativeLatency(generator: generator, parameter: parameter, value: latency)
    }
  }

  /// Throws unless `bandwidth > 0`.
  static func checkBandwidth(
    _ bandwidth: BitRate, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    guard bandwidth.bitsPerSecond > 0 else {
      throw .nonPositiveBandwidth(generator: generator, parameter: parameter, value: bandwidth)
    }
  }

  /// Throws unless `rate` is a loss probability in [0, 1), as `Link` requires.
  static func checkLoss(
    _ rate: Double, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    guard rate >= 0 && rate < 1 else {
      throw .lossOutOfRange(generator: generator, parameter: parameter, value: rate)
    }
  }

  /// Throws unless `cores ≥ 1`, as `Node` requires.
  static func checkCores(
    _ cores: Int, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    try checkCount(cores, atLeast: 1, generator: generator, parameter: parameter)
  }

  /// Throws unless `length` is finite, positive and at most `maximum`.
  static func checkLength(
    _ length: Double, atMost maximum: Double = .infinity, generator: String, parameter: String
  ) throws(TopologyGenerationError) {
    guard length.isFinite && length > 0 && length <= maximum else {
      let accepted =
        maximum.isFinite ? "positive and at most \(maximum)" : "a positive finite number"
      throw .invalidLength(
        generator: generator, parameter: parameter, value: length, accepted: accepted)
    }
  }
}
