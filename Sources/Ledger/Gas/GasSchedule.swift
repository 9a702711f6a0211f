/// What each part of a transaction costs in gas: a documented, overridable price list.
///
/// The default constants are Ethereum's, so gas figures compare with published BCFL
/// measurements on Ethereum:
///
/// | constant | default | source |
/// |---|---|---|
/// | `transactionBaseCost` | 21,000 | Yellow Paper, Appendix G, G_transaction |
/// | `payloadByteCost` | 16 | EIP-2028, a non-zero calldata byte (charged for every byte) |
/// | `signatureVerificationCost` | 3,000 | Yellow Paper, Appendix E, the ECRECOVER precompile |
/// | `hashCost` | 60 | Yellow Paper, Appendix E, the SHA256 precompile, base |
/// | `hashWordCost` | 12 | the same precompile, per 32-byte word hashed |
///
/// A transaction's intrinsic gas (`gas(for:)`) charges the base cost, every byte of its payload
/// encoding (the bytes it stores in the chain), one signature verification and the SHA-256 of
/// its unsigned encoding (its ID). The envelope's bytes are covered by the base cost. Contract
/// execution will add its own metered gas on top (issue #5 §3).
///
/// ```swift
/// var schedule = GasSchedule.ethereum
/// schedule.payloadByteCost = 68          // pre-Istanbul calldata price
/// let gas = schedule.gas(for: transaction)
/// ```
public struct GasSchedule: Hashable, Sendable {
  /// Charged once per transaction.
  public var transactionBaseCost: UInt64
  /// Charged per byte of the payload's encoding.
  public var payloadByteCost: UInt64
  /// Charged per signature verified.
  public var signatureVerificationCost: UInt64
  /// Charged per hash computed.
  public var hashCost: UInt64
  /// Charged per 32-byte word (rounded up) of a hash's input.
  public var hashWordCost: UInt64

  /// A schedule with the given prices.
  public init(
    transactionBaseCost: UInt64, payloadByteCost: UInt64, signatureVerificationCost: UInt64,
    hashCost: UInt64, hashWordCost: UInt64
  ) {
    self.transactionBaseCost = transactionBaseCost
    self.payloadByteCost = payloadByteCost
    self.signatureVerificationCost = signatureVerificationCost
    self.hashCost = hashCost
    self.hashWordCost = hashWordCost
  }

  /// Ethereum's prices (table above): the default.
  public static let ethereum = GasSchedule(
    transactionBaseCost: 21_000, payloadByteCost: 16, signatureVerificationCost: 3_000,
    hashCost: 60, hashWordCost: 12)

  /// The gas of hashing `byteCount` bytes: `hashCost` + `hashWordCost` × ⌈`byteCount` / 32⌉.
  public func gas(forHashing byteCount: Int) -> UInt64 {
    precondition(byteCount >= 0, "GasSchedule: negative hash input \(byteCount)")
    // byteCount / 32 rounded up without forming byteCount + 31, which overflows near Int.max.
    return hashCost + hashWordCost * UInt64(byteCount / 32 + (byteCount % 32 == 0 ? 0 : 1))
  }

  /// The intrinsic gas of a transaction carrying `payload`: base + `payloadByteCost` × payload
  /// bytes + one signature verification + the hash of the unsigned encoding (54 + payload
  /// bytes). It does not depend on the nonce, gas limit or signature, so a sender can compute
  /// it before signing.
  public func gas(for payload: TransactionPayload) -> UInt64 {
    gas(forPayloadByteCount: payload.encodedByteCount)
  }

  /// The intrinsic gas of a transaction whose payload encodes to `payloadBytes` bytes (see
  /// `gas(for:)`): lets a scheme price a payload it has not built.
  public func gas(forPayloadByteCount payloadBytes: Int) -> UInt64 {
    transactionBaseCost + payloadByteCost * UInt64(payloadBytes) + signatureVerificationCost
      + gas(forHashing: Transaction.envelopeByteCount + payloadBytes)
  }

  /// The intrinsic gas of `transaction`; see `gas(for:)` on a payload.
  public func gas(for transaction: Transaction) -> UInt64 { gas(for: transaction.payload) }
}
