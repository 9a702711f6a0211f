/// How a validator behaves, set per validator at run time (`ConsensusEngine.setConduct`): the
/// seam through which a fault plan makes validators byzantine.
///
/// Each engine says in its documentation what each conduct does there; the common intent is:
public enum ValidatorConduct: String, Hashable, Sendable, CaseIterable {
  /// Follows the protocol.
  case honest
  /// When it produces a block, produces two conflicting ones at the same place (same height and
  /// slot or view) and sends each to a different half of its peers.
  case equivocate
  /// Produces nothing its turn asks of it (no block; in BFT, no vote either), while staying
  /// reachable: a crash that keeps relaying what others send.
  case withhold
  /// Produces blocks that fail validation (a broken signature), which honest validators reject.
  case invalidBlocks = "invalid-blocks"
  /// Produces blocks without transactions and relays none, so clients' transactions wait for an
  /// honest producer.
  case censor
}
