import SimCore

/// Why a GraphML file could not be imported.
///
/// Every case names the file and, where there is one, the 1-based line; the description says
/// what failed, what was expected instead and how to fix it, e.g.
/// "`Abilene.graphml:12`: edge names unknown node `n99`; declare it as a <node>".
public enum GraphMLError: Error, Equatable, CustomStringConvertible {
  /// The text is not well-formed XML: an unclosed or mismatched tag, a bad entity, a truncated
  /// file, text outside the root element.
  case malformedXML(file: String, line: Int, expected: String, found: String)
  /// The text is well-formed XML but not a GraphML graph (another root element, no `<graph>`).
  case notGraphML(file: String, line: Int, expected: String, found: String)
  /// An element lacks an attribute GraphML requires (`id` on `<node>`, `source` on `<edge>`, …).
  case missingAttribute(file: String, line: Int, element: String, attribute: String)
  /// Two `<node>` or `<key>` elements share an id.
  case duplicateID(file: String, line: Int, element: String, id: String, firstLine: Int)
  /// A `<data>` element names a key that no `<key>` declares.
  case undeclaredKey(file: String, line: Int, key: String)
  /// An `<edge>` names a node id that no `<node>` declares.
  case unknownNode(file: String, line: Int, id: String)
  /// A value cannot be read: a latitude that is not a number, a link speed with an unknown unit.
  case invalidValue(file: String, line: Int, field: String, expected: String, found: String)
  /// An import option is out of range, or names a node the file does not have.
  case invalidOption(file: String, option: String, expected: String, found: String)

  /// One line: `file:line`, what failed, what was expected and how to fix it. Text taken from
  /// the file (names, ids, values, what was found) is escaped and cut by `EchoedText`.
  public var description: String {
    // Short names keep each case's sentence readable: `u` for the file's text, `ours` for our
    // sentences (which may quote it), `at` for the place.
    func u(_ text: String) -> String { EchoedText.echoed(text) }
    func ours(_ text: String) -> String { EchoedText.echoed(text, limit: 400) }
    func at(_ file: String, _ line: Int) -> String { "`\(u(file)):\(line)`" }
    switch self {
    case .malformedXML(let file, let line, let expected, let found):
      return "\(at(file, line)): malformed XML: expected \(ours(expected)), found \(u(found))"
    case .notGraphML(let file, let line, let expected, let found):
      return "\(at(file, line)): not a GraphML graph: expected \(ours(expected)), found \(u(found))"
    case .missingAttribute(let file, let line, let element, let attribute):
      return
        "\(at(file, line)): <\(u(element))> has no `\(u(attribute))` attribute; add \(u(attribute))=\"…\""
    case .duplicateID(let file, let line, let element, let id, let firstLine):
      return
        "\(at(file, line)): <\(u(element))> id `\(u(id))` was already declared on line \(firstLine); give each <\(u(element))> its own id"
    case .undeclaredKey(let file, let line, let key):
      return
        "\(at(file, line)): <data> names undeclared key `\(u(key))`; declare it as <key id=\"\(u(key))\" …>"
    case .unknownNode(let file, let line, let id):
      return "\(at(file, line)): edge names unknown node `\(u(id))`; declare it as a <node>"
    case .invalidValue(let file, let line, let field, let expected, let found):
      return "\(at(file, line)): \(u(field)) is `\(u(found))`; expected \(ours(expected))"
    case .invalidOption(let file, let option, let expected, let found):
      return "`\(u(file))`: import option `\(u(option))` is \(u(found)); expected \(ours(expected))"
    }
  }
}
