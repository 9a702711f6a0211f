/// Why a ledger encoding, block or transaction was rejected.
///
/// Decoding, block validation and mempool admission throw this error; signature and proof
/// checks return `Bool` instead (`Transaction.isValidSignature(work:)`,
/// `MerkleProof.isValid(for:root:work:)`). Offsets count bytes from the start of the buffer
/// being decoded; heights name the block being validated.
public enum LedgerError: Error, Equatable, Sendable, CustomStringConvertible {
  // MARK: Decoding

  /// A fixed-size byte field has the wrong size.
  case wrongByteCount(field: String, byteCount: Int, expected: Int)
  /// The input ends inside `field`, which starts at `offset` and needs `needed` bytes when only
  /// `available` are left.
  case truncated(field: String, offset: Int, needed: Int, available: Int)
  /// A version byte this code does not read.
  case unsupportedVersion(field: String, found: UInt8, supported: UInt8)
  /// A tag byte (payload kind, content location, consensus seal) with no meaning.
  case unknownTag(field: String, offset: Int, tag: UInt8, accepted: String)
  /// 32 bytes that are not the canonical encoding of an Ed25519 public key.
  case invalidPublicKey(field: String, offset: Int, hex: String)
  /// A transaction payload whose fields take `actual` bytes where its length prefix says
  /// `declared`.
  case payloadLengthMismatch(offset: Int, declared: Int, actual: Int)
  /// A number outside its field's range (a count above `Int64.max`, a non-finite reputation).
  case valueOutOfRange(field: String, offset: Int, value: String)
  /// Unused bytes of a fixed-size field that are not zero (the encoding would not be canonical).
  case nonZeroPadding(field: String, offset: Int)
  /// Bytes left over after a complete encoding of `what`.
  case trailingBytes(what: String, offset: Int, count: Int)

  // MARK: Block validation

  /// The block does not name the expected parent.
  case parentMismatch(height: Int, expected: BlockHash, found: BlockHash)
  /// The block's height is not its parent's plus one.
  case heightMismatch(block: BlockHash, expected: Int, found: Int)
  /// The block's timestamp is earlier than its parent's.
  case timestampBeforeParent(height: Int, parentNanoseconds: Int64, nanoseconds: Int64)
  /// The proposer's signature does not verify over the block hash.
  case invalidBlockSignature(height: Int, block: BlockHash)
  /// The header's transaction count differs from the transactions present.
  case transactionCountMismatch(height: Int, declared: Int, actual: Int)
  /// The header's byte size differs from the block's encoded size.
  case byteCountMismatch(height: Int, declared: Int64, actual: Int64)
  /// The block's encoded size exceeds `BlockLimits.maxBlockBytes`.
  case blockTooLarge(height: Int, byteCount: Int64, limit: Int64)
  /// A transaction in the block needs more gas than its own gas limit allows.
  case transactionGasLimitTooLow(
    height: Int, index: Int, transaction: TransactionID, required: UInt64, gasLimit: UInt64)
  /// The header's gas used differs from the sum of its transactions' gas.
  case gasUsedMismatch(height: Int, declared: UInt64, actual: UInt64)
  /// The block's gas exceeds `BlockLimits.maxGas`.
  case blockGasExceeded(height: Int, gasUsed: UInt64, limit: UInt64)
  /// The same transaction appears twice in one block.
  case duplicateTransactionInBlock(height: Int, index: Int, transaction: TransactionID)
  /// The header's Merkle root is not the root of the transactions' IDs.
  case merkleRootMismatch(height: Int, declared: Digest256, computed: Digest256)
  /// A transaction's signature does not verify under its sender's key.
  case invalidTransactionSignature(height: Int, index: Int, transaction: TransactionID)

  // MARK: Mempool

  /// The transaction is already in the mempool.
  case duplicateTransaction(TransactionID)
  /// The transaction needs more gas than its gas limit allows, so no block may include it.
  case insufficientGasLimit(transaction: TransactionID, required: UInt64, gasLimit: UInt64)
}
