/// What can go wrong when naming a model, decoding parameters or pairing a model with data.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The spec text matches no accepted form.
  case unrecognisedSpec(String)
  /// An `mlp:` spec has a width that is not a positive integer (`width` is the bad part).
  case invalidWidth(spec: String, width: String)
  /// An `mlp:` spec names fewer than two widths.
  case tooFewLayers(spec: String)
  /// An `mlp:` spec's widths add up to more parameters than the wire format can carry (`limit`).
  case tooManyParameters(spec: String, limit: Int)
  /// The encoded parameters are shorter than their header says (or than the header itself).
  case truncatedEncoding(expectedBytes: Int, actualBytes: Int)
  /// The encoded parameters are longer than their header says.
  case trailingBytes(expectedBytes: Int, actualBytes: Int)
  /// The first four bytes are not the format's magic `FCPV`.
  case badMagic([UInt8])
  /// The header names a format version this code does not read.
  case unsupportedVersion(UInt8)
  /// A parameter vector has the wrong length for the model.
  case parameterCountMismatch(model: String, expected: Int, actual: Int)
  /// A data set's samples do not have the model's input size.
  case featureCountMismatch(model: String, dataset: String, expected: Int, actual: Int)
  /// A data set has more classes than the model has outputs.
  case classCountMismatch(model: String, dataset: String, outputs: Int, classes: Int)
  /// A training setting is out of range (`name`, its value, and what is accepted).
  case invalidSetting(name: String, value: String, accepted: String)

  /// The spec forms `ModelSpec(parsing:)` accepts, for error messages.
  public static let acceptedSpecForms =
    "`mlp:W0-W1-…-Wn` (two or more positive widths, e.g. `mlp:784-200-200-10`), "
    + "`cnn:mnist` (1×28×28 inputs, 10 classes) or `cnn:digits` (1×8×8 inputs, 10 classes)"

  /// What failed, where, the bad value and what is accepted.
  public var description: String {
    switch self {
    case .unrecognisedSpec(let text):
      "model spec `\(text)` is not recognised; use \(Self.acceptedSpecForms)"
    case .invalidWidth(let spec, let width):
      "model spec `\(spec)`: width `\(width)` is not a positive integer; use \(Self.acceptedSpecForms)"
    case .tooFewLayers(let spec):
      "model spec `\(spec)` names fewer than two widths (input and output); use \(Self.acceptedSpecForms)"
    case .tooManyParameters(let spec, let limit):
      "model spec `\(spec)` has more than \(limit) parameters, the most a parameter message "
        + "carries; use narrower layers"
    case .truncatedEncoding(let expected, let actual):
      "encoded parameters: \(actual) bytes, but \(expected) are needed; the message was cut short"
    case .trailingBytes(let expected, let actual):
      "encoded parameters: \(actual) bytes, but the header accounts for \(expected); remove the extra bytes"
    case .badMagic(let bytes):
      "encoded parameters: magic \(bytes) is not `FCPV` (70, 67, 80, 86); this is not a parameter vector"
    case .unsupportedVersion(let version):
      "encoded parameters: format version \(version) is not supported; only version 1 is"
    case .parameterCountMismatch(let model, let expected, let actual):
      "model `\(model)`: \(actual) parameters given, but it has \(expected)"
    case .featureCountMismatch(let model, let dataset, let expected, let actual):
      "model `\(model)` takes \(expected) features per sample, but data set `\(dataset)` has \(actual)"
    case .classCountMismatch(let model, let dataset, let outputs, let classes):
      "model `\(model)` has \(outputs) outputs, but data set `\(dataset)` has \(classes) classes; "
        + "use a model with at least \(classes) outputs"
    case .invalidSetting(let name, let value, let accepted):
      "training setting `\(name)` = \(value) is out of range; accepted: \(accepted)"
    }
  }
}
