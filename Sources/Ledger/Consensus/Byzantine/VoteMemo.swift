import Cryptography
import SimCore

/// Remembers the outcome and the work of vote checks already done in a run, so that when n − 1
/// validators receive the same vote, the host hashes and verifies it once while every receiver
/// is still charged the full work (as `SignatureMemo` does for signatures).
///
/// Keyed by the whole vote, signature included: a vote differing in any field is a different
/// key and is checked for real. Looked up, never iterated. One memo belongs to one run.
final class VoteMemo {
  /// A vote as a key that hashes only its small fields: the synthesized hash would feed the
  /// 64-byte signature and the block hash to the hasher byte by byte (11% of a 100-validator
  /// run). Equality still compares the whole vote, so a forged vote is never confused with a
  /// genuine one.
  struct Key: Hashable {
    let vote: ConsensusVote

    func hash(into hasher: inout Hasher) {
      hasher.combine(vote.height)
      hasher.combine(vote.view)
      hasher.combine(vote.voter.index)
      hasher.combine(vote.kind)
    }

    static func == (a: Key, b: Key) -> Bool { a.vote == b.vote }
  }

  private var outcomes: [Key: (isValid: Bool, work: Work)] = [:]
  /// Checks answered from the memo so far.
  private(set) var hitCount = 0
  /// Checks actually computed so far.
  private(set) var missCount = 0

  /// `vote.isValidSignature(signer:work:)`, remembered; adds the check's work to `work`
  /// whether or not it was remembered.
  func isValid(_ vote: ConsensusVote, signer: Ed25519.PublicKey, work: inout Work) -> Bool {
    if let outcome = outcomes[Key(vote: vote)] {
      hitCount += 1
      work += outcome.work
      return outcome.isValid
    }
    missCount += 1
    var checkWork = Work.zero
    let isValid = vote.isValidSignature(signer: signer, work: &checkWork)
    outcomes[Key(vote: vote)] = (isValid, checkWork)
    work += checkWork
    return isValid
  }

  /// Drops the votes of heights below `height` (a later copy would be checked for real again).
  /// - Complexity: O(votes remembered).
  func forget(below height: Int) {
    outcomes = outcomes.filter { $0.key.vote.height >= height }
  }

  /// The number of distinct votes remembered.
  var count: Int { outcomes.count }
}
