/// An integer modulo ℓ = 2²⁵² + 27742317777372353535851937790883648493, the prime order of the
/// edwards25519 base point (RFC 8032 §5.1), in canonical form [0, ℓ).
///
/// Fixed-width arithmetic on 64-bit words, little-endian: just what Ed25519 needs (reduce a
/// 64-byte hash, compute r + k·s, check that S < ℓ). Reduction is Barrett's (HAC, Menezes et al.,
/// algorithm 14.42, base b = 2⁶⁴, k = 4), whose instruction sequence does not depend on the value.
struct Scalar25519: Sendable, Equatable {
  /// Four little-endian 64-bit words, value below ℓ.
  let words: [UInt64]

  /// ℓ in four little-endian words.
  static let order: [UInt64] = [
    0x5812_631A_5CF5_D3ED, 0x14DE_F9DE_A2F7_9CD6, 0x0000_0000_0000_0000, 0x1000_0000_0000_0000,
  ]

  /// μ = ⌊2⁵¹²/ℓ⌋ in five words, the Barrett constant. Computed independently with
  /// arbitrary-precision integers; the unit tests check μ·ℓ ≤ 2⁵¹² < (μ + 1)·ℓ.
  static let barrettFactor: [UInt64] = [
    0xED9C_E5A3_0A2C_131B, 0x2106_215D_0863_29A7, 0xFFFF_FFFF_FFFF_FFEB, 0xFFFF_FFFF_FFFF_FFFF,
    0x0000_0000_0000_000F,
  ]

  private init(words: [UInt64]) {
    self.words = words
  }

  /// The residue of a little-endian integer of at most 64 bytes (a SHA-512 digest, RFC 8032
  /// §5.1.6 step 2 "interpret as little-endian integer … mod L").
  init(reducing bytes: [UInt8]) {
    precondition(bytes.count <= 64, "Scalar25519 reduces at most 64 bytes, got \(bytes.count)")
    self.init(words: Self.barrettReduce(Self.words(fromLittleEndian: bytes, count: 8)))
  }

  /// The scalar encoded by 32 little-endian bytes, or nil when that integer is not below ℓ (the
  /// check on S of RFC 8032 §5.1.7 step 1).
  init?(canonical bytes: ArraySlice<UInt8>) {
    precondition(bytes.count == 32, "an encoded scalar is 32 bytes, got \(bytes.count)")
    let candidate = Self.words(fromLittleEndian: Array(bytes), count: 4)
    let (_, borrow) = Self.subtract(candidate, Self.order)
    guard borrow == 1 else { return nil }  // candidate − ℓ went negative ⇔ candidate < ℓ
    self.init(words: candidate)
  }

  /// (a·b + c) mod ℓ for 32-byte little-endian integers a and b of any value below 2²⁵⁶ (RFC
  /// 8032 §5.1.6 step 5, S = r + k·s, where s is the clamped secret, not reduced).
  static func multiplyAdd(_ a: [UInt8], _ b: [UInt8], _ c: Scalar25519) -> Scalar25519 {
    precondition(a.count == 32 && b.count == 32, "multiplyAdd takes 32-byte operands")
    var product = multiplyWide(
      words(fromLittleEndian: a, count: 4), words(fromLittleEndian: b, count: 4))
    // a·b ≤ (2²⁵⁶ − 1)² and c < 2²⁵³, so the sum stays below 2⁵¹² and fits the eight words.
    var carry: UInt64 = 0
    for index in 0..<8 {
      let sum = UInt128(product[index]) &+ UInt128(index < 4 ? c.words[index] : 0) &+ UInt128(carry)
      product[index] = UInt64(truncatingIfNeeded: sum)
      carry = UInt64(truncatingIfNeeded: sum >> 64)
    }
    return Scalar25519(words: barrettReduce(product))
  }

  /// The 32-byte little-endian encoding.
  func encoded() -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    for word in words {
      for shift in stride(from: 0, to: 64, by: 8) {
        bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    return bytes
  }
}

// MARK: - Multi-word helpers

extension Scalar25519 {
  /// `count` little-endian words from little-endian bytes (missing high bytes are zero).
  static func words(fromLittleEndian bytes: [UInt8], count: Int) -> [UInt64] {
    var words = [UInt64](repeating: 0, count: count)
    for (offset, byte) in bytes.enumerated() {
      words[offset / 8] |= UInt64(byte) << (8 * UInt64(offset % 8))
    }
    return words
  }

