import SimCore

/// The updates of a scheme's run as it learns of them: every sampled client's update from the
/// round's opening until its fate is decided, which happens once (the first decision stands).
/// `records(endingAt:)` decides whatever the run left open.
struct UpdateLog {
  private struct Key: Hashable {
    var round: Int
    var client: ClientID
  }

  private struct Entry {
    var record: UpdateRecord
    var isDecided = false
  }

  private var entries: [Entry] = []
  private var positions: [Key: Int] = [:]

  /// Opens `round` for `clients`, whose nodes are `nodes[client.index]`, each update `bytes` big.
  mutating func open(
    round: Int, clients: [ClientID], nodes: [NodeID], bytes: ByteCount, at instant: SimInstant
  ) {
    for client in clients {
      positions[Key(round: round, client: client)] = entries.count
      entries.append(
        Entry(
          record: UpdateRecord(
            round: round, client: client, node: nodes[client.index], bytes: bytes, sent: nil,
            arrived: nil, fate: .notSent, decided: instant)))
    }
  }

  /// Records that `client`'s update of `round` left the client (the first time only; not once
  /// its fate is decided).
  mutating func markSent(_ client: ClientID, round: Int, at instant: SimInstant) {
    guard let i = undecided(client, round: round), entries[i].record.sent == nil else { return }
    entries[i].record.sent = instant
  }

  /// Records that `client`'s update of `round` reached the aggregator (not once its fate is
  /// decided).
  mutating func markArrived(_ client: ClientID, round: Int, at instant: SimInstant) {
    guard let i = undecided(client, round: round) else { return }
    entries[i].record.arrived = instant
  }

  /// Records the validators' score of `client`'s update of `round` (the first one stands).
  mutating func score(_ client: ClientID, round: Int, _ score: Double) {
    guard let i = positions[Key(round: round, client: client)], entries[i].record.score == nil
    else { return }
    entries[i].record.score = score
  }

  /// The position of `client`'s update of `round` while its fate is undecided, else nil.
  private func undecided(_ client: ClientID, round: Int) -> Int? {
    guard let i = positions[Key(round: round, client: client)], !entries[i].isDecided else {
      return nil
    }
    return i
  }

  /// True when `client`'s update of `round` has a fate (or the round never sampled it).
  func isDecided(_ client: ClientID, round: Int) -> Bool { undecided(client, round: round) == nil }

  /// Decides the fate of `client`'s update of `round`, unless it is already decided.
  mutating func decide(
    _ client: ClientID, round: Int, _ fate: UpdateFate, at instant: SimInstant
  ) {
    guard let i = undecided(client, round: round) else { return }
    entries[i].record.fate = fate
    entries[i].record.decided = instant
    entries[i].isDecided = true
  }

  /// Closes `round` among `clients` (its sampled ones): `contributors` were aggregated; an
  /// undecided update that arrived was not, so it came too late; one never sent now never will
  /// be. One in flight is decided when it arrives (late) or is lost.
  mutating func close(
    round: Int, clients: [ClientID], contributors: [ClientID], at instant: SimInstant
  ) {
    for client in contributors { decide(client, round: round, .aggregated, at: instant) }
    for client in clients {
      guard let i = undecided(client, round: round) else { continue }
      if entries[i].record.arrived != nil {
        decide(client, round: round, .late, at: instant)
      } else if entries[i].record.sent == nil {
        decide(client, round: round, .notSent, at: instant)
      }
    }
  }

  /// Every update, those still undecided at `end` decided then (`notSent` if never sent, else
  /// `unfinished`), ordered by decision instant, then round, then client.
  /// - Complexity: O(n log n) for n updates.
  func records(endingAt end: SimInstant) -> [UpdateRecord] {
    entries.map { entry in
      var record = entry.record
      if !entry.isDecided {
        record.fate = record.sent == nil ? .notSent : .unfinished
        record.decided = end
      }
      return record
    }.sorted { a, b in
      (a.decided, a.round, a.client) < (b.decided, b.round, b.client)
    }
  }
}
