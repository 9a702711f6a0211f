import SimCore

/// Selects the clients of highest reputation: LL-BCFL's algorithm 1, steps 6 and 10 (clients by
/// comprehensive evaluation, from largest to smallest).
///
/// Ties go to the lower client index, so the choice is deterministic; it consumes no random
/// numbers. In round 1, before any evidence, every expected opinion is the base rate and the
/// ranking is the self-assessments' (see `ReputationBook`).
public struct ReputationSelection: ClientSelection {
  /// How many clients to select, or nil for the round's `clientsPerRound`.
  public var top: Int?

  /// Selects the `top` best clients, or `clientsPerRound` of them when `top` is nil.
  /// - Precondition: `top` is nil or ≥ 1.
  public init(top: Int? = nil) {
    if let top { precondition(top >= 1, "reputation selection needs top ≥ 1, got \(top)") }
    self.top = top
  }

  /// The N clients of highest `context.reputation.reputation(of:)`, best first, with N = `top`
  /// (or `context.clientsPerRound`) capped at `context.clientCount`.
  /// - Precondition: the book covers exactly `context.clientCount` clients.
  /// - Complexity: O(M log M) for M clients.
  public func select(_ context: SelectionContext, using generator: inout Xoshiro256StarStar)
    -> [ClientID]
  {
    precondition(
      context.reputation.clientCount == context.clientCount,
      "reputation book covers \(context.reputation.clientCount) clients, the round has "
        + "\(context.clientCount)")
    let count = min(top ?? context.clientsPerRound, context.clientCount)
    let reputations = context.reputation.reputations
    // The index breaks ties, so the order does not depend on the sort being stable.
    let ranked = reputations.indices.sorted { a, b in
      reputations[a] != reputations[b] ? reputations[a] > reputations[b] : a < b
    }
    return ranked.prefix(count).map(ClientID.init)
  }

  /// The scenario spelling: "reputation", or "reputation:top=N".
  public var description: String {
    if let top { "reputation:top=\(top)" } else { "reputation" }
  }
}
