/// How one client behaves in one round: honestly, silently, or mounting an attack on its update.
///
/// Spellings: "honest", "silent", or an `UpdateAttack` spelling ("sign-flip", "scale:10", …).
/// `description` gives the canonical spelling, which parses back to the same conduct.
public enum ClientConduct: Sendable, Hashable, CustomStringConvertible {
  /// Trains and uploads its true update.
  case honest
  /// Trains but never uploads: its update is missing from the round.
  case silent
  /// Trains (unless the attack `skipsTraining`) and uploads the attacked update.
  case attack(UpdateAttack)

  /// Parses a scenario's spelling of a conduct.
  /// - Throws: `StageSpecError` naming `text` when it is neither "honest", "silent" nor an
  ///   attack's spelling.
  public init(parsing text: String) throws(StageSpecError) {
    switch text {
    case "honest": self = .honest
    case "silent": self = .silent
    default:
      do {
        self = .attack(try UpdateAttack(parsing: text))
      } catch {
        throw StageSpecError(
          text: error.text, accepted: "honest, silent, " + UpdateAttack.accepted)
      }
    }
  }

  /// True when the client uploads an update this round (everything but `silent`).
  public var sendsUpdate: Bool { self != .silent }

  /// True when the client does no training this round (a free rider).
  public var skipsTraining: Bool {
    if case .attack(let attack) = self { attack.skipsTraining } else { false }
  }

  /// The canonical spelling: "honest", "silent" or the attack's.
  public var description: String {
    switch self {
    case .honest: "honest"
    case .silent: "silent"
    case .attack(let attack): attack.description
    }
  }
}
