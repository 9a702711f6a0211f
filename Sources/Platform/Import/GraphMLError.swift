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

  /// One line: `file:line`, what failed, what was expected and how to fix it.
  public var description: String {
    switch self {
    case .malformedXML(let file, let line, let expected, let found):
      return "`\(file):\(line)`: malformed XML: expected \(expected), found \(found)"
    case .notGraphML(let file, let line, let expected, let found):
      return "`\(file):\(line)`: not a GraphML graph: expected \(expected), found \(found)"
    case .missingAttribute(let file, let line, let element, let attribute):
      return
        "`\(file):\(line)`: <\(element)> has no `\(attribute)` attribute; add \(attribute)=\"…\""
    case .duplicateID(let file, let line, let element, let id, let firstLine):
      return
        "`\(file):\(line)`: <\(element)> id `\(id)` was already declared on line \(firstLine); give each <\(element)> its own id"
    case .undeclaredKey(let file, let line, let key):
      return
        "`\(file):\(line)`: <data> names undeclared key `\(key)`; declare it as <key id=\"\(key)\" …>"
    case .unknownNode(let file, let line, let id):
      return "`\(file):\(line)`: edge names unknown node `\(id)`; declare it as a <node>"
    case .invalidValue(let file, let line, let field, let expected, let found):
      return "`\(file):\(line)`: \(field) is `\(found)`; expected \(expected)"
    case .invalidOption(let file, let option, let expected, let found):
      return "`\(file)`: import option `\(option)` is \(found); expected \(expected)"
    }
  }
}
