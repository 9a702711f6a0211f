extension LedgerError {
  /// What failed, where, the bad value and what would be accepted, in one line.
  public var description: String {
    switch self {
    case .wrongByteCount(let field, let byteCount, let expected):
      "\(field): got \(byteCount) bytes; exactly \(expected) are accepted"
    case .truncated(let field, let offset, let needed, let available):
      "\(field) at byte \(offset): needs \(needed) bytes but only \(available) remain;"
        + " the encoding is truncated"
    case .unsupportedVersion(let field, let found, let supported):
      "\(field): version \(found) is not supported; only version \(supported) is"
    case .unknownTag(let field, let offset, let tag, let accepted):
      "\(field) at byte \(offset): unknown tag \(tag); accepted tags are \(accepted)"
    case .invalidPublicKey(let field, let offset, let hex):
      "\(field) at byte \(offset): \(hex) is not a canonical Ed25519 public key (RFC 8032 §5.1.3)"
    case .payloadLengthMismatch(let offset, let declared, let actual):
      "Transaction.payload at byte \(offset): the length prefix says \(declared) bytes but the"
        + " payload's fields take \(actual); the prefix must equal the payload's size"
    case .valueOutOfRange(let field, let offset, let value):
      "\(field) at byte \(offset): \(value) is out of range (counts ≤ Int64.max, numbers finite)"
    case .nonZeroPadding(let field, let offset):
      "\(field) at byte \(offset): unused bytes must be zero in the canonical encoding"
    case .trailingBytes(let what, let offset, let count):
      "\(what): \(count) unexpected bytes after the end of the encoding at byte \(offset)"
    case .parentMismatch(let height, let expected, let found):
      "block at height \(height): parent is \(found) but should be \(expected)"
    case .heightMismatch(let block, let expected, let found):
      "\(block): height \(found), but its parent's height + 1 is \(expected)"
    case .timestampBeforeParent(let height, let parent, let time):
      "block at height \(height): timestamp \(time) ns is before its parent's \(parent) ns;"
        + " timestamps must not decrease"
    case .invalidBlockSignature(let height, let block):
      "\(block) at height \(height): the proposer's signature does not verify over the block hash"
    case .transactionCountMismatch(let height, let declared, let actual):
      "block at height \(height): header declares \(declared) transactions, body holds \(actual)"
    case .byteCountMismatch(let height, let declared, let actual):
      "block at height \(height): header declares \(declared) bytes, the encoding has \(actual)"
    case .blockTooLarge(let height, let byteCount, let limit):
      "block at height \(height): \(byteCount) bytes exceed the block size limit of \(limit) bytes"
    case .transactionGasLimitTooLow(
      let height, let index, let transaction, let required, let limit):
      "block at height \(height), transaction \(index) (\(transaction)): needs \(required) gas"
        + " but its gas limit is \(limit)"
    case .gasUsedMismatch(let height, let declared, let actual):
      "block at height \(height): header declares \(declared) gas used, transactions use \(actual)"
    case .blockGasExceeded(let height, let gasUsed, let limit):
      "block at height \(height): \(gasUsed) gas exceeds the block gas limit of \(limit)"
    case .duplicateTransactionInBlock(let height, let index, let transaction):
      "block at height \(height), transaction \(index): \(transaction) appears earlier in the block"
    case .merkleRootMismatch(let height, let declared, let computed):
      "block at height \(height): header Merkle root \(declared.shortDescription)… differs from"
        + " the root of its transactions \(computed.shortDescription)…"
    case .invalidTransactionSignature(let height, let index, let transaction):
      "block at height \(height), transaction \(index) (\(transaction)): the sender's signature"
        + " does not verify"
    case .duplicateTransaction(let transaction):
      "mempool: \(transaction) is already pending"
    case .insufficientGasLimit(let transaction, let required, let limit):
      "\(transaction): needs \(required) gas but its gas limit is \(limit); raise the limit to at"
        + " least GasSchedule.gas(for:)"
    }
  }
}
