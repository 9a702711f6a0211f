import Cryptography
import SimCore

@testable import Ledger

/// Keys, digests and transactions shared by the ledger tests. Keys come from a seeded stream,
/// so every run builds the same ones; they are made once per process (Ed25519 key generation
/// is slow in debug builds).
enum LedgerFixtures {
  static let keys: [Ed25519.PrivateKey] = (0..<4).map { index in
    var generator = RandomStreams(seed: 2026).make(.cryptographicKeys, index: index)
    return Ed25519.PrivateKey(using: &generator)
  }

  /// RFC 8032 §7.1, TEST 1: the secret key (seed) and its public key, a published pair.
  static let rfc8032Seed = hexBytes(
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
  static let rfc8032PublicKey = hexBytes(
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")

  static let schedule = GasSchedule.ethereum

  /// The digest whose 32 bytes are all `byte`.
  static func digest(_ byte: UInt8) -> Digest256 {
    Digest256(uncheckedBytes: [UInt8](repeating: byte, count: 32))
  }

  /// A signed update commitment (158 bytes encoded) from key `key`, with exactly the intrinsic
  /// gas as its limit.
  static func commitment(client: Int, round: Int = 1, nonce: UInt64 = 0, key: Int = 0)
    -> Transaction
  {
    let payload = TransactionPayload.updateCommitment(
      UpdateCommitment(
        client: ClientID(client), round: round,
        commitment: digest(UInt8(truncatingIfNeeded: client))))
    var work = Work.zero
    return Transaction.make(
      payload: payload, nonce: nonce, gasLimit: schedule.gas(for: payload), signedBy: keys[key],
      work: &work)
  }

  /// A signed on-chain model update of `byteCount` bytes from key `key`.
  static func modelUpdate(client: Int, byteCount: Int, nonce: UInt64 = 0, key: Int = 0)
    -> Transaction
  {
    let payload = TransactionPayload.modelUpdate(
      ModelUpdate(
        client: ClientID(client), round: 1, sampleCount: 100,
        content: .onChain([UInt8](repeating: 0xAB, count: byteCount))))
    var work = Work.zero
    return Transaction.make(
      payload: payload, nonce: nonce, gasLimit: schedule.gas(for: payload), signedBy: keys[key],
      work: &work)
  }
}

/// The bytes written in `hex` (two digits per byte).
func hexBytes(_ hex: String) -> [UInt8] {
  let digits = Array(hex.utf8)
  precondition(digits.count % 2 == 0, "hexBytes: odd length \(digits.count)")
  func value(_ digit: UInt8) -> UInt8 {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    default: preconditionFailure("hexBytes: bad digit \(digit)")
    }
  }
  return stride(from: 0, to: digits.count, by: 2).map {
    value(digits[$0]) << 4 | value(digits[$0 + 1])
  }
}

/// The digest written in `hex` (64 digits).
func hexDigest(_ hex: String) -> Digest256 { Digest256(uncheckedBytes: hexBytes(hex)) }

extension LedgerFixtures {
  /// A placeholder signature: for mempool and chain-store tests, which never verify, so they
  /// need not pay for Ed25519 signing.
  static let placeholderSignature: Ed25519.Signature = {
    do {
      return try Ed25519.Signature(rawRepresentation: [UInt8](repeating: 0, count: 64))
    } catch {
      preconditionFailure("64 bytes are a valid signature size: \(error)")
    }
  }()

  /// An update commitment from key `key` with a placeholder signature (158 bytes, 24,736 gas).
  static func unsignedCommitment(client: Int, nonce: UInt64 = 0, key: Int = 0) -> Transaction {
    var work = Work.zero
    let payload = TransactionPayload.updateCommitment(
      UpdateCommitment(client: ClientID(client), round: 1, commitment: .zero))
    return Transaction(
      sender: keys[key].publicKey, nonce: nonce, gasLimit: schedule.gas(for: payload),
      payload: payload, signature: placeholderSignature, work: &work)
  }

  /// An on-chain model update of `byteCount` bytes with a placeholder signature: 54 + 21 +
  /// `byteCount` + 64 bytes.
  static func unsignedUpdate(client: Int, byteCount: Int, nonce: UInt64 = 0, key: Int = 0)
    -> Transaction
  {
    var work = Work.zero
    let payload = TransactionPayload.modelUpdate(
      ModelUpdate(
        client: ClientID(client), round: 1, sampleCount: 1,
        content: .onChain([UInt8](repeating: 0, count: byteCount))))
    return Transaction(
      sender: keys[key].publicKey, nonce: nonce, gasLimit: schedule.gas(for: payload),
      payload: payload, signature: placeholderSignature, work: &work)
  }
}
