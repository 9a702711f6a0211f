import Cryptography
import SimCore

/// A prevote or precommit of a BFT validator, signed: for a block, or for nothing (nil) when
/// the proposal did not come in time or no block gathered a quorum.
///
/// **Encoding** (what the network carries): kind (1 byte), height (8), view (8), block hash
/// (32, zero for nil), voter index (4), all big-endian, then the Ed25519 signature (64): 117
/// bytes. The voter signs the SHA-256 of the first 53 bytes (the *unsigned encoding*), so the
/// signature covers every field.
///
/// ```swift
/// let vote = ConsensusVote.make(
///   kind: .prevote, height: 7, view: 0, block: proposal.hash, voter: NodeID(2),
///   signedBy: keys[2], work: &work)
/// vote.isValidSignature(signer: keys[2].publicKey, work: &work)   // true
/// ```
public struct ConsensusVote: Hashable, Sendable {
  /// The two voting steps.
  public enum Kind: UInt8, Hashable, Sendable {
    /// First step: the validator saw a valid proposal (or timed out: nil).
    case prevote
    /// Second step: the validator saw 2f + 1 prevotes for the same value.
    case precommit
  }
  /// The step.
  public let kind: Kind
  /// The height voted on.
  public let height: Int
  /// The view (attempt) at that height.
  public let view: Int
  /// The block voted for, or `nil`.
  public let block: BlockHash?
  /// The voter.
  public let voter: NodeID
  /// The voter's Ed25519 signature of the SHA-256 of the unsigned encoding.
  public let signature: Ed25519.Signature

  /// A vote with the given values and `signature` (not checked here: see
  /// `isValidSignature(signer:work:)`).
  /// - Precondition: `height` and `view` are not negative; the voter index fits in a `UInt32`.
  public init(
    kind: Kind, height: Int, view: Int, block: BlockHash?, voter: NodeID,
    signature: Ed25519.Signature
  ) {
    precondition(height >= 0 && view >= 0, "ConsensusVote: height \(height), view \(view)")
    PayloadField.checkIndex(voter.index, "ConsensusVote.voter")
    self.kind = kind
    self.height = height
    self.view = view
    self.block = block
    self.voter = voter
    self.signature = signature
  }

  /// A vote signed by `key`; adds the hash of the unsigned encoding and the signature's work
  /// to `work`.
  public static func make(
    kind: Kind, height: Int, view: Int, block: BlockHash?, voter: NodeID,
    signedBy key: Ed25519.PrivateKey, work: inout Work
  ) -> ConsensusVote {
    let digest = Digest256.sha256(
      unsignedEncoding(kind: kind, height: height, view: view, block: block, voter: voter),
      work: &work)
    return ConsensusVote(
      kind: kind, height: height, view: view, block: block, voter: voter,
      signature: key.signature(for: digest.bytes, work: &work))
  }

  /// The size of an encoded vote: 53 bytes of fields and the 64-byte signature.
  public static let encodedByteCount = unsignedByteCount + Ed25519.signatureByteCount
  /// The size of the unsigned encoding.
  public static let unsignedByteCount = 1 + 8 + 8 + 32 + 4

  /// The 53-byte unsigned encoding (layout above).
  public var unsignedEncoding: [UInt8] {
    Self.unsignedEncoding(kind: kind, height: height, view: view, block: block, voter: voter)
  }

  /// True when `signature` is `signer`'s valid signature of this vote's fields; recomputes the
  /// digest and adds the hash and one verification's work to `work`.
  public func isValidSignature(signer: Ed25519.PublicKey, work: inout Work) -> Bool {
    let digest = Digest256.sha256(unsignedEncoding, work: &work)
    return signer.isValidSignature(signature, for: digest.bytes, work: &work)
  }

  static func unsignedEncoding(
    kind: Kind, height: Int, view: Int, block: BlockHash?, voter: NodeID
  ) -> [UInt8] {
    var writer = ByteWriter(capacity: unsignedByteCount)
    writer.append(kind.rawValue)
    writer.append(UInt64(height))
    writer.append(UInt64(view))
    writer.append(block?.digest ?? .zero)
    writer.append(UInt32(voter.index))
    return writer.bytes
  }
}
