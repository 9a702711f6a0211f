import SimCore
import Traces

/// A dotted path to one field of a scenario's JSON, as sweeps name it: `topology.generator.edges`,
/// `workload.chain.blockPeriod`, `topology.links[l3].bandwidth` (an array element by its `id`),
/// `topology.nodes[0].cores` (by 0-based position), `topology.links["12"].latency` (an id made of
/// digits, quoted).
///
/// Grammar: one or more member names joined by `.`; a member name is a letter or `_` followed by
/// letters, digits, `_` or `-`; each member may be followed by selectors `[…]`: all digits is a
/// position (no leading zero, at most 1 000 000 000), `"…"` is an id (any characters but `"`),
/// anything else is an id without `[`, `]`, `"` or white space. White space is accepted only
/// inside quotes.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
  /// One step from a JSON value to one of its parts.
  public enum Step: Sendable, Hashable {
    /// The member called this of an object.
    case member(String)
    /// The element of an array that is an object whose `"id"` is this string.
    case element(id: String)
    /// The element of an array at this 0-based position.
    case position(Int)
  }

  /// The steps from the document's root, in order; never empty.
  public let steps: [Step]
  /// The path as written (used as a CSV column name and in messages).
  public let description: String

  /// The largest position a selector may name; far beyond any scenario, and it keeps the digits
  /// well inside `Int`.
  static let maximumPosition = 1_000_000_000

  /// Parses `text`, or throws an error naming the first offending character.
  /// - Complexity: O(n) in the length of `text`.
  public init(parsing text: String) throws(FieldPathError) {
    var parser = FieldPathParser(text: text)
    steps = try parser.parse()
    description = text
  }
}

/// What is wrong with a path, or with applying it; `message` is one line, lowercase start, without
/// the path's owner (the caller prefixes the sweep file and point).
public struct FieldPathError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The one-line explanation, naming the offending text and what is accepted.
  public let message: String
  /// The message itself.
  public var description: String { message }
}

// MARK: - Parsing

/// Reads a path left to right over its characters, so that every error can name the 1-based
/// character where reading stopped.
private struct FieldPathParser {
  let text: String
  let characters: [Character]
  var index = 0

  static let memberRule =
    #"member names are a letter or "_" followed by letters, digits, "_" or "-""#
  static let selectorRule =
    #"a selector is [n] (a 0-based position), [id] or ["id"] (an element's "id")"#
  static let spaceRule = "paths have no white space outside a quoted id"

  init(text: String) {
    self.text = text
    characters = Array(text)
  }

  var peek: Character? { index < characters.count ? characters[index] : nil }

