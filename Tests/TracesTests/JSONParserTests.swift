import Testing

@testable import Traces

struct JSONParserTests {
  @Test func parsesEveryKindAndRemembersLines() throws {
    let value = try JSONParser.parse(
      "{\n \"a\": [1, -2.5e3, true, null],\n \"b\": \"x\\u00e9\\n\"\n}")
    #expect(value.line == 1)
    #expect(value["a"]?.line == 2)
    #expect(
      value["a"]?.kind
        == .array([
          JSONValue(.number("1"), line: 2), JSONValue(.number("-2.5e3"), line: 2),
          JSONValue(.bool(true), line: 2),
          JSONValue(.null, line: 2),
        ]))
    #expect(value["b"]?.kind == .string("xé\n"))
    #expect(value["b"]?.line == 3)
  }

  @Test func surrogatePairsDecode() throws {
    // U+1F600 is the surrogate pair D83D DE00 (RFC 8259 §7).
    #expect(try JSONParser.parse(#""\ud83d\ude00""#).kind == .string("😀"))
  }

  @Test(
    arguments: [
      ("{\"a\": 1,}", 1), ("[1 2]", 1), ("{\"a\": 1, \"a\": 2}", 1), ("\"abc", 1), ("01", 1),
      ("\n\n  @", 3),
      ("{\"a\": 10ms}", 1), ("[1,\n2,\n", 3), ("tru", 1), ("\"\\x\"", 1),
    ] as [(String, Int)])
  func malformedDocumentsReportTheirLine(text: String, line: Int) {
    do {
      _ = try JSONParser.parse(text)
      Issue.record("\(text) parsed")
    } catch {
      #expect(error.line == line, "\(error)")
    }
  }

  @Test func deepNestingIsAnErrorNotAStackOverflow() {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(text) }
  }

  @Test func writerRoundTripsThroughTheParser() throws {
    let value = JSONValue.object([
      ("name", .string("a \"quoted\"\tname")), ("seed", .integer(42)), ("ratio", .double(0.1)),
      ("list", .array([.bool(false), .array([])])), ("empty", .object([])),
    ])
    let text = JSONWriter.write(value)
    let reparsed = try JSONParser.parse(text)
    #expect(JSONWriter.write(reparsed) == text)
    #expect(reparsed["name"]?.kind == .string("a \"quoted\"\tname"))
  }
}
