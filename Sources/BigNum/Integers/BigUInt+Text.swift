// Decimal and hexadecimal text for BigUInt values.

/// 10¹⁹, the largest power of ten below 2⁶⁴: decimal text is converted 19 digits at a time.
private let decimalChunk: UInt64 = 10_000_000_000_000_000_000
private let decimalChunkDigits = 19

extension BigUInt: CustomStringConvertible {
  /// The value from its decimal digits (`"0"`, `"340282366920938463463374607431768211456"`);
  /// nil when the text is empty or holds anything but the ASCII digits 0–9 (no sign, no spaces,
  /// no separators). Leading zeros are accepted.
  /// - Complexity: O(d²) for d digits.
  public init?(_ decimal: String) {
    let digits = Array(decimal.utf8)
    guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    var limbs: [UInt64] = []
    limbs.reserveCapacity(digits.count / 19 + 1)
    var start = 0
    // The first chunk takes the odd digits so that every later chunk is exactly 19 digits.
    var chunkLength = digits.count % decimalChunkDigits
    if chunkLength == 0 { chunkLength = decimalChunkDigits }
    while start < digits.count {
      var chunk: UInt64 = 0
      var multiplier: UInt64 = 1
      for digit in digits[start..<start + chunkLength] {
        chunk = chunk * 10 + UInt64(digit - UInt8(ascii: "0"))
        multiplier *= 10
      }
      // limbs = limbs · 10^chunkLength + chunk
      var carry = chunk
      for index in limbs.indices {
        let product = UInt128(limbs[index]) &* UInt128(multiplier) &+ UInt128(carry)
        limbs[index] = UInt64(truncatingIfNeeded: product)
        carry = UInt64(truncatingIfNeeded: product &>> 64)
      }
      if carry != 0 { limbs.append(carry) }
      start += chunkLength
      chunkLength = decimalChunkDigits
    }
    self.init(limbs: limbs)
  }

  /// The value in decimal, without leading zeros (`"0"` for zero).
  /// - Complexity: O(n²) for n limbs.
  public var description: String {
    if isZero { return "0" }
    var remaining = limbs
    var chunks: [UInt64] = []  // least significant first
    remaining.withUnsafeMutableBufferPointer { buffer in
      let base = buffer.baseAddress!
      var n = buffer.count
      while n > 0 {
        chunks.append(LimbKernels.divideRow(base, base, n, decimalChunk))
        n = LimbKernels.normalizedCount(base, n)
      }
    }
    var text = String(chunks.removeLast())
    for chunk in chunks.reversed() {
      let digits = String(chunk)
      text += String(repeating: "0", count: decimalChunkDigits - digits.count) + digits
    }
    return text
  }

  /// The value from hexadecimal digits (0–9, a–f, A–F), optionally after a `0x`/`0X` prefix; nil
  /// when no digit is given or anything else appears.
  /// - Complexity: O(digits).
  public init?(hex: String) {
    var digits = Substring(hex).utf8[...]
    if digits.starts(with: "0x".utf8) || digits.starts(with: "0X".utf8) {
      digits = digits.dropFirst(2)
    }
    guard !digits.isEmpty else { return nil }
    var limbs = [UInt64](repeating: 0, count: (digits.count + 15) / 16)
    for (position, character) in digits.reversed().enumerated() {
      guard let nibble = hexValue(of: character) else { return nil }
      limbs[position / 16] |= UInt64(nibble) << UInt64(4 * (position % 16))
    }
    self.init(limbs: limbs)
  }

  /// The value in lowercase hexadecimal without prefix or leading zeros (`"0"` for zero).
  /// - Complexity: O(limbs).
  public var hexString: String {
    guard let top = limbs.last else { return "0" }
    var text = String(top, radix: 16)
    for limb in limbs.dropLast().reversed() {
      let digits = String(limb, radix: 16)
      text += String(repeating: "0", count: 16 - digits.count) + digits
    }
    return text
  }
}

/// The value of one ASCII hexadecimal digit, or nil.
private func hexValue(of character: UInt8) -> UInt8? {
  switch character {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
  default: nil
  }
}
