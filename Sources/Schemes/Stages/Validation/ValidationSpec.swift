/// A validation stage named as in a scenario file: `none`, `norm:bound=B`,
/// `accuracy:threshold=T[:validation=V]` or `accuracy:margin=M[:validation=V]`.
///
/// - `none`: every update enters the aggregate.
/// - `norm:bound=B`: `NormValidation`; B finite and > 0.
/// - `accuracy:threshold=T`: `AccuracyValidation` with an absolute threshold T in [0, 1].
/// - `accuracy:margin=M`: `AccuracyValidation` accepting within M (in [0, 1]) of the global
///   model's accuracy.
/// - `:validation=V`: the fraction V in (0, 0.5] of the training data held out as the
///   validators' data; 0.1 when absent.
///
/// The spec only names the rule: the caller holds the data and the validators, and builds the
/// `UpdateValidation` itself.
///
/// ```
/// let spec = try ValidationSpec(parsing: "accuracy:margin=0.05:validation=0.2")
/// spec.validationFraction  // 0.2
/// ```
public enum ValidationSpec: Sendable, Hashable, CustomStringConvertible {
  /// No validation: `none`.
  case none
  /// An L2-distance bound: `norm:bound=B`.
  case norm(bound: Double)
  /// An accuracy threshold on held-out data: `accuracy:threshold=T` or `accuracy:margin=M`,
  /// with `validationFraction` of the training data held out.
  case accuracy(AccuracyValidation.Threshold, validationFraction: Double)

  /// The held-out fraction when an `accuracy` spec does not name one.
  public static let defaultValidationFraction = 0.1

  /// The accepted forms, on one line, for error messages.
  public static let acceptedForms =
    "none, norm:bound=B (B finite > 0), accuracy:threshold=T or accuracy:margin=M "
    + "(T, M in [0, 1]), each optionally followed by :validation=V "
    + "(V in (0, 0.5], default \(defaultValidationFraction))"

  /// Parses `text`, exactly one of the forms above (keys in that order, no spaces).
  /// - Throws: `StageSpecError` naming the text and the problem, with `acceptedForms`.
  public init(parsing text: String) throws(StageSpecError) {
    func failure(_ problem: String) -> StageSpecError {
      StageSpecError(text: "validation `\(text)`: \(problem)", accepted: Self.acceptedForms)
    }
    /// The number in `part`, which must read `key=<decimal number>`.
    func value(of key: String, in part: Substring) throws(StageSpecError) -> Double {
      guard part.hasPrefix(key + "=") else { throw failure("expected `\(key)=…`, found `\(part)`") }
      let number = part.dropFirst(key.count + 1)
      // Decimal only: `Double(_:)` would also take `nan`, `inf` and hexadecimal.
      guard !number.isEmpty, number.allSatisfy({ "0123456789.eE+-".contains($0) }),
        let parsed = Double(number)
      else { throw failure("`\(number)` is not a decimal number") }
      return parsed
    }

    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    switch (parts[0], parts.count) {
    case ("none", 1):
      self = .none
    case ("norm", 2):
      let bound = try value(of: "bound", in: parts[1])
      guard bound.isFinite && bound > 0 else {
        throw failure("bound \(bound) must be finite and > 0")
      }
      self = .norm(bound: bound)
    case ("accuracy", 2), ("accuracy", 3):
      let threshold: AccuracyValidation.Threshold
      if parts[1].hasPrefix("margin=") {
        let margin = try value(of: "margin", in: parts[1])
        guard margin >= 0 && margin <= 1 else {
          throw failure("margin \(margin) must be in [0, 1]")
        }
        threshold = .relative(margin: margin)
      } else {
        let minimum = try value(of: "threshold", in: parts[1])
        guard minimum >= 0 && minimum <= 1 else {
          throw failure("threshold \(minimum) must be in [0, 1]")
        }
        threshold = .absolute(minimum)
      }
      var fraction = Self.defaultValidationFraction
      if parts.count == 3 {
        fraction = try value(of: "validation", in: parts[2])
        guard fraction > 0 && fraction <= 0.5 else {
          throw failure("validation fraction \(fraction) must be in (0, 0.5]")
        }
      }
      self = .accuracy(threshold, validationFraction: fraction)
    default:
      throw StageSpecError(text: "unknown validation `\(text)`", accepted: Self.acceptedForms)
    }
  }

  /// The fraction of the training data held out for the validators, or nil when the rule needs
  /// no data (`none`, `norm`).
  public var validationFraction: Double? {
    switch self {
    case .none, .norm: nil
    case .accuracy(_, let fraction): fraction
    }
  }

  /// Whether the rule needs held-out validation data: true for `accuracy`.
  public var needsValidationData: Bool { validationFraction != nil }

  /// The canonical text, which `init(parsing:)` reads back; an `accuracy` spec always names its
  /// validation fraction, so a trace records the one used even when it was the default.
  public var description: String {
    switch self {
    case .none: "none"
    case .norm(let bound): "norm:bound=\(bound)"
    case .accuracy(.absolute(let minimum), let fraction):
      "accuracy:threshold=\(minimum):validation=\(fraction)"
    case .accuracy(.relative(let margin), let fraction):
      "accuracy:margin=\(margin):validation=\(fraction)"
    }
  }
}
