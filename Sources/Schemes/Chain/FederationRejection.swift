import Ledger
import SimCore

/// Why the federation contract refused a transaction (its `Contract.Rejection`). A refused
/// transaction stays in its block but changes no state.
public enum FederationRejection: Hashable, Sendable, CustomStringConvertible {
  /// The registration names a client outside 0..<`clientCount`.
  case unknownClient(client: Int, clientCount: Int)
  /// The client is already registered.
  case alreadyRegistered(client: Int)
  /// The client has not registered, so nothing it sends is accepted.
  case notRegistered(client: Int)
  /// The transaction's sender is not the key the client registered.
  case wrongSender(client: Int)
  /// No round is open for updates (registration still running, or the federation finished).
  case noOpenRound(round: Int)
  /// The update is for another round than the open one.
  case wrongRound(round: Int, open: Int)
  /// The client was not sampled in the open round.
  case notSelected(client: Int, round: Int)
  /// The client already submitted an update this round.
  case duplicateUpdate(client: Int, round: Int)
  /// The off-chain payload could not be fetched, or did not match its on-chain hash.
  case payloadUnavailable(ContentReference)
  /// The update's bytes are not a parameter vector of the global model's size.
  case malformedUpdate(client: Int, reason: String)
  /// The validators' majority rejected the update: its mean score under the named rule.
  case failedValidation(client: Int, round: Int, score: Double, rule: String)
  /// Aggregates and reputations are computed by the contract itself, never submitted.
  case reservedPayload(TransactionPayload.Kind)

  /// What was refused and why, with the accepted alternative.
  public var description: String {
    switch self {
    case .unknownClient(let client, let count):
      "registration of client \(client): clients are 0..<\(count)"
    case .alreadyRegistered(let client): "client \(client) is already registered"
    case .notRegistered(let client): "client \(client) has not registered"
    case .wrongSender(let client):
      "the sender is not the key client \(client) registered with"
    case .noOpenRound(let round): "update for round \(round): no round is open"
    case .wrongRound(let round, let open): "update for round \(round): round \(open) is open"
    case .notSelected(let client, let round): "client \(client) was not sampled in round \(round)"
    case .duplicateUpdate(let client, let round):
      "client \(client) already submitted an update in round \(round)"
    case .payloadUnavailable(let reference):
      "the off-chain payload \(reference) could not be fetched or did not match its hash"
    case .malformedUpdate(let client, let reason): "update of client \(client): \(reason)"
    case .failedValidation(let client, let round, let score, let rule):
      "update of client \(client) in round \(round) failed validation (\(rule)): score \(score)"
    case .reservedPayload(let kind):
      "\(kind) payloads are written by the federation contract, not submitted"
    }
  }
}
