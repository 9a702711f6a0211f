import Cryptography
import SimCore

/// A signed ledger transaction: a sender's public key, a nonce, a gas limit and a typed
/// payload, identified by the SHA-256 of its encoding without the signature, and signed
/// (Ed25519) over that ID.
///
/// ```swift
/// let payload = TransactionPayload.updateCommitment(
///   UpdateCommitment(client: ClientID(3), round: 7, commitment: digest))
/// let transaction = Transaction.make(
///   payload: payload, nonce: 0, gasLimit: schedule.gas(for: payload), signedBy: key, work: &work)
/// transaction.isValidSignature(work: &work)   // true
/// ```
///
/// **Encoding** (version 1), all integers big-endian:
///
/// | offset | bytes | field |
/// |---|---|---|
/// | 0 | 1 | version = 1 |
/// | 1 | 1 | payload kind tag (`TransactionPayload.Kind`) |
/// | 2 | 32 | sender public key (RFC 8032 §5.1.2 encoding) |
/// | 34 | 8 | nonce |
/// | 42 | 8 | gas limit |
/// | 50 | 4 | payload length n |
/// | 54 | n | payload (layout documented on each payload type) |
/// | 54 + n | 64 | Ed25519 signature R ‖ S over the 32-byte transaction ID |
///
/// The first 54 + n bytes are the *unsigned encoding*; the ID is their SHA-256. The encoding is
/// canonical: decoding rejects unknown versions and tags, a payload shorter or longer than its
/// length prefix, and (at top level) trailing bytes, so one transaction has one encoding.
///
/// **Identity.** Two transactions are equal when their IDs and signatures are equal: the ID
/// commits to every other field through SHA-256.
///
/// **Work.** Making a transaction hashes its unsigned encoding and signs the 32-byte ID;
/// verifying costs one Ed25519 verification over 32 bytes; decoding hashes once (decoding the
/// sender's key is not charged, as in `Ed25519.PublicKey`).
public struct Transaction: Hashable, Sendable {
  /// The encoding version this code writes and reads.
  public static let version: UInt8 = 1
  /// Bytes before the payload: version, kind, key, nonce, gas limit, payload length.
  public static let envelopeByteCount = 1 + 1 + Ed25519.publicKeyByteCount + 8 + 8 + 4
  /// The smallest encoded transaction: envelope, a 16-byte payload (`ReputationUpdate`, the
  /// smallest kind) and the signature.
  public static let minimumEncodedByteCount =
    envelopeByteCount + ReputationUpdate.encodedByteCount + Ed25519.signatureByteCount

  /// The sender's public key; the signature must verify under it.
  public let sender: Ed25519.PublicKey
  /// The sender's sequence number; ordering and replay rules belong to the chain's state, not
  /// to this type.
  public let nonce: UInt64
  /// The most gas the sender pays for; a block is invalid if a transaction's gas exceeds it.
  public let gasLimit: UInt64
  /// What the transaction does.
  public let payload: TransactionPayload
  /// The sender's Ed25519 signature of `id`.
  public let signature: Ed25519.Signature
  /// SHA-256 of the unsigned encoding.
  public let id: TransactionID

  /// The transaction with these fields and `signature` (which is not checked here: see
  /// `isValidSignature(work:)`); computes the ID and adds its hashing work to `work`.
  /// - Complexity: O(payload size).
  public init(
    sender: Ed25519.PublicKey, nonce: UInt64, gasLimit: UInt64, payload: TransactionPayload,
    signature: Ed25519.Signature, work: inout Work
  ) {
    self.sender = sender
    self.nonce = nonce
    self.gasLimit = gasLimit
    self.payload = payload
    self.signature = signature
    id = Self.computeID(
      sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload, work: &work)
  }

  /// A transaction from `key`'s owner, signed by `key`; adds the ID's hash and the signature's
  /// work to `work`.
  /// - Complexity: O(payload size) plus one Ed25519 signature.
  public static func make(
    payload: TransactionPayload, nonce: UInt64, gasLimit: UInt64,
    signedBy key: Ed25519.PrivateKey, work: inout Work
  ) -> Transaction {
    let id = computeID(
      sender: key.publicKey, nonce: nonce, gasLimit: gasLimit, payload: payload, work: &work)
    let signature = key.signature(for: id.digest.bytes, work: &work)
    return Transaction(
      sender: key.publicKey, nonce: nonce, gasLimit: gasLimit, payload: payload,
      signature: signature, id: id)
  }

  /// The fields as given, with an ID already computed from them.
  init(
    sender: Ed25519.PublicKey, nonce: UInt64, gasLimit: UInt64, payload: TransactionPayload,
    signature: Ed25519.Signature, id: TransactionID
  ) {
    self.sender = sender
    self.nonce = nonce
    self.gasLimit = gasLimit
    self.payload = payload
    self.signature = signature
    self.id = id
  }

  /// The size of the full encoding, signature included: 118 + payload bytes.
  public var encodedByteCount: Int { unsignedByteCount + Ed25519.signatureByteCount }

  /// The size of the unsigned encoding (what the ID hashes): 54 + payload bytes.
  public var unsignedByteCount: Int { Self.envelopeByteCount + payload.encodedByteCount }

  /// True when `signature` is the sender's valid Ed25519 signature of `id`; adds one
  /// verification's work to `work`.
  public func isValidSignature(work: inout Work) -> Bool {
    sender.isValidSignature(signature, for: id.digest.bytes, work: &work)
  }

  /// The ID recomputed from the fields: SHA-256 of the unsigned encoding. Validators use it to
  /// hash every transaction they check rather than trust a stored value.
  /// - Complexity: O(payload size).
  public func computeID(work: inout Work) -> TransactionID {
    Self.computeID(
      sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload, work: &work)
  }

  static func computeID(
    sender: Ed25519.PublicKey, nonce: UInt64, gasLimit: UInt64, payload: TransactionPayload,
    work: inout Work
  ) -> TransactionID {
    let unsigned = unsignedEncoding(
      sender: sender, nonce: nonce, gasLimit: gasLimit, payload: payload)
    return TransactionID(Digest256.sha256(unsigned, work: &work))
  }

  /// Equal IDs (which commit to every unsigned field) and equal signatures.
  public static func == (a: Transaction, b: Transaction) -> Bool {
    a.id == b.id && a.signature == b.signature
  }

  /// Hashes the ID, consistently with `==`.
  public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