  mutating func parse() throws(FieldPathError) -> [FieldPath.Step] {
    guard !characters.isEmpty else {
      throw FieldPathError(
        message: #"the path is empty; write member names joined by ".", as in "topology.nodes""#)
    }
    var steps: [FieldPath.Step] = []
    while true {
      steps.append(.member(try memberName()))
      while peek == "[" { steps.append(try selector()) }
      guard let next = peek else { return steps }
      if next != "." {
        let afterSelector = characters[index - 1] == "]"
        throw unexpected(
          next,
          where: afterSelector ? #"after "]""# : "in a member name",
          accepted: afterSelector
            ? #"a selector is followed by ".", "[" or the end of the path"# : Self.memberRule)
      }
      index += 1
    }
  }

  mutating func memberName() throws(FieldPathError) -> String {
    let start = index
    guard let first = peek, first != "." else {
      let problem =
        start == characters.count
        ? #"ends with "." at character \#(start), with no member name after it"#
        : "has an empty member name at character \(start + 1) "
          + (start == 0 ? #"(it starts with ".")"# : "(two dots in a row)")
      throw error(problem, accepted: Self.memberRule)
    }
    guard first.isASCII, first.isLetter || first == "_" else {
      throw unexpected(
        first, where: "where a member name must start",
        accepted: first == "["
          ? #"a selector follows its member directly, as in "nodes[0]""# : Self.memberRule)
    }
    while let c = peek, c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "-" { index += 1 }
    return String(characters[start..<index])
  }

  mutating func selector() throws(FieldPathError) -> FieldPath.Step {
    let open = index
    index += 1
    if peek == "\"" { return try quotedSelector(open: open) }
    let start = index
    while let c = peek, c != "]" {
      if c == "[" || c == "\"" || c.isWhitespace {
        throw unexpected(
          c, where: "inside the selector opened at character \(open + 1)",
          accepted: Self.selectorRule)
      }
      index += 1
    }
    guard peek == "]" else {
      throw error("has an unclosed \"[\" at character \(open + 1)", accepted: Self.selectorRule)
    }
    let content = String(characters[start..<index])
    index += 1
    guard !content.isEmpty else {
      throw error(
        "has an empty selector \"[]\" at character \(open + 1)", accepted: Self.selectorRule)
    }
    guard content.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .element(id: content) }
    let shown = "the position \(content) at character \(start + 1)"
    guard content == "0" || content.first != "0" else {
      throw error(
        "has \(shown) with a leading zero",
        accepted: #"write positions as 0, 1, 2, …; quote an id made of digits, as in ["007"]"#)
    }
    // Too many digits for `Int` is too large as well, so a failed conversion lands here too.
    guard let position = Int(content), position <= FieldPath.maximumPosition else {
      throw error(
        "has \(shown), above the largest accepted position \(FieldPath.maximumPosition)",
        accepted: #"quote an id made of digits, as in ["12"]"#)
    }
    return .position(position)
  }

  /// Reads `"…"]` after the `[` at `open`; the id is taken as written, without escapes.
  mutating func quotedSelector(open: Int) throws(FieldPathError) -> FieldPath.Step {
    index += 1
    let start = index
    while let c = peek, c != "\"" { index += 1 }
    guard peek == "\"" else {
      throw error(
        "has an unclosed quote at character \(start) in the selector opened at character "
          + "\(open + 1)",
        accepted: Self.selectorRule)
    }
    let id = String(characters[start..<index])
    guard !id.isEmpty else {
      throw error(
        "has an empty quoted id at character \(open + 1)", accepted: Self.selectorRule)
    }
    index += 1
    guard peek == "]" else {
      let found = peek.map { "\"\(EchoedText.echoed(String($0)))\"" } ?? "the end of the path"
      throw error(
        "has \(found) at character \(index + 1) after a quoted id", accepted: #"close it with "]""#)
    }
    index += 1
    return .element(id: id)
  }

  func unexpected(_ c: Character, where place: String, accepted: String) -> FieldPathError {
    if c.isWhitespace {
      return error("has white space at character \(index + 1)", accepted: Self.spaceRule)
    }
    return error(
      "has \"\(EchoedText.echoed(String(c)))\" at character \(index + 1) \(place)",
      accepted: accepted)
  }

  func error(_ problem: String, accepted: String) -> FieldPathError {
    FieldPathError(message: "the path \"\(EchoedText.echoed(text))\" \(problem); \(accepted)")
  }
}

// MARK: - Reading and replacing

extension JSONValue {
  /// A copy with the value at `path` set to `value`, given as is (values built in code have line
  /// 0); untouched values keep their lines.
  ///
  /// An absent member is created: appended at the end of its object when it is the last step,
  /// or as an empty object `{}` to step into otherwise, so that a sweep can set a field of an
  /// optional object the base scenario omits (the decoder validates the result). A missing
  /// element, an ambiguous id or a step into the wrong kind of value is an error.
  /// - Complexity: O(d · w), d being the path's length and w the widest object or array on it.
  public func replacing(_ path: FieldPath, with value: JSONValue) throws(FieldPathError)
    -> JSONValue
  {
    try replacing(path, from: 0, with: value)
  }

  /// The value at `path`, or nil when any step is missing (no error for a missing member; an error
  /// for a step into the wrong kind, e.g. a member of an array).
  ///
  /// An id that is absent or a position out of range is missing too; an id held by two elements
  /// is an error, since which one was meant is unknown.
  /// - Complexity: O(d · w), d being the path's length and w the widest object or array on it.
  public func value(at path: FieldPath) throws(FieldPathError) -> JSONValue? {
    var current = self
    for depth in path.steps.indices {
      switch (path.steps[depth], current.kind) {
      case (.member(let name), .object(let members)):
        guard let member = members.first(where: { $0.key == name }) else { return nil }
        current = member.value
      case (.element, .array(let items)), (.position, .array(let items)):
        guard let i = try Self.index(of: path, at: depth, in: items) else { return nil }
        current = items[i]
      default:
        throw current.wrongKind(path, at: depth)
      }
    }
    return current
  }

  private func replacing(_ path: FieldPath, from depth: Int, with value: JSONValue)
    throws(FieldPathError) -> JSONValue
  {
    guard depth < path.steps.count else { return value }
    var copy = self
    switch (path.steps[depth], kind) {
    case (.member(let name), .object(var members)):
      if let i = members.firstIndex(where: { $0.key == name }) {
        members[i].value = try members[i].value.replacing(path, from: depth + 1, with: value)
      } else {
        // Stepping into `{}` returns `value` itself when this is the last step.
        let created = try JSONValue(.object([])).replacing(path, from: depth + 1, with: value)
        members.append((key: name, value: created))
      }
      copy.kind = .object(members)
    case (.element, .array(var items)), (.position, .array(var items)):
      guard let i = try Self.index(of: path, at: depth, in: items) else {
        throw Self.missingElement(path, at: depth, in: items)
      }
      items[i] = try items[i].replacing(path, from: depth + 1, with: value)
      copy.kind = .array(items)
    default:
      throw wrongKind(path, at: depth)
    }
    return copy
  }

  /// The index in `items` (this array's elements) that step `depth` of `path` selects, or nil
  /// when there is none; an error when two elements share the id.
  private static func index(of path: FieldPath, at depth: Int, in items: [JSONValue])
    throws(FieldPathError) -> Int?
  {
    switch path.steps[depth] {
    case .position(let n):
      return n < items.count ? n : nil
    case .element(let id):
      let matches = items.indices.filter { items[$0].elementID == id }
      if matches.count > 1 {
        let array = FieldPath.text(of: path.steps[..<depth])
        throw FieldPathError(
          message:
            "\(FieldPath.subject(path.steps[..<depth])) has more than one element with id "
            + "\"\(EchoedText.echoed(id))\" (positions \(matches[0]) and \(matches[1])); "
            + "select one by position, as in \"\(EchoedText.echoed(array))[\(matches[0])]\"")
      }
      return matches.first
    case .member:
      preconditionFailure("a member step \(path.steps[depth]) has no index in an array")
    }
  }

  private static func missingElement(_ path: FieldPath, at depth: Int, in items: [JSONValue])
    -> FieldPathError
  {
    let subject = FieldPath.subject(path.steps[..<depth])
    switch path.steps[depth] {
    case .position(let n):
      guard !items.isEmpty else {
        return FieldPathError(message: "\(subject) is an empty array, so it has no position \(n)")
      }
      let elements = items.count == 1 ? "1 element" : "\(items.count) elements"
      return FieldPathError(
        message: "\(subject) has \(elements), so it has no position \(n); "
          + "its positions run from 0 to \(items.count - 1)")
    case .element(let id):
      let ids = items.compactMap(\.elementID)
      let listed =
        ids.prefix(8).map { "\"\(EchoedText.echoed($0))\"" }.joined(separator: ", ")
        + (ids.count > 8 ? ", …" : "")
      return FieldPathError(
        message: "\(subject) has no element with id \"\(EchoedText.echoed(id))\"; "
          + (ids.isEmpty ? "none of its elements has a string \"id\"" : "its ids are \(listed)"))
    case .member:
      preconditionFailure("a member step \(path.steps[depth]) cannot miss an array element")
    }
  }

  private func wrongKind(_ path: FieldPath, at depth: Int) -> FieldPathError {
    let subject = FieldPath.subject(path.steps[..<depth])
    let (expected, part): (String, String)
    switch path.steps[depth] {
    case .member(let name):
      (expected, part) = ("an object", "member \"\(EchoedText.echoed(name))\"")
    case .element(let id):
      (expected, part) = ("an array", "element with id \"\(EchoedText.echoed(id))\"")
    case .position(let n): (expected, part) = ("an array", "element at position \(n)")
    }
    return FieldPathError(
      message: "\(subject) is \(typeDescription), not \(expected), so it has no \(part)")
  }

  /// The string `"id"` member of an object element, which `[id]` selectors match.
  private var elementID: String? {
    guard case .string(let id)? = self["id"]?.kind else { return nil }
    return id
  }
}

extension FieldPath {
  /// How a message names the value reached after `steps`: the path quoted, or the root.
  fileprivate static func subject(_ steps: ArraySlice<Step>) -> String {
    steps.isEmpty ? "the document" : "\"\(EchoedText.echoed(text(of: steps)))\""
  }

  /// `steps` written back as a path. The original spelling of a prefix is not kept, so an id is
  /// quoted only when it must be (digits, or characters an unquoted id cannot hold).
  fileprivate static func text(of steps: ArraySlice<Step>) -> String {
    var text = ""
    for step in steps {
      switch step {
      case .member(let name): text += text.isEmpty ? name : "." + name
      case .position(let n): text += "[\(n)]"
      case .element(let id):
        let needsQuotes =
          id.allSatisfy { $0.isASCII && $0.isNumber }
          || id.contains { $0 == "[" || $0 == "]" || $0 == "\"" || $0.isWhitespace }
        text += needsQuotes ? "[\"\(id)\"]" : "[\(id)]"
      }
    }
    return text
  }
}
