import SimCore

/// Who misbehaves, how, and from which round: a list of rules, each naming clients, a conduct and
/// the first round it applies to.
///
/// **Precedence.** A client's conduct in round r is that of the *last* rule in `rules` that names
/// the client and has `fromRound ≤ r`; a client no such rule names is `honest`. So a later rule
/// overrides an earlier one from its `fromRound` on, and an earlier rule still governs the rounds
/// before that:
///
/// ```
/// let plan = BehaviourPlan(rules: [
///   .init(clients: [ClientID(3), ClientID(4)], conduct: .attack(.signFlip), fromRound: 1),
///   .init(clients: [ClientID(4)], conduct: .silent, fromRound: 10),
/// ])
/// plan.conduct(of: ClientID(4), inRound: 9)   // sign-flip
/// plan.conduct(of: ClientID(4), inRound: 10)  // silent
/// plan.conduct(of: ClientID(5), inRound: 10)  // honest
/// ```
///
/// **Cost.** `init` resolves the precedence once into a per-client timeline: the rounds at which
/// that client's conduct changes, ascending, held in one flat array indexed by client
/// (compressed-row layout, so 100,000 clients cost two arrays, not 100,000). A lookup is then a
/// binary search within one client's timeline, whose length is at most the number of rules
/// naming the client: independent of the number of clients, and a single comparison in the
/// usual case of one rule per client.
public struct BehaviourPlan: Sendable, Hashable {
  /// Clients `clients` behave as `conduct` from round `fromRound` on (until a later rule in the
  /// plan takes over).
  public struct Rule: Sendable, Hashable {
    /// The clients the rule names; order and repetition do not matter.
    public var clients: [ClientID]
    /// How they behave.
    public var conduct: ClientConduct
    /// The first round (1-based) the rule applies to.
    public var fromRound: Int

    public init(clients: [ClientID], conduct: ClientConduct, fromRound: Int) {
      self.clients = clients
      self.conduct = conduct
      self.fromRound = fromRound
    }
  }

  /// One change of a client's conduct: from round `fromRound` on it behaves as `conduct`.
  private struct Change: Sendable, Hashable {
    var fromRound: Int
    var conduct: ClientConduct
  }

  /// The rules, in precedence order: a later one wins over an earlier one.
  public let rules: [Rule]

  /// Client c's changes are `changes[timelineStart[c] ..< timelineStart[c + 1]]`, with strictly
  /// ascending `fromRound`; clients at or beyond `timelineStart.count − 1` have none.
  private let timelineStart: [Int]
  private let changes: [Change]

  /// The plan of `rules`, the later overriding the earlier (see the type's documentation).
  /// - Complexity: O(n log n) for n (client, rule) pairs named, plus O(largest client index).
  public init(rules: [Rule]) {
    self.rules = rules
    // Every (client, rule) naming, sorted by client, then round, then precedence.
    var namings: [(client: Int, fromRound: Int, rule: Int)] = []
    for (position, rule) in rules.enumerated() {
      for client in rule.clients { namings.append((client.index, rule.fromRound, position)) }
    }
    namings.sort { ($0.client, $0.fromRound, $0.rule) < ($1.client, $1.fromRound, $1.rule) }

    let clientBound = (namings.last?.client ?? -1) + 1
    var timelineStart = [Int](repeating: 0, count: clientBound + 1)
    var changes: [Change] = []
    var i = 0
    for client in 0..<clientBound {
      timelineStart[client] = changes.count
      // Sweep this client's namings by round: the conduct changes only when a rule of higher
      // precedence than the one in force starts; among rules starting in the same round the
      // last of the plan wins.
      var ruleInForce = -1
      while i < namings.count && namings[i].client == client {
        let round = namings[i].fromRound
        var latest = namings[i].rule
        while i < namings.count && namings[i].client == client && namings[i].fromRound == round {
          latest = max(latest, namings[i].rule)
          i += 1
        }
        if latest > ruleInForce {
          ruleInForce = latest
          changes.append(Change(fromRound: round, conduct: rules[latest].conduct))
        }
      }
    }
    timelineStart[clientBound] = changes.count
    self.timelineStart = timelineStart
    self.changes = changes
  }

  /// The plan in which every client is honest in every round.
  public static let everyoneHonest = BehaviourPlan(rules: [])

  /// True when no client ever behaves other than honestly (including a plan whose rules are all
  /// `honest`).
  public var isEveryoneHonest: Bool { changes.allSatisfy { $0.conduct == .honest } }

  /// How `client` behaves in `round`: the conduct of the last rule naming it with
  /// `fromRound ≤ round`, or `honest` when there is none.
  /// - Complexity: O(log m) for m rules naming `client`; O(1) when at most one does.
  public func conduct(of client: ClientID, inRound round: Int) -> ClientConduct {
    let c = client.index
    guard c + 1 < timelineStart.count else { return .honest }
    // The last change with fromRound ≤ round: binary search for the first one after round.
    var low = timelineStart[c]
    var high = timelineStart[c + 1]
    let first = low
    while low < high {
      let middle = low + (high - low) / 2
      if changes[middle].fromRound <= round { low = middle + 1 } else { high = middle }
    }
    return low == first ? .honest : changes[low - 1].conduct
  }
}
