import Testing
import Traces

@testable import Scenario

/// The dotted paths a sweep uses to override a scenario's JSON: their syntax, their errors, and
/// how `replacing(_:with:)` and `value(at:)` walk objects and arrays.
struct FieldPathTests {
  /// A document with every kind of step: nested objects, an array of elements with ids (one of
  /// them made of digits) and an array of plain objects.
  static let document = """
    {
      "topology": {
        "generator": "ring",
        "links": [
          {"id": "l1", "bandwidth": "1Gbps"},
          {"id": "12", "bandwidth": "2Gbps"},
          {"id": "l3", "bandwidth": "3Gbps", "latency": "5ms"}
        ],
        "nodes": [{"cores": 2}, {"cores": 4}]
      },
      "workload": {"rounds": 3, "chain": {"consensus": "poa", "blockPeriod": "1s"}}
    }
    """

  private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

  /// Whether `a` and `b` hold the same JSON, ignoring `line`: the synthesised `==` of `JSONValue`
  /// compares `line` as well, and a replaced value built in code has line 0.
  private func isSame(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a.kind, b.kind) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)), (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { isSame($0, $1) }
    case (.object(let x), .object(let y)):
      return x.count == y.count
        && zip(x, y).allSatisfy { $0.key == $1.key && isSame($0.value, $1.value) }
    default: return false
    }
  }

  /// `document` with `path` set to `value` (JSON text).
  private func replaced(_ path: String, with value: String, in text: String = document) throws
    -> JSONValue
  {
    try json(text).replacing(FieldPath(parsing: path), with: json(value))
  }

  /// The message of the error that replacing `path` in `document` throws.
  private func replacementError(_ path: String, in text: String = document) throws -> String? {
    let base = try json(text)
    let fieldPath = try FieldPath(parsing: path)
    do throws(FieldPathError) {
      _ = try base.replacing(fieldPath, with: JSONValue(.null))
      return nil
    } catch {
      return error.message
    }
  }

  // MARK: - Syntax

  /// Every step form parses to its step, and `description` is the text exactly as written.
  @Test(
    arguments: [
      ("topology.generator.edges", [.member("topology"), .member("generator"), .member("edges")]),
      ("_a-b.C9", [.member("_a-b"), .member("C9")]),
      (
        "topology.links[l3].bandwidth",
        [.member("topology"), .member("links"), .element(id: "l3"), .member("bandwidth")]
      ),
      (
        "topology.nodes[0].cores",
        [.member("topology"), .member("nodes"), .position(0), .member("cores")]
      ),
      (#"links["12"].latency"#, [.member("links"), .element(id: "12"), .member("latency")]),
      (#"a["x [y] z"]"#, [.member("a"), .element(id: "x [y] z")]),
      (
        "a[l.3][1000000000][x-y]",
        [.member("a"), .element(id: "l.3"), .position(1_000_000_000), .element(id: "x-y")]
      ),
    ] as [(String, [FieldPath.Step])])
  func parsesEveryStepForm(text: String, steps: [FieldPath.Step]) throws {
    let path = try FieldPath(parsing: text)
    #expect(path.steps == steps)
    #expect(path.description == text)
  }

  static let memberRule =
    #"member names are a letter or "_" followed by letters, digits, "_" or "-""#
  static let selectorRule =
    #"a selector is [n] (a 0-based position), [id] or ["id"] (an element's "id")"#
  static let spaceRule = "paths have no white space outside a quoted id"

  /// Each malformed path is refused with one message, `the path "…" <problem>; <rule>`, naming
  /// the character where reading stopped and what is accepted there.
  @Test(
    arguments: [
      (".a", #"has an empty member name at character 1 (it starts with ".")"#, memberRule),
      ("a.", #"ends with "." at character 2, with no member name after it"#, memberRule),
      ("a..b", "has an empty member name at character 3 (two dots in a row)", memberRule),
      ("a$b", #"has "$" at character 2 in a member name"#, memberRule),
      ("9a", #"has "9" at character 1 where a member name must start"#, memberRule),
      (
        "a.[0]", #"has "[" at character 3 where a member name must start"#,
        #"a selector follows its member directly, as in "nodes[0]""#
      ),
      ("a[]", #"has an empty selector "[]" at character 2"#, selectorRule),
      ("a[0", #"has an unclosed "[" at character 2"#, selectorRule),
      (
        "a[b[c]]", #"has "[" at character 4 inside the selector opened at character 2"#,
        selectorRule
      ),
      (
        "a[0]b", #"has "b" at character 5 after "]""#,
        #"a selector is followed by ".", "[" or the end of the path"#
      ),
      ("a .b", "has white space at character 2", spaceRule),
      ("a[l 3]", "has white space at character 4", spaceRule),
      (
        "a[007]", "has the position 007 at character 3 with a leading zero",
        #"write positions as 0, 1, 2, …; quote an id made of digits, as in ["007"]"#
      ),
      (
        "a[1000000001]",
        "has the position 1000000001 at character 3, above the largest accepted position "
          + "1000000000",
        #"quote an id made of digits, as in ["12"]"#
      ),
      (#"a[""]"#, "has an empty quoted id at character 2", selectorRule),
      (
        #"a["l3]"#, "has an unclosed quote at character 3 in the selector opened at character 2",
        selectorRule
      ),
      (#"a["l3"x]"#, #"has "x" at character 7 after a quoted id"#, #"close it with "]""#),
    ])
  func refusesMalformedPath(text: String, problem: String, rule: String) {
    let message = "the path \"\(text)\" \(problem); \(rule)"
    #expect(throws: FieldPathError(message: message)) { try FieldPath(parsing: text) }
  }

  /// An empty path has no character to name; the message says what a path looks like.
  @Test func refusesEmptyPath() {
    let message = #"the path is empty; write member names joined by ".", as in "topology.nodes""#
    #expect(throws: FieldPathError(message: message)) { try FieldPath(parsing: "") }
  }

  /// A tab is refused like a space, and echoed escaped so the message stays one line.
  @Test func echoesControlCharactersEscaped() {
    let message = #"the path "a\tb" has white space at character 2; "# + Self.spaceRule
    #expect(throws: FieldPathError(message: message)) { try FieldPath(parsing: "a\tb") }
  }

  // MARK: - Replacing members

  /// Replacing a nested member changes only its value: siblings stay where they were, and
  /// untouched values keep their lines while the new value keeps line 0.
  @Test func replacingNestedMemberKeepsSiblingOrder() throws {
    let result = try json(Self.document).replacing(
      FieldPath(parsing: "workload.chain.consensus"), with: JSONValue(.string("pbft")))
    let expected = try json(
      Self.document.replacing(#""consensus": "poa""#, with: #""consensus": "pbft""#))
    #expect(isSame(result, expected))
    // `workload` is on line 11 of `document`; the replaced string was built in code.
    #expect(result["workload"]?.line == 11)
    #expect(result["workload"]?["chain"]?["consensus"]?.line == 0)
  }

  /// An absent last member is appended after the object's existing members.
  @Test func appendsAbsentLastMember() throws {
    let result = try replaced(
      "workload.chain.gasLimit", with: "30000000",
      in: #"{"workload": {"chain": {"consensus": "poa"}, "rounds": 3}}"#)
    let expected = try json(
      #"{"workload": {"chain": {"consensus": "poa", "gasLimit": 30000000}, "rounds": 3}}"#)
    #expect(isSame(result, expected))
  }

  /// An absent intermediate member is created as `{}` and stepped into, so a sweep can set a
  /// field of an optional object the base omits.
  @Test func createsAbsentIntermediateObject() throws {
    let result = try replaced(
      "workload.chain.blockPeriod", with: #""2s""#, in: #"{"workload": {"rounds": 3}}"#)
    let expected = try json(#"{"workload": {"rounds": 3, "chain": {"blockPeriod": "2s"}}}"#)
    #expect(isSame(result, expected))
  }

  // MARK: - Replacing elements

  /// `[l3]` selects the element whose `"id"` is `"l3"`, and only its member changes.
  @Test func replacesElementByID() throws {
    let result = try replaced("topology.links[l3].bandwidth", with: #""10Gbps""#)
    let expected = try json(
      Self.document.replacing(#""3Gbps""#, with: #""10Gbps""#))
    #expect(isSame(result, expected))
  }

  /// `["12"]` selects the element with id `"12"` (the second), not position 12, which is out of
  /// range for 3 links.
  @Test func replacesElementByQuotedNumericID() throws {
    let result = try replaced(#"topology.links["12"].bandwidth"#, with: #""20Gbps""#)
    let expected = try json(
      Self.document.replacing(#""2Gbps""#, with: #""20Gbps""#))
    #expect(isSame(result, expected))
  }

  /// `[1]` selects the second element; a whole element can be replaced too.
  @Test func replacesElementByPosition() throws {
    let cores = try replaced("topology.nodes[1].cores", with: "8")
    #expect(
      isSame(
        cores,
        try json(Self.document.replacing(#"{"cores": 4}"#, with: #"{"cores": 8}"#))))
    let node = try replaced("topology.nodes[0]", with: #"{"cores": 1, "memory": "1GB"}"#)
    #expect(
      isSame(
        node,
        try json(
          Self.document.replacing(
            #"{"cores": 2}"#, with: #"{"cores": 1, "memory": "1GB"}"#))))
  }

  // MARK: - Errors applying a path

  /// An unknown id names the ids present: all of them when there are at most 8, else the first 8
  /// and `…`.
  @Test func unknownIDErrorListsIDs() throws {
    #expect(
      try replacementError("topology.links[l9].bandwidth")
        == #""topology.links" has no element with id "l9"; its ids are "l1", "12", "l3""#)
    let many =
      "{\"links\": [" + (1...10).map { "{\"id\": \"l\($0)\"}" }.joined(separator: ", ") + "]}"
    #expect(
      try replacementError("links[x]", in: many)
        == #""links" has no element with id "x"; its ids are "#
        + #""l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", …"#)
    #expect(
      try replacementError("topology.nodes[n1].cores")
        == #""topology.nodes" has no element with id "n1"; "#
        + #"none of its elements has a string "id""#)
  }

  /// A position past the end names the array's count and its valid range.
  @Test func refusesOutOfRangePosition() throws {
    #expect(
      try replacementError("topology.nodes[2].cores")
        == #""topology.nodes" has 2 elements, so it has no position 2; "#
        + "its positions run from 0 to 1")
    #expect(
      try replacementError("a[1]", in: #"{"a": [true]}"#)
        == #""a" has 1 element, so it has no position 1; its positions run from 0 to 0"#)
    #expect(
      try replacementError("a[0]", in: #"{"a": []}"#)
        == #""a" is an empty array, so it has no position 0"#)
  }

  /// A step into a value of the wrong kind names the value's path, its type and the step.
  @Test func refusesStepIntoWrongKind() throws {
    #expect(
      try replacementError("topology.generator.edges")
        == #""topology.generator" is a string, not an object, so it has no member "edges""#)
    #expect(
      try replacementError("topology.links.bandwidth")
        == #""topology.links" is an array, not an object, so it has no member "bandwidth""#)
    #expect(
      try replacementError("workload[0]")
        == #""workload" is an object, not an array, so it has no element at position 0"#)
    #expect(
      try replacementError("topology.links[l1].bandwidth[x]")
        == #""topology.links[l1].bandwidth" is a string, not an array, "#
        + #"so it has no element with id "x""#)
    #expect(
      try replacementError("a", in: "[1]")
        == #"the document is an array, not an object, so it has no member "a""#)
  }

  /// Two elements with the same id make `[id]` ambiguous; the error names both positions.
  @Test func refusesDuplicateIDs() throws {
    let text = #"{"links": [{"id": "a"}, {"id": "b"}, {"id": "b"}]}"#
    #expect(
      try replacementError("links[b].latency", in: text)
        == #""links" has more than one element with id "b" (positions 1 and 2); "#
        + #"select one by position, as in "links[1]""#
    )
  }

  // MARK: - Reading

  /// `value(at:)` returns the value, nil for anything missing, and throws for a wrong kind or an
  /// ambiguous id.
  @Test func readsValueAtPath() throws {
    let base = try json(Self.document)
    func value(_ path: String) throws -> JSONValue? { try base.value(at: FieldPath(parsing: path)) }
    #expect(try value(#"topology.links["12"].bandwidth"#)?.kind == .string("2Gbps"))
    #expect(try value("topology.nodes[1].cores")?.kind == .number("4"))
    #expect(try value("workload.chain")?["blockPeriod"]?.kind == .string("1s"))
    #expect(try value("workload.chain.gasLimit") == nil)
    #expect(try value("faults.crashes") == nil)
    #expect(try value("topology.links[l9].bandwidth") == nil)
    #expect(try value("topology.nodes[5]") == nil)
    #expect(
      throws: FieldPathError(
        message: #""topology.generator" is a string, not an object, so it has no member "edges""#)
    ) { try value("topology.generator.edges") }
    let duplicated = try json(#"{"links": [{"id": "b"}, {"id": "b"}]}"#)
    #expect(throws: FieldPathError.self) {
      try duplicated.value(at: FieldPath(parsing: "links[b]"))
    }
  }
}
