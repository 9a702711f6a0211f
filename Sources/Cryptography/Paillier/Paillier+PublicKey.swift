import BigNum
import SimCore

extension Paillier {
  /// A Paillier public key: the modulus n = pq, with g = n + 1 implied.
  ///
  /// The key caches n² and a `MontgomeryContext` for it, so every exponentiation modulo n²
  /// reuses one Montgomery setup. Copies share the cached values (they are immutable).
  ///
  /// **Sizes.** A public key encodes as n in `encodedByteCount` = ⌈|n|/8⌉ big-endian bytes; a
  /// ciphertext as a value below n² in `ciphertextByteCount` = ⌈2|n|/8⌉ bytes (512 bytes for a
  /// 2048-bit n), whatever its actual magnitude.
  public struct PublicKey: Sendable, Equatable {
    /// The modulus n = pq.
    public let n: BigUInt
    /// n², the ciphertext modulus.
    public let nSquared: BigUInt
    /// Montgomery arithmetic modulo n², built once per key.
    let squareContext: MontgomeryContext

    /// The key with modulus `n`; the Montgomery setup for n² is not charged to any `Work`.
    /// - Precondition: `n` is odd and at least 15. Use `init(decimalModulus:)` for untrusted
    ///   input, which throws instead.
    /// - Complexity: one squaring and one division of 4k limbs by 2k (the Montgomery setup).
    public init(n: BigUInt) {
      var work = Work.zero
      self.init(n: n, work: &work)
    }

    /// The key with modulus `n`, adding the limb products of squaring n and of the Montgomery
    /// setup to `work`.
    /// - Precondition: `n` is odd and at least 15.
    public init(n: BigUInt, work: inout Work) {
      precondition(
        Self.isAcceptableModulus(n),
        "Paillier.PublicKey: modulus \(Paillier.abbreviated(n)) must be odd and at least 15")
      self.n = n
      nSquared = n.squared(limbProducts: &work.limbMultiplications)
      squareContext = MontgomeryContext(
        modulus: nSquared, limbProducts: &work.limbMultiplications)
    }

    /// The key whose modulus n is the decimal text `decimalModulus` (as python-paillier's
    /// `PaillierPublicKey.n` prints it).
    /// - Throws: `PaillierError.invalidDecimal` for text that is not a decimal integer,
    ///   `.invalidModulus` for an even modulus or one below 15.
    public init(decimalModulus: String) throws(PaillierError) {
      let n = try Paillier.parseDecimal(decimalModulus, field: "modulus n")
      guard Self.isAcceptableModulus(n) else { throw .invalidModulus(n) }
      self.init(n: n)
    }

    /// The modulus n in decimal, the form python-paillier reads back with `PaillierPublicKey(n)`.
    public var decimalModulus: String { n.description }

    /// The number of bits of n, |n|.
    public var modulusBitCount: Int { n.bitLength }

    /// The size of the encoded public key (n, big-endian, fixed width): ⌈|n|/8⌉ bytes.
    public var encodedByteCount: Int { (modulusBitCount + 7) / 8 }

    /// The size of every encoded ciphertext: ⌈2|n|/8⌉ bytes (512 for a 2048-bit n).
    public var ciphertextByteCount: Int { (2 * modulusBitCount + 7) / 8 }

    /// n in exactly `encodedByteCount` big-endian bytes.
    public func encode() -> [UInt8] { n.bigEndianBytes(count: encodedByteCount) }

    /// Two keys are equal when their moduli are.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool { lhs.n == rhs.n }

    static func isAcceptableModulus(_ n: BigUInt) -> Bool { n.isOdd && n >= 15 }
  }
}

extension Paillier {
  /// The value of the decimal text `text`, or `PaillierError.invalidDecimal` naming `field`.
  static func parseDecimal(_ text: String, field: String) throws(PaillierError) -> BigUInt {
    guard let value = BigUInt(text) else {
      throw .invalidDecimal(field: field, text: String(text.prefix(40)))
    }
    return value
  }
}