  /// The full product of two little-endian word arrays (schoolbook).
  /// - Complexity: `a.count × b.count` word products.
  static func multiplyWide(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var result = [UInt64](repeating: 0, count: a.count + b.count)
    for i in a.indices {
      var carry: UInt64 = 0
      for j in b.indices {
        // (2⁶⁴ − 1)² + 2·(2⁶⁴ − 1) = 2¹²⁸ − 1: the sum cannot overflow 128 bits.
        let t = UInt128(a[i]) &* UInt128(b[j]) &+ UInt128(result[i + j]) &+ UInt128(carry)
        result[i + j] = UInt64(truncatingIfNeeded: t)
        carry = UInt64(truncatingIfNeeded: t >> 64)
      }
      result[i + b.count] = carry
    }
    return result
  }

  /// a − b over equal word counts, modulo 2^(64·count), and the final borrow (0 or 1).
  static func subtract(_ a: [UInt64], _ b: [UInt64]) -> ([UInt64], UInt64) {
    var result = a
    var borrow: UInt64 = 0
    for index in a.indices {
      let (d1, o1) = a[index].subtractingReportingOverflow(b[index])
      let (d2, o2) = d1.subtractingReportingOverflow(borrow)
      result[index] = d2
      borrow = (o1 ? 1 : 0) | (o2 ? 1 : 0)
    }
    return (result, borrow)
  }

  /// x mod ℓ for x below 2⁵¹² (eight words), as four words. HAC 14.42: q = ⌊⌊x/b³⌋·μ/b⁵⌋
  /// underestimates ⌊x/ℓ⌋ by at most 2, so r = x − q·ℓ (computed mod b⁵) lies in [0, 3ℓ) and two
  /// masked subtractions of ℓ finish the job.
  static func barrettReduce(_ x: [UInt64]) -> [UInt64] {
    precondition(x.count == 8, "barrettReduce takes eight words, got \(x.count)")
    let q1 = Array(x[3..<8])
    let q2 = multiplyWide(q1, barrettFactor)
    let q3 = Array(q2[5..<10])
    let r1 = Array(x[0..<5])
    let r2 = Array(multiplyWide(q3, order)[0..<5])
    var (r, _) = subtract(r1, r2)
    let order5 = order + [0]
    for _ in 0..<2 {
      let (difference, borrow) = subtract(r, order5)
      // Keep the difference when it did not go negative (borrow 0), without branching.
      let keep = borrow &- 1
      for index in r.indices {
        r[index] = (difference[index] & keep) | (r[index] & ~keep)
      }
    }
    precondition(r[4] == 0, "Barrett reduction left \(r) above 2²⁵⁶")
    return Array(r[0..<4])
  }
}

// MARK: - Digits for scalar multiplication

extension Scalar25519 {
  /// The 64 signed base-16 digits e₀…e₆₃ of a 32-byte little-endian integer below 2²⁵⁵, with
  /// value Σ eᵢ·16ⁱ, e₀…e₆₂ in [−8, 7] and e₆₃ in [0, 8]: the recoding of Bernstein et al.,
  /// "High-speed high-security signatures" (2012), §4, that halves the table of multiples.
  static func signedRadix16Digits(_ bytes: [UInt8]) -> [Int8] {
    precondition(bytes.count == 32, "signedRadix16Digits takes 32 bytes, got \(bytes.count)")
    precondition(bytes[31] <= 127, "signedRadix16Digits needs a value below 2²⁵⁵")
    var digits = [Int8](repeating: 0, count: 64)
    for index in 0..<32 {
      digits[2 * index] = Int8(bytes[index] & 15)
      digits[2 * index + 1] = Int8(bytes[index] >> 4)
    }
    var carry: Int8 = 0
    for index in 0..<63 {
      digits[index] += carry
      carry = (digits[index] + 8) >> 4  // 1 when the digit is 8…16, else 0
      digits[index] -= carry << 4
    }
    digits[63] += carry
    return digits
  }
}
