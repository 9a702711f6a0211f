/// Text made safe to put inside HTML, or inside SVG embedded in it, as element content or as a
/// quoted attribute value.
///
/// Trace values come from files anyone can edit: a scheme, a client id or a fault's target may
/// hold `<script>`, a quote or a control character. Escaped here, each shows as itself and
/// cannot open a tag, end an attribute or reference an entity.
enum HTMLText {
  /// `text` with `&`, `<`, `>`, `"` and `'` written as character references, and every control
  /// character but tab and line feed written visibly as `\u001b` (C0 and C1 controls, DEL, and
  /// the carriage return, which a browser would otherwise fold into the next line break).
  /// - Complexity: O(n) in the text's Unicode scalars.
  static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { replacement(for: $0) != nil }) else {
      return text
    }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      if let piece = replacement(for: scalar) {
        result += piece
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The replacement for `scalar`, or nil when it is written as itself.
  private static func replacement(for scalar: Unicode.Scalar) -> String? {
    switch scalar {
    case "&": return "&amp;"
    case "<": return "&lt;"
    case ">": return "&gt;"
    case "\"": return "&quot;"
    case "'": return "&#39;"
    case "\t", "\n": return nil
    default:
      let value = scalar.value
      guard value < 0x20 || (0x7F...0x9F).contains(value) else { return nil }
      let hex = String(value, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
  }
}
