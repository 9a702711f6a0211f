import BigNum

extension Paillier {
  /// Signed real numbers as Paillier plaintexts: x is stored as the integer round(x·2^f) with
  /// f = `fractionBitCount`, a negative integer −k as n − k (its residue mod n).
  ///
  /// Integers of magnitude up to `maxMagnitude` = ⌊n/3⌋ − 1 are valid (python-paillier's
  /// `max_int`); plaintexts in the middle third of Z_n are neither, so decoding one reports an
  /// overflow instead of returning a wrong number. Sums of encodings with the same f decode with
  /// f; a product of a ciphertext with an encoded scalar carries 2f fraction bits, so decode it
  /// with `decode(_:fractionBitCount:)`.
  ///
  /// ```swift
  /// let encoding = Paillier.FixedPointEncoding(publicKey: key, fractionBitCount: 32)
  /// let c = key.encrypt(try encoding.encode(-1.5), using: &nonces)
  /// try encoding.decode(privateKey.decrypt(c))  // -1.5
  /// ```
  ///
  /// Rounding is to nearest, ties to even, done exactly on the binary value of the `Double`.
  /// Encoding and decoding are linear-time bit manipulations: they report no `Work`.
  public struct FixedPointEncoding: Sendable, Equatable {
    /// The plaintext modulus n.
    public let modulus: BigUInt
    /// f: the number of fraction bits, so the resolution is 2^−f.
    public let fractionBitCount: Int
    /// The largest magnitude of an encoded integer, ⌊n/3⌋ − 1.
    public let maxMagnitude: BigUInt

    /// An encoding for plaintexts of `publicKey` with `fractionBitCount` fraction bits.
    /// - Precondition: `fractionBitCount` is in 0...1100 (beyond that every finite Double is an
    ///   exact integer multiple of the resolution anyway).
    public init(publicKey: PublicKey, fractionBitCount: Int) {
      precondition(
        (0...1100).contains(fractionBitCount),
        "Paillier.FixedPointEncoding: \(fractionBitCount) fraction bits; use 0...1100")
      modulus = publicKey.n
      self.fractionBitCount = fractionBitCount
      maxMagnitude = publicKey.maxSignedMagnitude
    }

    /// The plaintext of `value`: round(value·2^f), negative results as n − |·|.
    /// - Throws: `PaillierError.nonFiniteValue` for NaN or ±∞, `.fixedPointOverflow` when
    ///   |round(value·2^f)| exceeds `maxMagnitude`.
    public func encode(_ value: Double) throws(PaillierError) -> BigUInt {
      guard value.isFinite else { throw .nonFiniteValue(index: 0) }
      let magnitude = Self.scaledMagnitude(of: value, fractionBitCount: fractionBitCount)
      guard magnitude <= maxMagnitude else {
        throw .fixedPointOverflow(value: value, fractionBitCount: fractionBitCount)
      }
      return value < 0 && !magnitude.isZero ? modulus - magnitude : magnitude
    }

    /// The plaintext of the signed integer `value` (already scaled, or with f = 0): its
    /// residue mod n.
    /// - Throws: `PaillierError.fixedPointOverflow` when |value| exceeds `maxMagnitude`.
    public func encode(integer value: BigInt) throws(PaillierError) -> BigUInt {
      guard value.magnitude <= maxMagnitude else {
        throw .fixedPointOverflow(
          value: Self.double(from: value.magnitude) * Double(value.signum()), fractionBitCount: 0)
      }
      return value.isNegative ? modulus - value.magnitude : value.magnitude
    }

    /// The signed integer a plaintext stands for: itself up to `maxMagnitude`, p − n from
    /// n − `maxMagnitude` on.
    /// - Throws: `PaillierError.decodingOverflow` for a plaintext in the middle third.
    /// - Precondition: `plaintext < n`.
    public func decodeInteger(_ plaintext: BigUInt) throws(PaillierError) -> BigInt {
      precondition(plaintext < modulus, "Paillier.FixedPointEncoding: plaintext not below n")
      if plaintext <= maxMagnitude { return BigInt(plaintext) }
      let negated = modulus - plaintext
      guard negated <= maxMagnitude else {
        throw .decodingOverflow(plaintextBitCount: plaintext.bitLength)
      }
      return BigInt(isNegative: true, magnitude: negated)
    }

    /// The real number a plaintext stands for: its signed integer times 2^−f, rounded to the
    /// nearest Double.
    /// - Throws: `PaillierError.decodingOverflow` for a plaintext in the middle third or one
    ///   whose value exceeds the Double range.
    /// - Precondition: `plaintext < n`.
    public func decode(_ plaintext: BigUInt) throws(PaillierError) -> Double {
      try decode(plaintext, fractionBitCount: fractionBitCount)
    }

    /// The real number a plaintext stands for when it carries `fractionBitCount` fraction bits
    /// (2f after multiplying by an encoded scalar).
    /// - Throws: as `decode(_:)`.
    /// - Precondition: `plaintext < n` and `fractionBitCount >= 0`.
    public func decode(_ plaintext: BigUInt, fractionBitCount: Int) throws(PaillierError)
      -> Double
    {
      precondition(fractionBitCount >= 0, "Paillier.FixedPointEncoding: negative fraction bits")
      let integer = try decodeInteger(plaintext)
      let magnitude = Self.double(from: integer.magnitude, scaledDownBy: fractionBitCount)
      guard magnitude.isFinite else {
        throw .decodingOverflow(plaintextBitCount: plaintext.bitLength)
      }
      return integer.isNegative ? -magnitude : magnitude
    }

    // MARK: - Exact conversions

    /// |round(value·2^f)| as an integer, rounding half to even, computed exactly from the
    /// Double's integer significand and exponent (so no intermediate overflows to ∞).
    static func scaledMagnitude(of value: Double, fractionBitCount f: Int) -> BigUInt {
      let magnitude = value.magnitude
      guard magnitude != 0 else { return .zero }
      // magnitude = significand · 2^exponent with an integer significand below 2⁵³.
      let significand: UInt64
      let exponent: Int
      if magnitude.isNormal {
        significand = (1 << 52) | magnitude.significandBitPattern
        exponent = Int(magnitude.exponent) - 52
      } else {
        significand = magnitude.significandBitPattern
        exponent = -1074
      }
      let shift = exponent + f
      if shift >= 0 { return BigUInt(significand) << shift }
      let dropped = -shift
      // A significand below 2⁵³ shifted right by 54 or more bits is below one half.
      guard dropped <= 54 else { return .zero }
      var quotient = significand >> UInt64(dropped)
      let remainder = significand & ((1 << UInt64(dropped)) - 1)
      let half: UInt64 = 1 << UInt64(dropped - 1)
      if remainder > half || (remainder == half && quotient & 1 == 1) { quotient += 1 }
      return BigUInt(quotient)
    }

    /// `value · 2^−scale` rounded to the nearest Double (ties to even); ∞ when too large.
    static func double(from value: BigUInt, scaledDownBy scale: Int = 0) -> Double {
      let bits = value.bitLength
      guard bits > 64 else {
        return Double(sign: .plus, exponent: -scale, significand: Double(value.limbs.first ?? 0))
      }
      // Keep the top 64 bits; OR a sticky bit for anything nonzero below them into bit 0. With
      // 11 bits beyond the 53 a Double keeps, that preserves round-to-nearest-even exactly.
      let shift = bits - 64
      var top = (value >> shift).limbs.first ?? 0
      if value.trailingZeroBitCount < shift { top |= 1 }
      return Double(sign: .plus, exponent: shift - scale, significand: Double(top))
    }
  }
}
