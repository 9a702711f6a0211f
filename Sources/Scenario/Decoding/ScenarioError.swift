import SimCore

/// Everything that can be wrong with a scenario or topology file. Each description is one line
/// that names the file and line, the field path, the bad value and what would be accepted.
///
/// Text that came from the user's file (file names, keys, ids, values) is echoed through
/// `EchoedText`, so a control character or a million-character value cannot break the line.
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
  /// A point of a sweep (`file` the sweep file, `line` where its values are) whose scenario
  /// failed: `values` lists the point's swept values, `cause` what failed.
  indirect case sweepPoint(
    file: String, line: Int, point: Int, values: String, cause: ScenarioError)

  public var description: String {
    // Our own sentences may quote user text too (a data set spec, say), so they are escaped
    // as well, with a wider limit.
    func user(_ text: String) -> String { EchoedText.echoed(text) }
    func ours(_ text: String) -> String { EchoedText.echoed(text, limit: 400) }
    // A value a sweep put into a scenario was built in code, so it has no line: name the file.
    func place(_ file: String, _ line: Int) -> String {
      line > 0 ? "`\(user(file)):\(line)`" : "`\(user(file))`"
    }
    func field(_ path: String) -> String { path.isEmpty ? "the top level" : user(path) }
    switch self {
    case .unreadable(let file, let reason):
      return "`\(user(file))`: cannot read the file: \(ours(reason))"
    case .syntax(let file, let line, let column, let message):
      return "\(place(file, line)): column \(column): \(ours(message))"
    case .missingField(let file, let line, let path, let expected):
      return "\(place(file, line)): \(field(path)) is missing; expected \(ours(expected))"
    case .wrongType(let file, let line, let path, let found, let expected):
      return "\(place(file, line)): \(field(path)) is \(found); expected \(ours(expected))"
    case .invalidValue(let file, let line, let path, let value, let accepted):
      return
        "\(place(file, line)): \(field(path)) = \(user(value)) is not accepted; \(ours(accepted))"
    case .unknownField(let file, let line, let path, let accepted):
      return
        "\(place(file, line)): unknown field \(field(path)); accepted fields here: \(accepted.joined(separator: ", "))"
    case .duplicateID(let file, let line, let path, let id):
      return "\(place(file, line)): \(field(path)) repeats the id `\(user(id))`; ids must be unique"
    case .unknownReference(let file, let line, let path, let name, let kind):
      return
        "\(place(file, line)): \(field(path)) names unknown \(kind) `\(user(name))`; declare it first"
    case .noRoute(let file, let line, let path, let from, let to):
      return
        "\(place(file, line)): \(field(path)): no route joins `\(user(from))` to `\(user(to))`; add links that connect them"
    case .sweepPoint(let file, let line, let point, let values, let cause):
      return "\(place(file, line)): point \(point) (\(ours(values))): \(cause.description)"
    }
  }
}
