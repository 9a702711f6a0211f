/// Makes text that came from a user's file or command line safe to echo inside a one-line
/// message: control characters are escaped, and long text is cut in the middle with its length
/// said.
///
/// A scenario may hold a newline, NUL or ESC inside a key, id or value, or a million-character
/// string; echoed raw, either would break the one-line promise of every error, or drive the
/// user's terminal. The escapes are JSON's (`\n`, `\t`, `\u001b`, …), so the text reads as it
/// would be written in a JSON file. Every error type of the project (`ScenarioError`,
/// `GraphMLError`, the command line's) echoes through here.
public enum EchoedText {
  /// The longest user text an error echoes whole, counted after escaping.
  public static let maximumEchoed = 120

  /// `text` with control characters escaped (see `escaped(_:)`) and, when the escaped text is
  /// longer than `limit` characters, its middle replaced by `…(N characters)…`, N being the
  /// length of the original text. The result is at most `limit` + 40 characters.
  /// - Complexity: O(n) in the length of `text`.
  public static func echoed(_ text: String, limit: Int = maximumEchoed) -> String {
    let scalars = text.unicodeScalars
    var escapedLength = 0
    var count = 0
    for scalar in scalars {
      escapedLength += escape(scalar).map(\.unicodeScalars.count) ?? 1
      count += 1
    }
    if escapedLength <= limit { return escaped(text) }
    // The start says which value it was; the end often holds the unit or the typo. Each side is
    // cut at a whole escape, so no `\u00` is left dangling.
    let headBudget = limit * 2 / 3
    let tailBudget = limit - headBudget
    var head = ""
    var used = 0
    for scalar in scalars {
      let piece = escape(scalar) ?? String(scalar)
      let length = piece.unicodeScalars.count
      if used + length > headBudget { break }
      head += piece
      used += length
    }
    var tail: [String] = []
    used = 0
    for scalar in scalars.reversed() {
      let piece = escape(scalar) ?? String(scalar)
      let length = piece.unicodeScalars.count
      if used + length > tailBudget { break }
      tail.append(piece)
      used += length
    }
    return head + "…(\(count) characters)…" + tail.reversed().joined()
  }

  /// `text` with every control character escaped as JSON writes it: `\n`, `\r`, `\t`, and any
  /// other C0 or C1 control, DEL, the Unicode line and paragraph separators and the
  /// bidirectional overrides as `\u001b`. Everything else, backslashes included, is kept.
  /// - Complexity: O(n) in the text's Unicode scalars.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { escape($0) != nil }) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      if let piece = escape(scalar) {
        result += piece
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The escape for `scalar`, or nil when it prints as itself.
  static func escape(_ scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "\n": return "\\n"
    case "\r": return "\\r"
    case "\t": return "\\t"
    default:
      let value = scalar.value
      // C0, DEL and C1 controls; U+2028/U+2029, which some terminals and editors treat as line
      // breaks; and the bidirectional embeddings, overrides and isolates, which reorder what a
      // terminal shows.
      let isControl =
        value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x2028 || value == 0x2029
        || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
      guard isControl else { return nil }
      let hex = String(value, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
  }
}
