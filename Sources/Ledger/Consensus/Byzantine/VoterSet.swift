/// A set of validators, by dense index, kept as bits with its size: who cast one kind of vote
/// (for one value, or for any) in one view, so that a copy of a vote (re-sent by gossip) counts
/// once.
///
/// Validators 0..<128 live in two inline words (no allocation: a set is made per step, value and
/// view, and checked on every vote); higher indices in an array that grows to the highest index
/// inserted, 64 per word. Never iterated, so no order reaches behaviour.
struct VoterSet {
  private var low: UInt64 = 0
  private var high: UInt64 = 0
  /// Words for validators 128 and up.
  private var rest: [UInt64] = []
  /// The number of validators in the set.
  private(set) var count = 0

  /// An empty set.
  init() {}

  /// Adds `voter`; returns false (and changes nothing) when it was already in.
  /// - Precondition: `voter` ≥ 0.
  @discardableResult
  mutating func insert(_ voter: Int) -> Bool {
    precondition(voter >= 0, "VoterSet: negative voter \(voter)")
    let mask: UInt64 = 1 << UInt64(voter & 63)
    switch voter >> 6 {
    case 0:
      guard low & mask == 0 else { return false }
      low |= mask
    case 1:
      guard high & mask == 0 else { return false }
      high |= mask
    case let word:
      let index = word - 2
      if index >= rest.count {
        rest.append(contentsOf: repeatElement(0, count: index + 1 - rest.count))
      }
      guard rest[index] & mask == 0 else { return false }
      rest[index] |= mask
    }
    count += 1
    return true
  }

  /// The size of the union of this set and `other`.
  /// - Complexity: O(highest index / 64).
  func unionCount(with other: VoterSet) -> Int {
    var total = (low | other.low).nonzeroBitCount + (high | other.high).nonzeroBitCount
    for index in 0..<max(rest.count, other.rest.count) {
      let mine = index < rest.count ? rest[index] : 0
      let theirs = index < other.rest.count ? other.rest[index] : 0
      total += (mine | theirs).nonzeroBitCount
    }
    return total
  }
}
