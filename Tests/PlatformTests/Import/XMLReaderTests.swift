import Testing

@testable import Platform

struct XMLReaderTests {
  private static func parse(_ text: String) throws(GraphMLError) -> XMLReader.Element {
    try XMLReader.parse(text, fileName: "t.xml")
  }

  @Test func readsElementsAttributesTextAndSelfClosingTags() throws {
    let root = try Self.parse(
      """
      <?xml version="1.0" encoding="utf-8"?>
      <!-- a comment with <tags> inside -->
      <a x="1" y='two'>
        <b/>
        <c z = "3">hello</c>
      </a>
      """)
    #expect(root.name == "a")
    #expect(root.attributes.map(\.name) == ["x", "y"])
    #expect(root.attribute("y") == "two")
    #expect(root.children.map(\.name) == ["b", "c"])
    #expect(root.children[1].attribute("z") == "3")
    #expect(root.children[1].text == "hello")
    #expect(root.children[1].line == 5)
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

  @Test func deepNestingDoesNotUseTheCallStack() throws {
    // 20,000 levels would overflow a recursive parser's stack in a debug build.
    let depth = 20_000
    let text = String(repeating: "<n>", count: depth) + String(repeating: "</n>", count: depth)
    var element = try Self.parse(text)
    var levels = 1
    while let child = element.children.first {
      element = child
      levels += 1
    }
    #expect(levels == depth)
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
