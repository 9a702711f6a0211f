import Learning

/// A scenario's choice of privacy stage, as spelled in the scenario file.
///
/// Accepted spellings:
/// - "none": `NoPrivacy`;
/// - "ldp:laplace:epsilon=E:clip=C": `LocalDifferentialPrivacy` with Laplace noise;
/// - "ldp:gaussian:epsilon=E:delta=D:clip=C": `LocalDifferentialPrivacy` with Gaussian noise.
///
/// The key=value parts after the mechanism may come in any order, each key exactly once; values
/// are decimal numbers with E > 0, C > 0 and 0 < D < 1, all finite. `description` gives the
/// canonical spelling (keys in the order above), so parsing it returns the same spec.
public enum PrivacySpec: Sendable, Hashable, CustomStringConvertible {
  /// No privacy stage: "none".
  case noPrivacy
  /// Local DP with `noise`, per-update ε and clipping bound C.
  case localDifferentialPrivacy(
    noise: LocalDifferentialPrivacy.Noise, epsilon: Double, clip: Double)

  /// The accepted spellings, for error messages.
  static let accepted =
    "none, ldp:laplace:epsilon=E:clip=C or ldp:gaussian:epsilon=E:delta=D:clip=C "
    + "(key=value parts in any order, E > 0, C > 0, 0 < D < 1)"

  /// Parses a scenario's spelling of a privacy stage and checks its values.
  /// - Throws: `StageSpecError` naming `text` when it is none of the accepted forms, names an
  ///   unknown mechanism or key, repeats or omits a key, or gives a value that is not a finite
  ///   number in range.
  public init(parsing text: String) throws(StageSpecError) {
    if text == "none" {
      self = .noPrivacy
      return
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2, parts[0] == "ldp" else {
      throw StageSpecError(text: "unknown privacy `\(text)`", accepted: Self.accepted)
    }
    let keys: [String]
    switch parts[1] {
    case "laplace": keys = ["epsilon", "clip"]
    case "gaussian": keys = ["epsilon", "delta", "clip"]
    default:
      throw StageSpecError(
        text: "privacy `\(text)`: unknown mechanism `\(parts[1])`",
        accepted: "ldp:laplace:… or ldp:gaussian:…")
    }
    let acceptedKeys =
      "ldp:\(parts[1]):" + keys.map { "\($0)=…" }.joined(separator: ":")
      + ", each key once, in any order"

    // Values by position in `keys`; nil until given.
    var values = [Double?](repeating: nil, count: keys.count)
    for part in parts.dropFirst(2) {
      guard let equals = part.firstIndex(of: "=") else {
        throw StageSpecError(
          text: "privacy `\(text)`: `\(part)` is not key=value", accepted: acceptedKeys)
      }
      let key = String(part[..<equals])
      let valueText = part[part.index(after: equals)...]
      guard let slot = keys.firstIndex(of: key) else {
        throw StageSpecError(
          text: "privacy `\(text)`: unknown key `\(key)`", accepted: acceptedKeys)
      }
      guard values[slot] == nil else {
        throw StageSpecError(
          text: "privacy `\(text)`: key `\(key)` given twice", accepted: acceptedKeys)
      }
      guard let value = Double(valueText), value.isFinite else {
        throw StageSpecError(
          text: "privacy `\(text)`: \(key) `\(valueText)` is not a finite number",
          accepted: acceptedKeys)
      }
      values[slot] = value
    }
    if let missing = keys.indices.first(where: { values[$0] == nil }) {
      throw StageSpecError(
        text: "privacy `\(text)`: key `\(keys[missing])` is missing", accepted: acceptedKeys)
    }
    let given = values.map { $0 ?? 0 }
    let noise: LocalDifferentialPrivacy.Noise =
      keys.count == 3 ? .gaussian(delta: given[1]) : .laplace
    self = .localDifferentialPrivacy(noise: noise, epsilon: given[0], clip: given[keys.count - 1])
    // The range checks live in the stage's initialiser; the error names the text as written.
    _ = try makePrivacy(naming: text)
  }

  /// The privacy stage this spec names.
  /// - Throws: `StageSpecError` when a value is out of range (ε ≤ 0, C ≤ 0, δ ∉ (0, 1)).
  public func makePrivacy() throws(StageSpecError) -> any UpdatePrivacy {
    try makePrivacy(naming: description)
  }

  /// The stage, with a range error naming `text` as the spelling it came from.
  private func makePrivacy(naming text: String) throws(StageSpecError) -> any UpdatePrivacy {
    switch self {
    case .noPrivacy:
      return NoPrivacy()
    case .localDifferentialPrivacy(let noise, let epsilon, let clip):
      do {
        return try LocalDifferentialPrivacy(noise: noise, epsilon: epsilon, clip: clip)
      } catch {
        throw StageSpecError(text: "privacy `\(text)`: \(error)", accepted: Self.accepted)
      }
    }
  }

  /// The canonical spelling: "none", "ldp:laplace:epsilon=E:clip=C" or
  /// "ldp:gaussian:epsilon=E:delta=D:clip=C".
  public var description: String {
    switch self {
    case .noPrivacy: "none"
    case .localDifferentialPrivacy(.laplace, let epsilon, let clip):
      "ldp:laplace:epsilon=\(epsilon):clip=\(clip)"
    case .localDifferentialPrivacy(.gaussian(let delta), let epsilon, let clip):
      "ldp:gaussian:epsilon=\(epsilon):delta=\(delta):clip=\(clip)"
    }
  }
}
