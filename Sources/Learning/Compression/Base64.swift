/// A decoder for base64 with the standard alphabet and `=` padding (RFC 4648 §4), used to carry
/// binary data (the embedded digits file) in Swift string literals, which compile far faster than
/// array literals.
///
/// Line feeds, carriage returns and spaces are skipped so that long texts can be wrapped.
package enum Base64 {
  /// The bytes that `text` encodes.
  /// - Throws: `invalidBase64` for a character outside the alphabet, data after padding, or a
  ///   length that is not a whole number of 4-character groups.
  /// - Complexity: O(text.utf8.count).
  package static func decode(_ text: String) throws(CompressionError) -> [UInt8] {
    var output = [UInt8]()
    output.reserveCapacity(text.utf8.count / 4 * 3)
    var group: UInt32 = 0
    var groupCount = 0
    var padding = 0
    for (offset, character) in text.utf8.enumerated() {
      if character == 0x0A || character == 0x0D || character == 0x20 { continue }
      if character == UInt8(ascii: "=") {
        padding += 1
        group <<= 6
        groupCount += 1
        guard padding <= 2, groupCount >= 3 else {
          throw .invalidBase64(offset: offset, reason: "'=' where a data character is needed")
        }
      } else {
        guard padding == 0 else {
          throw .invalidBase64(offset: offset, reason: "data after '=' padding")
        }
        guard let value = sextet(character) else {
          throw .invalidBase64(
            offset: offset, reason: "byte \(character) is not in the base64 alphabet")
        }
        group = group << 6 | value
        groupCount += 1
      }
      if groupCount == 4 {
        output.append(UInt8(truncatingIfNeeded: group >> 16))
        if padding < 2 { output.append(UInt8(truncatingIfNeeded: group >> 8)) }
        if padding < 1 { output.append(UInt8(truncatingIfNeeded: group)) }
        group = 0
        groupCount = 0
      }
    }
    guard groupCount == 0 else {
      throw .invalidBase64(
        offset: text.utf8.count, reason: "the text ends inside a 4-character group")
    }
    return output
  }

  /// The 6-bit value of an alphabet character (RFC 4648 Table 1), or `nil`.
  @inline(__always)
  private static func sextet(_ character: UInt8) -> UInt32? {
    switch character {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt32(character - UInt8(ascii: "A"))
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return UInt32(character - UInt8(ascii: "a")) + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(character - UInt8(ascii: "0")) + 52
    case UInt8(ascii: "+"): return 62
    case UInt8(ascii: "/"): return 63
    default: return nil
    }
  }
}
