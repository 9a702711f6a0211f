/// Hexadecimal helpers for the Curve25519 test suites (named apart from other suites' helpers in
/// the same test target).
enum Curve25519TestHex {
  /// The bytes spelled by `hex` (two digits per byte, spaces ignored), as printed in the RFCs.
  static func bytes(_ hex: String) -> [UInt8] {
    let digits = hex.filter { !$0.isWhitespace }.compactMap { $0.hexDigitValue }
    precondition(digits.count % 2 == 0, "odd number of hex digits in \(hex)")
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
  }

  /// `bytes` in lower-case hexadecimal, for readable failure messages.
  static func string(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
      let text = String(byte, radix: 16)
      return byte < 16 ? "0" + text : text
    }.joined()
  }
}
