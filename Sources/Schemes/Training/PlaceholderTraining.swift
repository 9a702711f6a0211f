import Learning
import SimCore

/// **Placeholder** training, named as such: no model is trained and no accuracy is reported. The
/// model is only a parameter count; a client's work is the FLOPs a dense network of that size
/// would do (forward 2 flop per parameter per sample, backward 4, so 6 × parameters × samples ×
/// epochs) and the wire size is that of a `ParameterWireFormat` vector: a 12-byte header and 4
/// bytes per parameter. Payloads (for schemes that put updates on a chain) are vectors of zeros.
///
/// It stands in until a scenario names a real model and dataset (issue #3), and remains useful to
/// study the network and chain alone at scales where real training would be the bottleneck.
public final class PlaceholderTraining: TrainingBackend {
  /// The number of float32 parameters of the pretend model.
  public let parameterCount: Int
  public let sampleCounts: [Int]
  /// Local passes over the data per round.
  public let epochs: Int

  /// A placeholder for `clientCount` clients holding `samplesPerClient` samples each.
  public init(parameterCount: Int, samplesPerClient: [Int], epochs: Int) {
    precondition(
      parameterCount > 0 && epochs > 0,
      "PlaceholderTraining: parameters and epochs must be positive")
    self.parameterCount = parameterCount
    self.sampleCounts = samplesPerClient
    self.epochs = epochs
  }

  public var modelWireSize: ByteCount {
    ParameterWireFormat.wireSize(parameterCount: parameterCount)
  }
  public var updateWireSize: ByteCount { modelWireSize }

  /// A free rider does no work; every other conduct trains (placeholder attacks change nothing).
  public func train(clients: [ClientID], round: Int, conducts: [ClientConduct]) -> [Work] {
    zip(clients, conducts).map { client, conduct in
      conduct.skipsTraining
        ? .zero
        : .flops(6 * Int64(parameterCount) * Int64(sampleCounts[client.index]) * Int64(epochs))
    }
  }

  /// The transform runs on a zero delta of the model's size, so its work is real; the
  /// placeholder keeps no update, so its result is dropped.
  public func transformUpdate(of client: ClientID, _ transform: (inout [Float]) -> Work) -> Work {
    var delta = [Float](repeating: 0, count: parameterCount)
    return transform(&delta) + .flops(2 * Int64(parameterCount))
  }

  /// A weighted sum and a division per parameter per client, whatever the rule: the placeholder
  /// charges FedAvg's arithmetic.
  public func aggregate(clients: [ClientID], using rule: any AggregationRule) -> Work {
    .flops(2 * Int64(parameterCount) * Int64(clients.count) + Int64(parameterCount))
  }

  public func evaluate() -> (accuracy: Double, loss: Double)? { nil }

  /// A vector of zeros of the model's size: the placeholder has no real parameters. Encoded
  /// once and shared (arrays copy on write), so that a chain holding thousands of placeholder
  /// updates holds one buffer, not thousands.
  public func globalPayload() -> [UInt8] { zeros }

  private lazy var zeros = ParameterWireFormat.encode(
    [Float](repeating: 0, count: parameterCount))

  /// The same zeros: every placeholder update is the zero vector.
  public func updatePayload(of client: ClientID) -> [UInt8] { globalPayload() }

  /// Nothing to install: the placeholder keeps no parameters.
  public func installGlobal(_ payload: [UInt8]) {}
}
