/// The `<key>` declarations of a GraphML file: which attribute name each key id stands for, and
/// the `<data>` values of an element looked up by attribute name.
///
/// Zoo files number their keys differently in every file (`Latitude` is `d29` in one and `d31`
/// in the next), so values are always found through the attribute name, never the id.
struct GraphMLKeyTable {
  /// One `<key>` declaration.
  struct Key {
    /// The id `<data key=…>` refers to.
    var id: String
    /// The attribute's name (`attr.name`), or the id when the key has none.
    var name: String
    /// What the key applies to (`for`): `node`, `edge`, `graph`, `all`, ….
    var domain: String
    /// The text of the key's `<default>`, if any.
    var defaultValue: String?
    /// The line of the declaration.
    var line: Int
  }

  /// The declarations in document order.
  private(set) var keys: [Key] = []
  /// Position in `keys` by id; only looked up.
  private var indexByID: [String: Int] = [:]
  /// The file name errors are reported against.
  let fileName: String

  /// Reads every `<key>` child of `root`.
  /// - Throws: `GraphMLError` when a key has no id or repeats one.
  init(root: XMLReader.Element, fileName: String) throws(GraphMLError) {
    self.fileName = fileName
    for element in root.children(named: "key") {
      guard let id = element.attribute("id") else {
        throw .missingAttribute(file: fileName, line: element.line, element: "key", attribute: "id")
      }
      if let first = indexByID[id] {
        throw .duplicateID(
          file: fileName, line: element.line, element: "key", id: id, firstLine: keys[first].line)
      }
      indexByID[id] = keys.count
      keys.append(
        Key(
          id: id, name: element.attribute("attr.name") ?? id,
          domain: element.attribute("for") ?? "all",
          defaultValue: element.children(named: "default").first?.text, line: element.line))
    }
  }

  /// The `<data>` values of `element`, by key id; a later `<data>` for the same key replaces an
  /// earlier one.
  /// - Throws: `GraphMLError` when a `<data>` has no `key` or names an undeclared one.
  func values(of element: XMLReader.Element) throws(GraphMLError) -> [String: String] {
    var values: [String: String] = [:]
    for data in element.children(named: "data") {
      guard let key = data.attribute("key") else {
        throw .missingAttribute(file: fileName, line: data.line, element: "data", attribute: "key")
      }
      guard indexByID[key] != nil else {
        throw .undeclaredKey(file: fileName, line: data.line, key: key)
      }
      values[key] = data.text
    }
    return values
  }

  /// The value of attribute `name` for an element of kind `domain` (`node`, `edge`), trimmed of
  /// surrounding white space: the element's own `<data>` if it has one, else the key's default.
  /// The first key declared with that name for `domain` or `all` is used.
  /// - Complexity: O(number of keys).
  func value(_ name: String, for domain: String, in values: [String: String]) -> String? {
    guard
      let key = keys.first(where: { $0.name == name && ($0.domain == domain || $0.domain == "all") }
      )
    else { return nil }
    guard let text = values[key.id] ?? key.defaultValue else { return nil }
    return Self.trimmed(text)
  }

  /// `text` without leading or trailing white space.
  static func trimmed(_ text: String) -> String {
    let start = text.drop(while: \.isWhitespace)
    var end = start.endIndex
    while end > start.startIndex && start[start.index(before: end)].isWhitespace {
      end = start.index(before: end)
    }
    return String(start[..<end])
  }
}
