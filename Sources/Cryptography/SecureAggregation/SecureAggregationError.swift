/// What went wrong in a secure-aggregation round: bad parameters, inconsistent messages, or too
/// many dropouts to finish.
public enum SecureAggregationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A configuration field is outside its accepted range.
  case invalidConfiguration(field: String, value: Int, accepted: String)
  /// Fewer clients than the threshold are left in `round` (1 = key advertisement, 2 = share
  /// distribution, 3 = masked inputs, 4 = unmasking).
  case tooFewSurvivors(round: Int, count: Int, threshold: Int)
  /// A message names a client index outside 0..<clientCount.
  case unknownClient(Int)
  /// Two messages of one round come from the same client.
  case duplicateMessage(round: Int, client: Int)
  /// A message expected from or about `client` is missing (for example the client's own keys
  /// are not in the roster it is given).
  case missingMessage(round: Int, client: Int)
  /// A vector has `count` entries where the configuration says `expected`.
  case vectorLengthMismatch(client: Int, count: Int, expected: Int)
  /// The encrypted shares from `sender` to `recipient` failed authentication or did not parse.
  case shareDecryptionFailed(sender: Int, recipient: Int)
  /// Fewer than the threshold of shares of `client`'s secret arrived in the unmasking round.
  case tooFewShares(client: Int, count: Int, threshold: Int)
  /// The mask key reconstructed for dropped `client` does not match the public key it
  /// advertised: the shares were inconsistent.
  case reconstructedKeyMismatch(client: Int)
  /// A client's own shared X25519 agreement produced the all-zero secret (a low-order public
  /// key in the roster).
  case lowOrderPublicKey(client: Int)

  /// What failed, with the offending value and what is accepted.
  public var description: String {
    switch self {
    case .invalidConfiguration(let field, let value, let accepted):
      "SecureAggregation: \(field) = \(value) is not accepted; use \(accepted)"
    case .tooFewSurvivors(let round, let count, let threshold):
      "SecureAggregation round \(round): only \(count) clients remain, fewer than the threshold "
        + "\(threshold); the round must be aborted"
    case .unknownClient(let index):
      "SecureAggregation: client index \(index) is outside the configured clients"
    case .duplicateMessage(let round, let client):
      "SecureAggregation round \(round): two messages from client \(client)"
    case .missingMessage(let round, let client):
      "SecureAggregation round \(round): no message from or about client \(client)"
    case .vectorLengthMismatch(let client, let count, let expected):
      "SecureAggregation: client \(client) sent \(count) values; the configuration says "
        + "\(expected)"
    case .shareDecryptionFailed(let sender, let recipient):
      "SecureAggregation: the shares client \(sender) sent to client \(recipient) fail "
        + "authentication or do not parse"
    case .tooFewShares(let client, let count, let threshold):
      "SecureAggregation: \(count) shares of client \(client)'s secret arrived, fewer than the "
        + "threshold \(threshold)"
    case .reconstructedKeyMismatch(let client):
      "SecureAggregation: the mask key reconstructed for client \(client) does not match its "
        + "advertised public key; the shares are inconsistent"
    case .lowOrderPublicKey(let client):
      "SecureAggregation: client \(client)'s public key has small order (all-zero X25519 secret)"
    }
  }
}
