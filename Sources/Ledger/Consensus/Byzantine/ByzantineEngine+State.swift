import SimCore

extension ByzantineEngine {
  /// One step of one view.
  struct StepKey: Hashable {
    let kind: ConsensusVote.Kind
    let view: Int
  }

  /// A proposal taken at some view.
  struct Proposal {
    let block: Block
    /// The view whose 2f + 1 prevotes for `block` the proposer re-proposes it on (Tendermint's
    /// validRound); nil for a block made for the proposal's own view.
    let validView: Int?
  }

  /// A block and the view in which a validator locked on it, or saw 2f + 1 prevotes for it.
  struct BlockInView {
    let block: Block
    let view: Int
  }

  /// Per-validator state of its current height.
  struct State {
    var height = 1
    var view = 0
    var hasPrevoted = false
    var hasPrecommitted = false
    /// Whether the prevote or the precommit timeout of the current view is armed.
    var isPrevoteTimeoutArmed = false
    var isPrecommitTimeoutArmed = false
    /// The block last precommitted at this height (Tendermint's lockedValue, lockedRound).
    var locked: BlockInView?
    /// The last block held with 2f + 1 prevotes of its view (validValue, validRound): what
    /// this validator proposes when its turn comes again at this height.
    var valid: BlockInView?
    /// Proposals received and validated at this height, by view.
    var proposals: [Int: Proposal] = [:]
    /// Views whose proposal is being validated.
    var validatingViews: Set<Int> = []
    /// The votes counted at each (step, view).
    var tallies: [StepKey: StepTally] = [:]
    /// This validator's own votes at this height, in casting order (what it re-sends).
    var ownVotes: [ConsensusVote] = []
    /// Messages for later heights, in arrival order.
    var held: [HeldMessage] = []

    /// The number of validators that voted for `block` at (`kind`, `view`).
    func tally(_ kind: ConsensusVote.Kind, view: Int, block: BlockHash?) -> Int {
      tallies[StepKey(kind: kind, view: view)]?.count(for: block) ?? 0
    }

    /// The validators that voted for anything at (`kind`, `view`).
    func voters(_ kind: ConsensusVote.Kind, view: Int) -> VoterSet {
      tallies[StepKey(kind: kind, view: view)]?.voters ?? VoterSet()
    }
  }

  /// What validators send each other about a height.
  enum Message {
    case proposal(Block, view: Int, validView: Int?)
    case vote(ConsensusVote)

    var height: Int {
      switch self {
      case .proposal(let block, _, _): block.height
      case .vote(let vote): vote.height
      }
    }
  }

  /// A message for a later height, and whether it came as a re-send (gossip).
  struct HeldMessage {
    let message: Message
    let isResent: Bool
  }
}
