import BigNum

/// What went wrong with Paillier parameters or inputs (programmer errors are preconditions).
public enum PaillierError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `field` is not the decimal text of a non-negative integer; `text` is its first 40
  /// characters.
  case invalidDecimal(field: String, text: String)
  /// The prime `field` (`"p"` or `"q"`) failed the primality test.
  case notPrime(field: String, value: BigUInt)
  /// p and q are the same prime.
  case equalPrimes
  /// gcd(pq, (p − 1)(q − 1)) ≠ 1, so decryption is not unique; cannot happen for primes of
  /// equal bit length.
  case modulusNotCoprimeToTotient(p: BigUInt, q: BigUInt)
  /// A public modulus must be odd and at least 15 (the smallest product of two odd primes).
  case invalidModulus(BigUInt)
  /// A ciphertext value is not below n²: it cannot have come from this key.
  case ciphertextOutOfRange(bitCount: Int, modulusSquaredBitCount: Int)
  /// An encoded value has the wrong length.
  case wrongByteCount(field: String, byteCount: Int, expected: Int)
  /// `EncryptionRandomness` has no precomputed randomizer left.
  case randomnessExhausted
  /// A value to encode is NaN or infinite; `index` is its position in the input (0 for one
  /// value).
  case nonFiniteValue(index: Int)
  /// `value · 2^fractionBitCount` does not fit in the signed plaintext range ±⌊n/3⌋.
  case fixedPointOverflow(value: Double, fractionBitCount: Int)
  /// A decrypted plaintext lies in the middle third of Z_n, so it is neither a small positive
  /// nor a small negative number: a sum or product overflowed.
  case decodingOverflow(plaintextBitCount: Int)
  /// A packing parameter is outside its accepted range.
  case invalidPackingParameter(field: String, value: Int, accepted: String)
  /// Not even one slot of `slotBitCount` bits fits below n.
  case slotDoesNotFit(slotBitCount: Int, modulusBitCount: Int)
  /// The value at `index` lies outside the quantisation range ±`bound`.
  case valueOutOfRange(index: Int, value: Double, bound: Double)
  /// The quantised value at `index` lies outside ±(2^(b−1) − 1).
  case quantizedValueOutOfRange(index: Int, value: Int64, limit: Int64)
  /// Adding packed vectors would sum more than the layout's maximum number of vectors.
  case tooManySummands(count: Int, maximum: Int)
  /// Two packed vectors (or a vector and a layout) disagree on `field`.
  case packingMismatch(field: String, left: Int, right: Int)

  /// What failed, with the offending value and what is accepted.
  public var description: String {
    switch self {
    case .invalidDecimal(let field, let text):
      "Paillier: \(field) \"\(text)\" is not a decimal integer; use the digits 0–9 only"
    case .notPrime(let field, let value):
      "Paillier.PrivateKey: \(field) = \(Paillier.abbreviated(value)) is not prime; "
        + "pass two distinct odd primes"
    case .equalPrimes:
      "Paillier.PrivateKey: p and q are equal; pass two distinct primes"
    case .modulusNotCoprimeToTotient(let p, let q):
      "Paillier.PrivateKey: gcd(pq, (p−1)(q−1)) ≠ 1 for p = \(Paillier.abbreviated(p)), "
        + "q = \(Paillier.abbreviated(q)); use primes of equal bit length"
    case .invalidModulus(let n):
      "Paillier.PublicKey: modulus \(Paillier.abbreviated(n)) must be odd and at least 15 "
        + "(a product of two odd primes)"
    case .ciphertextOutOfRange(let bits, let modulusBits):
      "Paillier.Ciphertext: a \(bits)-bit value is not below n², which has \(modulusBits) bits"
    case .wrongByteCount(let field, let count, let expected):
      "Paillier: \(field) has \(count) bytes; expected exactly \(expected)"
    case .randomnessExhausted:
      "Paillier.EncryptionRandomness: no precomputed randomizer left; call precompute first"
    case .nonFiniteValue(let index):
      "Paillier: value #\(index) is NaN or infinite; only finite values can be encoded"
    case .fixedPointOverflow(let value, let bits):
      "Paillier.FixedPointEncoding: \(value) · 2^\(bits) exceeds the plaintext range ±⌊n/3⌋; "
        + "use fewer fraction bits or a larger key"
    case .decodingOverflow(let bits):
      "Paillier.FixedPointEncoding: the \(bits)-bit plaintext lies between ⌊n/3⌋ and n − ⌊n/3⌋; "
        + "a homomorphic sum or product overflowed"
    case .invalidPackingParameter(let field, let value, let accepted):
      "Paillier.Packing: \(field) = \(value) is not accepted; use \(accepted)"
    case .slotDoesNotFit(let slotBits, let modulusBits):
      "Paillier.Packing: a \(slotBits)-bit slot does not fit below a \(modulusBits)-bit n; "
        + "use fewer value bits or summands"
    case .valueOutOfRange(let index, let value, let bound):
      "Paillier.Packing: value #\(index) = \(value) lies outside ±\(bound); clip before quantising"
    case .quantizedValueOutOfRange(let index, let value, let limit):
      "Paillier.Packing: quantised value #\(index) = \(value) lies outside ±\(limit)"
    case .tooManySummands(let count, let maximum):
      "Paillier.PackedCiphertext: the sum would hold \(count) vectors, but the slots' headroom "
        + "allows \(maximum); build the Packing for more summands"
    case .packingMismatch(let field, let left, let right):
      "Paillier.PackedCiphertext: \(field) differs (\(left) vs \(right)); "
        + "only vectors of one layout and length can be combined"
    }
  }
}

extension Paillier {
  /// The decimal text of `value`, shortened to its first and last 20 digits when longer than 48.
  static func abbreviated(_ value: BigUInt) -> String {
    let decimal = value.description
    guard decimal.count > 48 else { return decimal }
    return "\(decimal.prefix(20))…\(decimal.suffix(20)) (\(decimal.count) digits)"
  }
}
