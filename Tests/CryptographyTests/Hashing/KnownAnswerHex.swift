/// Hexadecimal test-vector helpers for the Hashing and Symmetric suites (named apart from other
/// suites' helpers in the same test target).
enum KnownAnswerHex {
  /// A test vector that is not a string of hexadecimal digit pairs: a typo in the test.
  struct MalformedHex: Error, CustomStringConvertible {
    let text: String
    var description: String { "not a string of hexadecimal digit pairs: \(text)" }
  }

  /// The bytes spelled by `text`, a string of hexadecimal digit pairs; test vectors are copied
  /// from their sources in this form.
  static func bytes(_ text: String) throws(MalformedHex) -> [UInt8] {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { throw MalformedHex(text: text) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = value(of: digits[index]), let low = value(of: digits[index + 1]) else {
        throw MalformedHex(text: text)
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private static func value(of digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
