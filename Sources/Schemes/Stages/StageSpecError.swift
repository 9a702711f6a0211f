/// A stage specification that does not parse: what was wrong with it, and what is accepted.
///
/// Shared by every stage's spec parser (selection, privacy, validation, attacks), so that a
/// scenario decoder can report any of them the same way, adding the file and field it read:
/// "unknown selection `random`; accepted: all, uniform, stake, reputation or reputation:top=N
/// with N ≥ 1".
public struct StageSpecError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What failed, naming the offending text: "unknown selection `random`".
  public var text: String
  /// A one-line human list of the accepted forms: "all, uniform or stake".
  public var accepted: String

  /// An error saying `text` went wrong and `accepted` lists what would have parsed.
  public init(text: String, accepted: String) {
    self.text = text
    self.accepted = accepted
  }

  /// One line: the failure, then the accepted forms.
  public var description: String { "\(text); accepted: \(accepted)" }
}
