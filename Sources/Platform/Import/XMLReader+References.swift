// Entity and character references (XML 1.0 §4.1, §4.6): the five predefined entities and
// decimal or hexadecimal character references. Other entities would need a DTD, which GraphML
// files do not carry, so they are errors.

extension XMLReader {
  /// The predefined entities and the characters they stand for.
  static let predefinedEntities: [(name: String, character: UInt8)] = [
    ("lt", UInt8(ascii: "<")), ("gt", UInt8(ascii: ">")), ("amp", UInt8(ascii: "&")),
    ("apos", UInt8(ascii: "'")), ("quot", UInt8(ascii: "\"")),
  ]

  /// Reads a reference starting at `&` and returns the UTF-8 bytes it stands for.
  mutating func readReference() throws(GraphMLError) -> [UInt8] {
    let start = position
    advance(by: 1)  // "&"
    // The longest valid reference body is `#x10FFFF` (8 bytes); look a little further so that
    // the error can show what was there.
    var end = position
    while end < bytes.count && end - position <= 10 && bytes[end] != UInt8(ascii: ";") { end += 1 }
    guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
      let shown = String(decoding: bytes[start..<min(end, bytes.count)], as: UTF8.self)
      throw malformed(
        expected: "a reference such as `&amp;` or `&#60;` ending in `;`",
        found: end >= bytes.count ? "`\(shown)` then end of file" : "`\(shown)…`")
    }
    let body = String(decoding: bytes[position..<end], as: UTF8.self)
    let bad = malformed(
      expected: "`&lt;`, `&gt;`, `&amp;`, `&apos;`, `&quot;` or a character reference `&#…;`",
      found: "`&\(body);`")
    move(to: end + 1)
    if let entity = Self.predefinedEntities.first(where: { $0.name == body }) {
      return [entity.character]
    }
    guard body.hasPrefix("#") else { throw bad }
    let digits = body.dropFirst()
    let value: UInt32?
    if digits.hasPrefix("x") {
      let hex = digits.dropFirst()
      value = hex.allSatisfy(\.isHexDigit) ? UInt32(hex, radix: 16) : nil
    } else {
      value = digits.allSatisfy { $0.isASCII && $0.isNumber } ? UInt32(digits, radix: 10) : nil
    }
    // XML 1.0 §2.2 `Char`: no NUL and no other control characters but tab, LF and CR.
    guard let value, value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D,
      let scalar = Unicode.Scalar(value)
    else { throw bad }
    return Array(String(Character(scalar)).utf8)
  }
}
