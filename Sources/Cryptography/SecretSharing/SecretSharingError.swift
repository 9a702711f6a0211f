/// What went wrong with secret-sharing parameters or shares.
public enum SecretSharingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The threshold t is not in 1...shareCount.
  case invalidThreshold(threshold: Int, shareCount: Int)
  /// The number of shares is not in 1...`maximum`.
  case invalidShareCount(shareCount: Int, maximum: Int)
  /// Fewer shares than the threshold were given to reconstruction.
  case tooFewShares(given: Int, threshold: Int)
  /// Two shares have the same index (x-coordinate).
  case duplicateShareIndex(Int)
  /// A share index is outside 1...`maximum` (0 would reveal the secret itself).
  case invalidShareIndex(index: Int, maximum: Int)
  /// A share (or an additive share) holds `count` values where the first holds `expected`;
  /// `position` is its position in the input.
  case inconsistentShareLengths(position: Int, count: Int, expected: Int)
  /// Reconstructed chunk `chunk` of a byte secret does not fit its byte width: the shares do
  /// not belong to one byte secret of that length.
  case chunkOutOfRange(chunk: Int)
  /// An encoded value has the wrong length.
  case wrongByteCount(field: String, byteCount: Int, expected: Int)
  /// A 16-byte field element encodes a value not below 2¹²⁷ − 1.
  case elementOutOfRange(field: String)

  /// What failed, with the offending value and what is accepted.
  public var description: String {
    switch self {
    case .invalidThreshold(let threshold, let shareCount):
      "secret sharing: threshold \(threshold) is not in 1...\(shareCount) (the share count)"
    case .invalidShareCount(let shareCount, let maximum):
      "secret sharing: \(shareCount) shares requested; use 1...\(maximum)"
    case .tooFewShares(let given, let threshold):
      "Shamir.reconstruct: \(given) shares given, but the threshold is \(threshold); "
        + "collect at least \(threshold) shares with distinct indices"
    case .duplicateShareIndex(let index):
      "Shamir.reconstruct: two shares have index \(index); each share must come from a "
        + "different holder"
    case .invalidShareIndex(let index, let maximum):
      "Shamir: share index \(index) is not in 1...\(maximum)"
    case .inconsistentShareLengths(let position, let count, let expected):
      "secret sharing: share #\(position) holds \(count) values, the first holds \(expected); "
        + "all shares must come from one split"
    case .chunkOutOfRange(let chunk):
      "Shamir.reconstructBytes: chunk #\(chunk) does not fit its byte width; the shares do not "
        + "belong to one byte secret of the stated length"
    case .wrongByteCount(let field, let count, let expected):
      "secret sharing: \(field) has \(count) bytes; expected \(expected)"
    case .elementOutOfRange(let field):
      "secret sharing: \(field) encodes a value not below 2¹²⁷ − 1"
    }
  }
}
