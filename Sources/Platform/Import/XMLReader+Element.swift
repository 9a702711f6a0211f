extension XMLReader {
  /// An element of a parsed document: its name, attributes in document order, the positions of
  /// its child elements in `Document.elements` and the character data directly inside it (text
  /// and CDATA concatenated, entities decoded).
  ///
  /// Children are indices, not nested values, so that a document nested 50,000 levels deep is
  /// one flat array: it is built and freed without recursion, however deep the nesting.
  struct Element: Sendable {
    /// The tag name as written, prefix included (`graphml`, `xsi:schemaLocation`).
    var name: String
    /// The attributes in document order; names are unique.
    var attributes: [(name: String, value: String)] = []
    /// The positions of the child elements in `Document.elements`, in document order.
    var childIndices: [Int] = []
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
    /// - Complexity: O(number of attributes).
    func attribute(_ name: String) -> String? {
      attributes.first { $0.name == name }?.value
    }
  }

  /// A parsed document: every element in the order of its start tag, the root first.
  struct Document: Sendable {
    /// The elements in start-tag order; `elements[0]` is the root, and every element's children
    /// come after it.
    var elements: [Element]

    /// The root element.
    var root: Element { elements[0] }

    /// The child elements of `element`, in document order.
    func children(of element: Element) -> [Element] {
      element.childIndices.map { elements[$0] }
    }

    /// The children of `element` whose local name is `localName`, in document order.
    func children(named localName: String, of element: Element) -> [Element] {
      element.childIndices.compactMap { elements[$0].localName == localName ? elements[$0] : nil }
    }
  }
}
