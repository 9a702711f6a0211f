/// The votes a validator has counted for one step (prevote or precommit) of one view: who voted
/// for each value, and who voted at all. Each voter counts once per value, so a copy of a vote
/// (re-sent by gossip) changes nothing, while a validator voting for two values (an
/// equivocating one) counts for both but once among the voters.
///
/// Values are kept in first-vote order and found by linear search: a step sees one or two
/// values (the proposal and nil) unless a proposer equivocates.
struct StepTally {
  /// Who voted at this step, for any value.
  private(set) var voters = VoterSet()
  private var values: [(block: BlockHash?, voters: VoterSet)] = []

  /// An empty tally.
  init() {}

  /// Counts `voter`'s vote for `block` (nil: for nothing); returns false (and changes nothing)
  /// when that vote was already counted.
  /// - Complexity: O(values).
  mutating func insert(_ voter: Int, for block: BlockHash?) -> Bool {
    if let index = values.firstIndex(where: { $0.block == block }) {
      guard values[index].voters.insert(voter) else { return false }
    } else {
      var set = VoterSet()
      set.insert(voter)
      values.append((block, set))
    }
    voters.insert(voter)
    return true
  }

  /// The number of validators that voted for `block` (nil: for nothing).
  /// - Complexity: O(values).
  func count(for block: BlockHash?) -> Int {
    values.first { $0.block == block }?.voters.count ?? 0
  }
}
