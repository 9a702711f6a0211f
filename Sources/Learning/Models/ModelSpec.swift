/// A network architecture named by a short string in a scenario: `mlp:784-200-200-10`,
/// `cnn:mnist` or `cnn:digits`.
///
/// - `mlp:W0-…-Wn`: dense layers `W0→W1→…→Wn` with ReLU between them (not after the last).
///   McMahan et al.'s "2NN" (AISTATS 2017, §3) is `mlp:784-200-200-10`: 199,210 parameters.
/// - `cnn:mnist`: McMahan et al.'s MNIST CNN, for `1×28×28` inputs: conv 5×5×32 same → ReLU →
///   max-pool 2×2 → conv 5×5×64 same → ReLU → max-pool 2×2 → dense 3136→512 → ReLU →
///   dense 512→10; 1,663,370 parameters.
/// - `cnn:digits`: the same pattern shrunk for `1×8×8` digits (UCI optdigits / scikit-learn
///   `load_digits`): conv 5×5×16 → ReLU → pool → conv 5×5×32 → ReLU → pool → dense 128→64 →
///   ReLU → dense 64→10; 22,154 parameters.
///
/// Every spec ends in logits for softmax cross-entropy; hidden layers use He initialisation and
/// the output layer Glorot's.
public enum ModelSpec: Hashable, Sendable, CustomStringConvertible {
  /// A multilayer perceptron with these layer widths, input first.
  case mlp(widths: [Int])
  /// McMahan et al.'s CNN for MNIST.
  case cnnMNIST
  /// A small CNN for 8 × 8 digits.
  case cnnDigits

  /// Parses `text`, e.g. `mlp:784-200-200-10`.
  /// - Throws: `ModelError` naming the bad text and listing the accepted forms.
  public init(parsing text: String) throws(ModelError) {
    switch text {
    case "cnn:mnist":
      self = .cnnMNIST
    case "cnn:digits":
      self = .cnnDigits
    case _ where text.hasPrefix("mlp:"):
      let parts = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
      var widths: [Int] = []
      for part in parts {
        guard part.allSatisfy(\.isASCII), let width = Int(part), width > 0, !part.hasPrefix("+")
        else { throw .invalidWidth(spec: text, width: String(part)) }
        widths.append(width)
      }
      guard widths.count >= 2 else { throw .tooFewLayers(spec: text) }
      guard Self.mlpParameterCount(widths) != nil else {
        throw .tooManyParameters(spec: text, limit: ParameterWireFormat.maximumParameterCount)
      }
      self = .mlp(widths: widths)
    default:
      throw .unrecognisedSpec(text)
    }
  }

  /// The parameter count of an MLP with `widths` (each dense layer's weights and biases), or nil
  /// when it exceeds `ParameterWireFormat.maximumParameterCount` (or `Int`).
  static func mlpParameterCount(_ widths: [Int]) -> Int? {
    var total = 0
    for index in 1..<widths.count {
      let (weights, weightsOverflow) = widths[index - 1].multipliedReportingOverflow(
        by: widths[index])
      let (layer, layerOverflow) = weights.addingReportingOverflow(widths[index])
      let (sum, sumOverflow) = total.addingReportingOverflow(layer)
      guard !weightsOverflow, !layerOverflow, !sumOverflow,
        sum <= ParameterWireFormat.maximumParameterCount
      else { return nil }
      total = sum
    }
    return total
  }

  /// The canonical text, which `init(parsing:)` reads back.
  public var description: String {
    switch self {
    case .mlp(let widths): "mlp:" + widths.map(String.init).joined(separator: "-")
    case .cnnMNIST: "cnn:mnist"
    case .cnnDigits: "cnn:digits"
    }
  }

  /// The shape of one input sample: `[W0]` for an MLP, `[1, 28, 28]` or `[1, 8, 8]` for the CNNs.
  public var inputShape: [Int] {
    switch self {
    case .mlp(let widths): [widths[0]]
    case .cnnMNIST: [1, 28, 28]
    case .cnnDigits: [1, 8, 8]
    }
  }

  /// The number of outputs (classes).
  public var outputCount: Int {
    switch self {
    case .mlp(let widths): widths[widths.count - 1]
    case .cnnMNIST, .cnnDigits: 10
    }
  }

  /// The layers, input first.
  public func makeLayers() -> [any Layer] {
    switch self {
    case .mlp(let widths):
      precondition(
        widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "ModelSpec: bad widths \(widths)")
      var layers: [any Layer] = []
      for index in 0..<(widths.count - 1) {
        let isLast = index == widths.count - 2
        layers.append(
          Dense(
            inputs: widths[index], outputs: widths[index + 1],
            initialisation: isLast ? .glorotUniform : .heUniform))
        if !isLast { layers.append(ReLU(shape: [widths[index + 1]])) }
      }
      return layers
    case .cnnMNIST:
      return Self.makeCNN(side: 28, channels: (32, 64), hidden: 512)
    case .cnnDigits:
      return Self.makeCNN(side: 8, channels: (16, 32), hidden: 64)
    }
  }

  /// conv k×k → ReLU → pool → conv → ReLU → pool → dense → ReLU → dense(10), for 1×side×side.
  static func makeCNN(side: Int, channels: (Int, Int), hidden: Int) -> [any Layer] {
    let half = side / 2
    let quarter = half / 2
    return [
      Convolution2D(inChannels: 1, outChannels: channels.0, height: side, width: side),
      ReLU(shape: [channels.0, side, side]),
      MaxPooling2D(channels: channels.0, height: side, width: side),
      Convolution2D(inChannels: channels.0, outChannels: channels.1, height: half, width: half),
      ReLU(shape: [channels.1, half, half]),
      MaxPooling2D(channels: channels.1, height: half, width: half),
      Flatten(inputShape: [channels.1, quarter, quarter]),
      Dense(inputs: channels.1 * quarter * quarter, outputs: hidden),
      ReLU(shape: [hidden]),
      Dense(inputs: hidden, outputs: 10, initialisation: .glorotUniform),
    ]
  }
}
