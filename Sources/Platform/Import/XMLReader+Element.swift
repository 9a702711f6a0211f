extension XMLReader {
  /// An element of a parsed document: its name, attributes in document order, child elements and
  /// the character data directly inside it (text and CDATA concatenated, entities decoded).
  struct Element: Sendable {
    /// The tag name as written, prefix included (`graphml`, `xsi:schemaLocation`).
    var name: String
    /// The attributes in document order; names are unique.
    var attributes: [(name: String, value: String)] = []
    /// The child elements in document order.
    var children: [Element] = []
    /// The character data directly inside this element, untrimmed.
    var text = ""
    /// The 1-based line of the element's start tag.
    var line: Int

    init(name: String, line: Int) {
      self.name = name
      self.line = line
    }

    /// The name without its namespace prefix: `y:ShapeNode` → `ShapeNode`.
    var localName: Substring {
      guard let colon = name.lastIndex(of: ":") else { return name[...] }
      return name[name.index(after: colon)...]
    }

    /// The value of attribute `name`, if present.
    func attribute(_ name: String) -> String? {
      attributes.first { $0.name == name }?.value
    }

    /// The children whose local name is `localName`, in document order.
    func children(named localName: String) -> [Element] {
      children.filter { $0.localName == localName }
    }
  }
}
