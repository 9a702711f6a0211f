import BigNum
import SimCore
import Testing

@testable import Cryptography

/// Fixed-point encoding of signed reals, with expected integers worked out by hand.
struct PaillierFixedPointTests {
  private static func encoding(fractionBits: Int) throws -> Paillier.FixedPointEncoding {
    let publicKey = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n255.n)
    return Paillier.FixedPointEncoding(publicKey: publicKey, fractionBitCount: fractionBits)
  }

  /// 1.5·2⁸ = 384; −1.5 → n − 384; 0.1·2¹⁰ = 102.4 → 102, which decodes to 102/1024 =
  /// 0.099609375; −0.0 and tiny values round to 0.
  @Test func encodesAndDecodesByHand() throws {
    let eight = try Self.encoding(fractionBits: 8)
    let n = eight.modulus
    #expect(try eight.encode(1.5) == 384)
    #expect(try eight.encode(-1.5) == n - 384)
    #expect(try eight.decode(n - 384) == -1.5)
    #expect(try eight.encode(-0.0) == .zero)
    #expect(try eight.encode(1e-300) == .zero)
    let ten = try Self.encoding(fractionBits: 10)
    #expect(try ten.encode(0.1) == 102)
    #expect(try ten.decode(102) == 0.099609375)
  }

  /// Ties round to even: 2.5 → 2, 3.5 → 4, −2.5 → −2 (f = 0); 0.375·2² = 1.5 → 2.
  @Test func tiesRoundToEven() throws {
    let zero = try Self.encoding(fractionBits: 0)
    #expect(try zero.encode(2.5) == 2)
    #expect(try zero.encode(3.5) == 4)
    #expect(try zero.encode(-2.5) == zero.modulus - 2)
    #expect(try Self.encoding(fractionBits: 2).encode(0.375) == 2)
  }

  /// Large scales stay exact: 3·2¹⁰⁰ with f = 100 is 3·2²⁰⁰, and 2⁻¹⁰⁷⁴ (the smallest
  /// subnormal) with f = 1074 is exactly 1.
  @Test func extremeScalesAreExact() throws {
    let hundred = try Self.encoding(fractionBits: 100)
    let value = Double(sign: .plus, exponent: 100, significand: 3)
    #expect(try hundred.encode(value) == BigUInt(3) << 200)
    #expect(try hundred.decode(BigUInt(3) << 200) == value)
    let subnormal = try Self.encoding(fractionBits: 1074)
    #expect(try subnormal.encode(Double.leastNonzeroMagnitude) == .one)
  }

  /// The signed range is ±(⌊n/3⌋ − 1); beyond it encoding throws, and plaintexts in the middle
  /// third do not decode.
  @Test func overflowIsReported() throws {
    let zero = try Self.encoding(fractionBits: 0)
    #expect(throws: PaillierError.nonFiniteValue(index: 0)) { try zero.encode(.infinity) }
    #expect(throws: PaillierError.fixedPointOverflow(value: 0x1p254, fractionBitCount: 0)) {
      try zero.encode(0x1p254)
    }
    let middle = zero.modulus / 2
    #expect(throws: PaillierError.decodingOverflow(plaintextBitCount: middle.bitLength)) {
      try zero.decode(middle)
    }
    #expect(try zero.decodeInteger(zero.maxMagnitude) == BigInt(zero.maxMagnitude))
    #expect(
      try zero.decodeInteger(zero.modulus - zero.maxMagnitude)
        == BigInt(isNegative: true, magnitude: zero.maxMagnitude))
  }

  /// Homomorphic arithmetic on encodings: −1.25 + 3.5 = 2.25 with f = 16, and 2.25·(−4) = −9,
  /// whose product carries 32 fraction bits when the scalar is encoded with 16 too.
  @Test func encryptedArithmeticDecodes() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    let encoding = Paillier.FixedPointEncoding(publicKey: publicKey, fractionBitCount: 16)
    var rng = Xoshiro256StarStar(seed: 31)
    var work = Work.zero
    let a = publicKey.encrypt(try encoding.encode(-1.25), using: &rng, work: &work)
    let b = publicKey.encrypt(try encoding.encode(3.5), using: &rng, work: &work)
    let sum = publicKey.add(a, b, work: &work)
    #expect(try encoding.decode(key.decrypt(sum)) == 2.25)
    let product = publicKey.multiply(sum, by: try encoding.encode(-4), work: &work)
    #expect(try encoding.decode(key.decrypt(product), fractionBitCount: 32) == -9)
    let integer = publicKey.multiply(sum, by: try encoding.encode(integer: BigInt(-4)), work: &work)
    #expect(try encoding.decode(key.decrypt(integer)) == -9)
  }
}
