import Cryptography
import SimCore

/// Remembers the outcome and the work of Ed25519 verifications already done in a run, so that
/// when many validators check the same transaction, the host verifies it once while every
/// validator is still charged the full work.
///
/// Verification is a pure function of (public key, message, signature), so answering from the
/// memo changes wall time only, never a result or a simulated duration. Keys are looked up,
/// never iterated. One memo belongs to one run (it is a class, shared by the run's validators,
/// and not `Sendable`).
public final class SignatureMemo {
  struct Key: Hashable {
    let signer: Ed25519.PublicKey
    let message: Digest256
    let signature: Ed25519.Signature
  }

  private var outcomes: [Key: (isValid: Bool, work: Work)] = [:]
  /// Verifications answered from the memo so far.
  public private(set) var hitCount = 0
  /// Verifications actually computed so far.
  public private(set) var missCount = 0

  /// An empty memo.
  public init() {}

  /// Whether `signature` is `signer`'s valid signature of the 32 bytes of `message`; adds the
  /// verification's work to `work` whether or not it was remembered.
  public func isValidSignature(
    _ signature: Ed25519.Signature, of message: Digest256, signer: Ed25519.PublicKey,
    work: inout Work
  ) -> Bool {
    let key = Key(signer: signer, message: message, signature: signature)
    if let outcome = outcomes[key] {
      hitCount += 1
      work += outcome.work
      return outcome.isValid
    }
    missCount += 1
    var verificationWork = Work.zero
    let isValid = signer.isValidSignature(signature, for: message.bytes, work: &verificationWork)
    outcomes[key] = (isValid, verificationWork)
    work += verificationWork
    return isValid
  }

  /// `transaction.isValidSignature(work:)`, remembered.
  public func isValidSignature(of transaction: Transaction, work: inout Work) -> Bool {
    isValidSignature(
      transaction.signature, of: transaction.id.digest, signer: transaction.sender, work: &work)
  }

  /// The number of distinct verifications remembered.
  public var count: Int { outcomes.count }
}
