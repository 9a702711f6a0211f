import Testing

@testable import Platform

struct XMLReaderTests {
  private static func parse(_ text: String) throws(GraphMLError) -> XMLReader.Element {
    try XMLReader.parse(text, fileName: "t.xml").root
  }

  @Test func readsElementsAttributesTextAndSelfClosingTags() throws {
    let document = try XMLReader.parse(
      """
      <?xml version="1.0" encoding="utf-8"?>
      <!-- a comment with <tags> inside -->
      <a x="1" y='two'>
        <b/>
        <c z = "3">hello<d/></c>
        <b/>
      </a>
      """, fileName: "t.xml")
    let root = document.root
    #expect(root.name == "a")
    #expect(root.attributes.map(\.name) == ["x", "y"])
    #expect(root.attribute("y") == "two")
    // Elements are stored in start-tag order: a, b, c, d, b; the root's children skip `d`.
    #expect(document.elements.map(\.name) == ["a", "b", "c", "d", "b"])
    #expect(root.childIndices == [1, 2, 4])
    let children = document.children(of: root)
    #expect(children.map(\.name) == ["b", "c", "b"])
    #expect(document.children(named: "b", of: root).map(\.line) == [4, 6])
    #expect(children[1].attribute("z") == "3")
    #expect(children[1].text == "hello")
    #expect(children[1].line == 5)
    #expect(document.children(of: children[1]).map(\.name) == ["d"])
  }

  @Test func decodesEntitiesCharacterReferencesAndCDATA() throws {
    // &#65; is 'A' (decimal), &#x42; is 'B' (hex), &#xE9; is 'é' (U+00E9, two UTF-8 bytes).
    let root = try Self.parse(
      "<a v=\"&lt;&amp;&gt;\">&quot;&apos;&#65;&#x42;&#xE9;<![CDATA[<raw & text>]]></a>")
    #expect(root.attribute("v") == "<&>")
    #expect(root.text == "\"'ABé<raw & text>")
  }

  @Test func keepsNamespacePrefixesAndGivesLocalNames() throws {
    let root = try Self.parse("<y:Shape xmlns:y='urn:y'/>")
    #expect(root.name == "y:Shape")
    #expect(root.localName == "Shape")
  }

  @Test func skipsDoctypeAndByteOrderMark() throws {
    let root = try Self.parse("\u{FEFF}<!DOCTYPE a [ <!ELEMENT a ANY> ]><a/>")
    #expect(root.name == "a")
  }

  @Test func deepNestingIsParsedAndFreedWithoutRecursion() throws {
    // 50,000 levels: a tree of nested values overflowed the call stack when it was freed (each
    // level's array released the next one's from inside its own deinit). The flat document is
    // one array, so building, walking and freeing it recurses nowhere.
    let depth = 50_000
    let text = String(repeating: "<n>", count: depth) + String(repeating: "</n>", count: depth)
    var levels = 0
    do {
      let document = try XMLReader.parse(text, fileName: "t.xml")
      #expect(document.elements.count == depth)
      var element = document.root
      levels = 1
      while let child = document.children(of: element).first {
        element = child
        levels += 1
      }
    }  // the document is freed here
    #expect(levels == depth)
  }

  @Test func repeatedAttributeIsFoundAmongManyAttributes() {
    // Past `attributesSearchedLinearly` attributes, repeats are found with a set; the 20,000th
    // attribute repeats the 10th, which a set built from the first 8 alone would miss.
    let names = (0..<19_999).map { "a\($0)" } + ["a9"]
    let tag = "<t " + names.map { "\($0)='1'" }.joined(separator: " ") + "/>"
    #expect(
      throws: GraphMLError.malformedXML(
        file: "t.xml", line: 1, expected: "each attribute once in `<t`",
        found: "a second `a9` attribute")
    ) {
      try Self.parse(tag)
    }
  }

  @Test(arguments: [
    // (document, line, expected, found)
    ("<a><b></a>", 1, "`</b>` closing the element opened on line 1", "`</a>`"),
    ("<a>\n<b>\n", 3, "`</b>` closing the element opened on line 2", "end of file"),
    ("", 1, "a root element", "end of file"),
    ("hello", 1, "`<`", "text `hello` outside the root element"),
    ("<a/><b/>", 1, "end of file after the root element", "another element"),
    (
      "<a>&nbsp;</a>", 1,
      "`&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference `&#…;`", "`&nbsp;`"
    ),
    (
      "<a>&#0;</a>", 1,
      "`&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference `&#…;`", "`&#0;`"
    ),
    (
      "<a>&#xD800;</a>", 1,
      "`&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference `&#…;`", "`&#xD800;`"
    ),
    (
      "<a>fish & chips and more</a>", 1,
      "a reference such as `&amp;` or `&#60;` ending in `;`", "`& chips and …`"
    ),
    (
      "<a>&amp", 1, "a reference such as `&amp;` or `&#60;` ending in `;`",
      "`&amp` then end of file"
    ),
    ("<a x=1/>", 1, "a quoted value for attribute `x`", "`1/>`"),
    ("<a x='1' x='2'/>", 1, "each attribute once in `<a`", "a second `x` attribute"),
    ("<a x='<'/>", 1, "`&lt;` for `<` inside attribute `x`", "`<`"),
    ("<a x='1'y='2'/>", 1, "whitespace, `>` or `/>` in the tag `<a`", "`y='2'/>`"),
    ("<a><!-- never closed </a>", 1, "`-->` closing the comment", "end of file"),
    ("<a><![CDATA[ open </a>", 1, "`]]>` closing the CDATA section", "end of file"),
    ("<1a/>", 1, "an element name after `<`", "`1a`, which does not start like a name"),
    ("</a>", 1, "an opening tag", "`</a>` with no element open"),
    ("<a", 1, "`>` ending the tag `<a`", "end of file"),
  ])
  func malformedDocumentsFailWithLineAndExpectation(
    document: String, line: Int, expected: String, found: String
  ) {
    #expect(
      throws: GraphMLError.malformedXML(file: "t.xml", line: line, expected: expected, found: found)
    ) {
      try Self.parse(document)
    }
  }
}
