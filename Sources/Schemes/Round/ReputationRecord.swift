import SimCore

/// Every client's reputation after one round: the rows `reputation.csv` writes, for schemes whose
/// reputation matters (a `reputation` selection, or a validation whose verdicts feed it).
public struct ReputationRecord: Sendable, Hashable {
  /// The round after which the book was read.
  public var round: Int
  /// When the round closed.
  public var time: SimInstant
  /// The book: evidence, opinion and reputation of every client.
  public var book: ReputationBook
}
