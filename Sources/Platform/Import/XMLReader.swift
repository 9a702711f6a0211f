/// A small, strict XML reader: enough of XML 1.0 for GraphML, without FoundationXML (which would
/// pull libxml2 into the build).
///
/// It reads elements, attributes in single or double quotes, self-closing tags, character data,
/// CDATA sections, comments, processing instructions (the `<?xml …?>` declaration included), a
/// `<!DOCTYPE …>` without entity definitions, the five predefined entities and decimal or
/// hexadecimal character references (XML 1.0 §2.4, §4.1, §4.6). It does not validate against a
/// DTD or schema, does not resolve namespaces (names keep their prefix) and does not normalise
/// attribute whitespace.
///
/// Malformed input — an unclosed or mismatched tag, an unknown entity, a truncated file, text
/// outside the root — throws `GraphMLError.malformedXML` with the line and what was expected;
/// every index is checked, so no input traps.
///
/// Nesting is handled with an explicit stack of indices and the result is a flat `Document`
/// (children are positions in one array), so neither parsing nor freeing recurses: depth is
/// bounded by the length of the text, not by the call stack.
struct XMLReader {
  /// The document as UTF-8 bytes.
  let bytes: [UInt8]
  /// The file name errors are reported against.
  let fileName: String
  /// The next byte to read.
  var position = 0
  /// The 1-based line of `position`.
  var line = 1

  init(text: String, fileName: String) {
    self.bytes = Array(text.utf8)
    self.fileName = fileName
  }

  /// Parses `text` into a document.
  /// - Throws: `GraphMLError.malformedXML` when the text is not well-formed XML.
  /// - Complexity: O(n) in the length of the text.
  static func parse(_ text: String, fileName: String) throws(GraphMLError) -> Document {
    var reader = XMLReader(text: text, fileName: fileName)
    return try reader.parseDocument()
  }

  // MARK: - Document structure

  /// Reads the whole document: prolog, one root element, trailing comments and whitespace.
  mutating func parseDocument() throws(GraphMLError) -> Document {
    // A UTF-8 byte order mark may open the file.
    if hasPrefix([0xEF, 0xBB, 0xBF]) { position = 3 }
    var elements: [Element] = []
    // The positions in `elements` of the elements open, outermost first.
    var open: [Int] = []
    while position < bytes.count {
      if bytes[position] != UInt8(ascii: "<") {
        let text = try readCharacterData()
        if let innermost = open.last {
          elements[innermost].text += text
        } else {
          guard text.allSatisfy(\.isWhitespace) else {
            throw malformed(
              expected: "`<`", found: "text `\(Self.excerpt(text))` outside the root element")
          }
        }
      } else if hasPrefix("<?") {
        try skip(opener: "<?", past: "?>", construct: "processing instruction")
      } else if hasPrefix("<!--") {
        try skip(opener: "<!--", past: "-->", construct: "comment")
      } else if hasPrefix("<![CDATA[") {
        guard let innermost = open.last else {
          throw malformed(expected: "a root element", found: "a CDATA section outside it")
        }
        let text = try readCDATA()
        elements[innermost].text += text
      } else if hasPrefix("<!DOCTYPE") {
        guard elements.isEmpty else {
          throw malformed(expected: "element content", found: "`<!DOCTYPE` inside the document")
        }
        try skipDoctype()
      } else if hasPrefix("</") {
        let name = try readEndTag()
        guard let innermost = open.last else {
          throw malformed(expected: "an opening tag", found: "`</\(name)>` with no element open")
        }
        let element = elements[innermost]
        guard name == element.name else {
          throw malformed(
            expected: "`</\(element.name)>` closing the element opened on line \(element.line)",
            found: "`</\(name)>`")
        }
        try expect(">", after: "`</\(name)`")
        open.removeLast()
      } else {
        if open.isEmpty && !elements.isEmpty {
          throw malformed(expected: "end of file after the root element", found: "another element")
        }
        let (element, isEmpty) = try readStartTag()
        if let parent = open.last { elements[parent].childIndices.append(elements.count) }
        if !isEmpty { open.append(elements.count) }
        elements.append(element)
      }
    }
    if let innermost = open.last {
      let unclosed = elements[innermost]
      throw malformed(
        expected: "`</\(unclosed.name)>` closing the element opened on line \(unclosed.line)",
        found: "end of file")
    }
    guard !elements.isEmpty else {
      throw malformed(expected: "a root element", found: "end of file")
    }
    return Document(elements: elements)
  }

  /// How many attributes a tag may have before repeats are found with a set instead of a linear
  /// search.
  static let attributesSearchedLinearly = 8

