// The byte-level helpers of `XMLReader`: matching, moving with line counting, names and error
// reporting. Every read checks `position < bytes.count` first, so a truncated document ends in an
// error, never a trap.

extension XMLReader {
  /// True when the bytes at `position` start with `prefix`.
  func hasPrefix(_ prefix: [UInt8]) -> Bool {
    guard bytes.count - position >= prefix.count else { return false }
    for (offset, byte) in prefix.enumerated() where bytes[position + offset] != byte {
      return false
    }
    return true
  }

  /// True when the bytes at `position` start with the UTF-8 of `prefix`.
  func hasPrefix(_ prefix: String) -> Bool { hasPrefix(Array(prefix.utf8)) }

  /// The first index at or after `position` where `needle` starts, or nil.
  /// - Complexity: O(n × needle length).
  func find(_ needle: String) -> Int? {
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
    var start = position
    while start <= bytes.count - pattern.count {
      var matches = true
      for offset in pattern.indices where bytes[start + offset] != pattern[offset] {
        matches = false
        break
      }
      if matches { return start }
      start += 1
    }
    return nil
  }

  /// Moves forward to `index`, counting the line feeds passed.
  mutating func move(to index: Int) {
    precondition(
      index >= position && index <= bytes.count, "XMLReader: move(to: \(index)) from \(position)")
    var lineFeeds = 0
    for offset in position..<index where bytes[offset] == UInt8(ascii: "\n") { lineFeeds += 1 }
    line += lineFeeds
    position = index
  }

  /// Moves forward by `count` bytes, not past the end.
  mutating func advance(by count: Int) { move(to: min(position + count, bytes.count)) }

  /// Whether `byte` is XML white space (XML 1.0 §2.3 `S`).
  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  /// Skips white space; returns whether there was any.
  @discardableResult
  mutating func skipWhitespace() -> Bool {
    var end = position
    while end < bytes.count && Self.isWhitespace(bytes[end]) { end += 1 }
    defer { move(to: end) }
    return end > position
  }

  /// Consumes the ASCII character `character`, or throws naming what came instead.
  mutating func expect(_ character: Character, after context: String) throws(GraphMLError) {
    guard let ascii = character.asciiValue, position < bytes.count, bytes[position] == ascii else {
      throw malformed(expected: "`\(character)` after \(context)", found: describeNext())
    }
    advance(by: 1)
  }

  /// Reads an element or attribute name: bytes up to white space or one of `/>=<"'&!?`. The
  /// name may not start with a digit, `-` or `.` (XML 1.0 §2.3 `NameStartChar`).
  mutating func readName(what: String) throws(GraphMLError) -> String {
    let start = position
    var end = position
    while end < bytes.count && !Self.isWhitespace(bytes[end]) && !Self.endsName(bytes[end]) {
      end += 1
    }
    move(to: end)
    guard position > start else { throw malformed(expected: what, found: describeNext()) }
    let first = bytes[start]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
      || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
    {
      let name = String(decoding: bytes[start..<position], as: UTF8.self)
      throw malformed(expected: what, found: "`\(name)`, which does not start like a name")
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Whether `byte` ends a name: one of `/>=<"'&!?`.
  static func endsName(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "<"),
      UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"), UInt8(ascii: "!"),
      UInt8(ascii: "?"):
      return true
    default:
      return false
    }
  }

  // MARK: - Error reporting

  /// A `malformedXML` error at the current line.
  func malformed(expected: String, found: String) -> GraphMLError {
    .malformedXML(file: fileName, line: line, expected: expected, found: found)
  }

  /// What the reader sees next, for an error message: "end of file" or a short quoted excerpt.
  func describeNext() -> String {
    guard position < bytes.count else { return "end of file" }
    let end = min(position + 16, bytes.count)
    return "`\(Self.excerpt(String(decoding: bytes[position..<end], as: UTF8.self)))`"
  }

  /// `text` cut to its first line and 16 characters.
  static func excerpt(_ text: String) -> String {
    let trimmed = text.drop(while: \.isWhitespace)
    let firstLine = trimmed.prefix { $0 != "\n" && $0 != "\r" }
    return firstLine.count > 16 ? String(firstLine.prefix(16)) + "…" : String(firstLine)
  }
}
