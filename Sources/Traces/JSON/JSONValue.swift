/// A parsed JSON document node that remembers where it came from, so that a scenario error can
/// name the line of the file.
///
/// Objects keep their members in file order (an array of pairs, not a dictionary) so that
/// iteration order never depends on hashing.
public struct JSONValue: Sendable, Equatable {
  /// The value itself.
  public enum Kind: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number kept as its source text, so that integers beyond 2⁵³ and exact decimals survive.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: Kind, b: Kind) -> Bool {
      switch (a, b) {
      case (.null, .null): return true
      case (.bool(let x), .bool(let y)): return x == y
      case (.number(let x), .number(let y)): return x == y
      case (.string(let x), .string(let y)): return x == y
      case (.array(let x), .array(let y)): return x == y
      case (.object(let x), .object(let y)):
        return x.count == y.count
          && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
      default: return false
      }
    }
  }

  public var kind: Kind
  /// The 1-based line where the value starts (0 for values built in code).
  public var line: Int

  public init(_ kind: Kind, line: Int = 0) {
    self.kind = kind
    self.line = line
  }

  /// The member called `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = kind else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// A short name of the value's type for error messages: `a string`, `an object`, ….
  public var typeDescription: String {
    switch kind {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// The value as it would appear in a file, shortened for error messages.
  public var excerpt: String {
    let text: String
    switch kind {
    case .null: text = "null"
    case .bool(let b): text = b ? "true" : "false"
    case .number(let n): text = n
    case .string(let s): text = "\"\(s)\""
    case .array(let items): text = "[…\(items.count) items]"
    case .object(let members): text = "{…\(members.count) members}"
    }
    return text.count > 60 ? String(text.prefix(57)) + "…" : text
  }
}