  /// Reads `<name attributes…>` or `<name attributes…/>`; returns the element and whether it was
  /// self-closing.
  mutating func readStartTag() throws(GraphMLError) -> (Element, isEmpty: Bool) {
    let startLine = line
    advance(by: 1)  // "<"
    let name = try readName(what: "an element name after `<`")
    var element = Element(name: name, line: startLine)
    var seenNames: Set<String>?  // membership only; built once the tag has many attributes
    while true {
      let hadSpace = skipWhitespace()
      guard position < bytes.count else {
        throw malformed(expected: "`>` ending the tag `<\(name)`", found: "end of file")
      }
      if bytes[position] == UInt8(ascii: ">") {
        advance(by: 1)
        return (element, false)
      }
      if hasPrefix("/>") {
        advance(by: 2)
        return (element, true)
      }
      guard hadSpace else {
        throw malformed(
          expected: "whitespace, `>` or `/>` in the tag `<\(name)`", found: describeNext())
      }
      let attributeName = try readName(what: "an attribute name, `>` or `/>` in `<\(name)`")
      skipWhitespace()
      try expect("=", after: "attribute `\(attributeName)`")
      skipWhitespace()
      let value = try readAttributeValue(of: attributeName)
      // A linear search is fastest for the few attributes of real tags; past a handful, a set
      // keeps a tag with 100,000 attributes from costing 5·10⁹ comparisons.
      if element.attributes.count == Self.attributesSearchedLinearly {
        seenNames = Set(element.attributes.map(\.name))
      }
      let isRepeated: Bool
      if seenNames != nil {
        isRepeated = !seenNames!.insert(attributeName).inserted
      } else {
        isRepeated = element.attribute(attributeName) != nil
      }
      guard !isRepeated else {
        throw malformed(
          expected: "each attribute once in `<\(name)`",
          found: "a second `\(attributeName)` attribute")
      }
      element.attributes.append((attributeName, value))
    }
  }

  /// Reads `</name` and the white space after it; returns the name. The caller checks that it
  /// closes the innermost open element, then consumes the `>`.
  mutating func readEndTag() throws(GraphMLError) -> String {
    advance(by: 2)  // "</"
    let name = try readName(what: "an element name after `</`")
    skipWhitespace()
    return name
  }

  /// Reads the quoted value of an attribute, entities decoded.
  mutating func readAttributeValue(of attribute: String) throws(GraphMLError) -> String {
    guard position < bytes.count,
      bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
    else {
      throw malformed(
        expected: "a quoted value for attribute `\(attribute)`", found: describeNext())
    }
    let quote = bytes[position]
    advance(by: 1)
    var value: [UInt8] = []
    while true {
      guard position < bytes.count else {
        throw malformed(
          expected: "the closing quote of attribute `\(attribute)`", found: "end of file")
      }
      let byte = bytes[position]
      if byte == quote {
        advance(by: 1)
        return String(decoding: value, as: UTF8.self)
      } else if byte == UInt8(ascii: "<") {
        throw malformed(expected: "`&lt;` for `<` inside attribute `\(attribute)`", found: "`<`")
      } else if byte == UInt8(ascii: "&") {
        value += try readReference()
      } else {
        value.append(byte)
        advance(by: 1)
      }
    }
  }

  /// Reads character data up to the next `<` or the end, entities decoded.
  mutating func readCharacterData() throws(GraphMLError) -> String {
    var text: [UInt8] = []
    while position < bytes.count && bytes[position] != UInt8(ascii: "<") {
      if bytes[position] == UInt8(ascii: "&") {
        text += try readReference()
        continue
      }
      // Copy the run of plain bytes in one go.
      var end = position
      while end < bytes.count && bytes[end] != UInt8(ascii: "<") && bytes[end] != UInt8(ascii: "&")
      {
        end += 1
      }
      text += bytes[position..<end]
      move(to: end)
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// Reads `<![CDATA[…]]>` and returns its content verbatim.
  mutating func readCDATA() throws(GraphMLError) -> String {
    advance(by: 9)  // "<![CDATA["
    let start = position
    guard let end = find("]]>") else {
      throw malformed(expected: "`]]>` closing the CDATA section", found: "end of file")
    }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    move(to: end + 3)
    return text
  }

  /// Skips a `<!DOCTYPE …>` declaration, including a bracketed internal subset.
  mutating func skipDoctype() throws(GraphMLError) {
    var depth = 0
    var quote: UInt8?
    while position < bytes.count {
      let byte = bytes[position]
      advance(by: 1)
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: "[") {
        depth += 1
      } else if byte == UInt8(ascii: "]") {
        depth -= 1
      } else if byte == UInt8(ascii: ">") && depth <= 0 {
        return
      }
    }
    throw malformed(expected: "`>` closing `<!DOCTYPE`", found: "end of file")
  }

  /// Skips `opener` (already matched), then everything up to and including `terminator`.
  mutating func skip(opener: String, past terminator: String, construct: String)
    throws(GraphMLError)
  {
    advance(by: opener.utf8.count)
    guard let end = find(terminator) else {
      throw malformed(expected: "`\(terminator)` closing the \(construct)", found: "end of file")
    }
    move(to: end + terminator.utf8.count)
  }
}
