import Cryptography
import SimCore

/// A prevote or precommit of a BFT validator: for a block, or for nothing (nil) when the
/// proposal did not come in time or no block gathered a quorum.
///
/// **Encoding** (what the network carries): kind (1 byte), height (8), view (8), block hash
/// (32, zero for nil), voter index (4), Ed25519 signature (64): 117 bytes.
public struct ConsensusVote: Hashable, Sendable {
  /// The two voting steps.
  public enum Kind: UInt8, Hashable, Sendable {
    /// First step: the validator saw a valid proposal (or timed out: nil).
    case prevote
    /// Second step: the validator saw 2f + 1 prevotes for the same value.
    case precommit
  }
  /// The step.
  public var kind: Kind
  /// The height voted on.
  public var height: Int
  /// The view (attempt) at that height.
  public var view: Int
  /// The block voted for, or `nil`.
  public var block: BlockHash?
  /// The voter.
  public var voter: NodeID

  /// A vote with the given values.
  public init(kind: Kind, height: Int, view: Int, block: BlockHash?, voter: NodeID) {
    self.kind = kind
    self.height = height
    self.view = view
    self.block = block
    self.voter = voter
  }

  /// The size of an encoded vote.
  public static let encodedByteCount = 1 + 8 + 8 + 32 + 4 + Ed25519.signatureByteCount
}
