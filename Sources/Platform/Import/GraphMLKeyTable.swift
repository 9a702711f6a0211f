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
  /// Position in `keys` of the first key with a given name and domain, keyed by
  /// `DomainName(domain, name)`; only looked up. Makes `value(_:for:in:)` O(1) however many keys
  /// a file declares.
  private var firstIndexByDomainName: [DomainName: Int] = [:]
  /// The file name errors are reported against.
  let fileName: String

  /// A key's domain and attribute name, as a dictionary key.
  private struct DomainName: Hashable {
    var domain: String
    var name: String
  }

  /// Reads every `<key>` child of the document's root.
  /// - Throws: `GraphMLError` when a key has no id or repeats one.
  init(document: XMLReader.Document, fileName: String) throws(GraphMLError) {
    self.fileName = fileName
    for element in document.children(named: "key", of: document.root) {
      guard let id = element.attribute("id") else {
        throw .missingAttribute(file: fileName, line: element.line, element: "key", attribute: "id")
      }
      if let first = indexByID[id] {
        throw .duplicateID(
          file: fileName, line: element.line, element: "key", id: id, firstLine: keys[first].line)
      }
      let key = Key(
        id: id, name: element.attribute("attr.name") ?? id,
        domain: element.attribute("for") ?? "all",
        defaultValue: document.children(named: "default", of: element).first?.text,
        line: element.line)
      indexByID[id] = keys.count
      let domainName = DomainName(domain: key.domain, name: key.name)
      if firstIndexByDomainName[domainName] == nil {
        firstIndexByDomainName[domainName] = keys.count
      }
      keys.append(key)
    }
  }

  /// The `<data>` values of `element`, by key id; a later `<data>` for the same key replaces an
  /// earlier one.
  /// - Throws: `GraphMLError` when a `<data>` has no `key` or names an undeclared one.
  func values(of element: XMLReader.Element, in document: XMLReader.Document)
    throws(GraphMLError) -> [String: String]
  {
    var values: [String: String] = [:]
    for data in document.children(named: "data", of: element) {
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
  func value(_ name: String, for domain: String, in values: [String: String]) -> String? {
    let own = firstIndexByDomainName[DomainName(domain: domain, name: name)]
    let shared = firstIndexByDomainName[DomainName(domain: "all", name: name)]
    guard let index = [own, shared].compactMap({ $0 }).min() else { return nil }
    let key = keys[index]
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
