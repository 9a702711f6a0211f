/// Why a ChaCha20 key or nonce was rejected.
public enum ChaCha20Error: Error, Equatable, Sendable, CustomStringConvertible {
  /// An encoding had the wrong size: `field` names what was decoded (e.g.
  /// `ChaCha20.Key.rawRepresentation`), `byteCount` is the size given and `expected` the only
  /// size accepted.
  case wrongByteCount(field: String, byteCount: Int, expected: Int)

  /// What was rejected, the size given and the size accepted.
  public var description: String {
    switch self {
    case .wrongByteCount(let field, let byteCount, let expected):
      return "\(field): got \(byteCount) bytes; exactly \(expected) bytes are accepted"
    }
  }
}
