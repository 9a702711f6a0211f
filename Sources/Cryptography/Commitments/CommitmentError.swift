import BigNum

/// What went wrong with commitment inputs or parameters.
public enum CommitmentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A byte field (opening, digest, encoded commitment) has the wrong length.
  case wrongByteCount(field: String, byteCount: Int, expected: Int)
  /// A Pedersen exponent (`field`: message or blinding) is not below the group order q.
  case exponentOutOfRange(field: String, bitCount: Int, orderBitCount: Int)
  /// A Pedersen commitment value is not an element of the order-q subgroup.
  case notInGroup(field: String)
  /// Pedersen group parameters are inconsistent: `reason` says which check failed.
  case invalidGroup(reason: String)

  /// What failed, with the offending value and what is accepted.
  public var description: String {
    switch self {
    case .wrongByteCount(let field, let count, let expected):
      "commitment: \(field) has \(count) bytes; expected \(expected)"
    case .exponentOutOfRange(let field, let bits, let orderBits):
      "Pedersen: the \(field) (\(bits) bits) is not below the \(orderBits)-bit group order q; "
        + "reduce it mod q"
    case .notInGroup(let field):
      "Pedersen: \(field) is not in the order-q subgroup of quadratic residues mod p"
    case .invalidGroup(let reason):
      "Pedersen.Group: \(reason)"
    }
  }
}
