/// Everything that can be wrong with a scenario or topology file. Each description is one line
/// that names the file and line, the field path, the bad value and what would be accepted.
public enum ScenarioError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read at all.
  case unreadable(file: String, reason: String)
  /// The text is not valid JSON (or not valid GraphML, for imports).
  case syntax(file: String, line: Int, column: Int, message: String)
  /// A required field is absent.
  case missingField(file: String, line: Int, path: String, expected: String)
  /// A field has the wrong JSON type.
  case wrongType(file: String, line: Int, path: String, found: String, expected: String)
  /// A field has the right type but a value outside what is accepted.
  case invalidValue(file: String, line: Int, path: String, value: String, accepted: String)
  /// A field the format does not define (often a typo).
  case unknownField(file: String, line: Int, path: String, accepted: [String])
  /// Two entries share an ID.
  case duplicateID(file: String, line: Int, path: String, id: String)
  /// A reference to a node, link or other entry that is not declared.
  case unknownReference(file: String, line: Int, path: String, name: String, kind: String)
  /// No path of links joins two nodes that must talk.
  case noRoute(file: String, line: Int, path: String, from: String, to: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "`\(file)`: cannot read the file: \(reason)"
    case .syntax(let file, let line, let column, let message):
      return "`\(file):\(line)`: column \(column): \(message)"
    case .missingField(let file, let line, let path, let expected):
      return "`\(file):\(line)`: \(path) is missing; expected \(expected)"
    case .wrongType(let file, let line, let path, let found, let expected):
      return "`\(file):\(line)`: \(path) is \(found); expected \(expected)"
    case .invalidValue(let file, let line, let path, let value, let accepted):
      return "`\(file):\(line)`: \(path) = \(value) is not accepted; \(accepted)"
    case .unknownField(let file, let line, let path, let accepted):
      return
        "`\(file):\(line)`: unknown field \(path); accepted fields here: \(accepted.joined(separator: ", "))"
    case .duplicateID(let file, let line, let path, let id):
      return "`\(file):\(line)`: \(path) repeats the id `\(id)`; ids must be unique"
    case .unknownReference(let file, let line, let path, let name, let kind):
      return "`\(file):\(line)`: \(path) names unknown \(kind) `\(name)`; declare it first"
    case .noRoute(let file, let line, let path, let from, let to):
      return
        "`\(file):\(line)`: \(path): no route joins `\(from)` to `\(to)`; add links that connect them"
    }
  }
}
