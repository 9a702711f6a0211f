/// A scenario's choice of selection stage, as spelled in the scenario file.
///
/// Accepted spellings: "all", "uniform", "stake", "reputation" and "reputation:top=N" with N a
/// decimal integer ≥ 1. `description` gives the canonical spelling back, so parsing it returns
/// the same spec.
public enum SelectionSpec: Sendable, Hashable, CustomStringConvertible {
  /// Every client, every round (`AllClients`).
  case all
  /// `clientsPerRound` clients uniformly at random (`UniformSelection`).
  case uniform
  /// The clients of highest reputation: `top` of them, or `clientsPerRound` when nil
  /// (`ReputationSelection`).
  case reputation(top: Int?)
  /// `clientsPerRound` clients drawn with probability proportional to stake (`StakeSelection`).
  case stake

  /// The accepted spellings, for error messages.
  static let accepted = "all, uniform, stake, reputation or reputation:top=N with N ≥ 1"

  /// Parses a scenario's spelling of a selection stage.
  /// - Throws: `StageSpecError` naming `text` when it is none of the accepted spellings.
  public init(parsing text: String) throws(StageSpecError) {
    switch text {
    case "all": self = .all
    case "uniform": self = .uniform
    case "stake": self = .stake
    case "reputation": self = .reputation(top: nil)
    case "": throw StageSpecError(text: "empty selection", accepted: Self.accepted)
    default:
      let prefix = "reputation:top="
      guard text.hasPrefix(prefix) else {
        throw StageSpecError(text: "unknown selection `\(text)`", accepted: Self.accepted)
      }
      let number = text.dropFirst(prefix.count)
      // Digits only: `Int.init` alone would also take a sign.
      guard !number.isEmpty, number.allSatisfy({ ("0"..."9").contains($0) }),
        let top = Int(number)
      else {
        throw StageSpecError(
          text: "selection `\(text)`: top `\(number)` is not a whole number",
          accepted: Self.accepted)
      }
      guard top >= 1 else {
        throw StageSpecError(
          text: "selection `\(text)`: top must be at least 1", accepted: Self.accepted)
      }
      self = .reputation(top: top)
    }
  }

  /// The selection stage this spec names.
  public func makeSelection() -> any ClientSelection {
    switch self {
    case .all: AllClients()
    case .uniform: UniformSelection()
    case .reputation(let top): ReputationSelection(top: top)
    case .stake: StakeSelection()
    }
  }

  /// The canonical spelling: "all", "uniform", "stake", "reputation" or "reputation:top=N".
  public var description: String {
    switch self {
    case .all: "all"
    case .uniform: "uniform"
    case .reputation(nil): "reputation"
    case .reputation(let top?): "reputation:top=\(top)"
    case .stake: "stake"
    }
  }
}
