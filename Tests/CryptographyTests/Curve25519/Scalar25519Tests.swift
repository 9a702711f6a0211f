import SimCore
import Testing

@testable import Cryptography

struct Scalar25519Tests {
  private typealias Hex = Curve25519TestHex

  /// ℓ = 2²⁵² + 27742317777372353535851937790883648493 (RFC 8032 §5.1), little-endian.
  private static let orderHex = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"

  private static func bytes(of words: [UInt64]) -> [UInt8] {
    words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
  }

  private static func scalar(_ value: UInt8) -> [UInt8] {
    [value] + [UInt8](repeating: 0, count: 31)
  }

  @Test func groupOrderMatchesRFC8032() {
    #expect(Hex.string(Self.bytes(of: Scalar25519.order)) == Self.orderHex)
  }

  /// μ = ⌊2⁵¹²/ℓ⌋ exactly when μ·ℓ ≤ 2⁵¹² < (μ + 1)·ℓ, i.e. 2⁵¹² − μ·ℓ lies in (0, ℓ]: checked
  /// by computing μ·ℓ with the same word arithmetic and subtracting it from 2⁵¹² (mod 2⁵¹², with
  /// the top word of the product equal to zero).
  @Test func barrettFactorIsTheFloorOfTwoToThe512OverTheOrder() {
    let product = Scalar25519.multiplyWide(Scalar25519.barrettFactor, Scalar25519.order)
    #expect(product[8] == 0)
    let (remainder, _) = Scalar25519.subtract(
      [UInt64](repeating: 0, count: 8), Array(product[0..<8]))
    // 2⁵¹² − μℓ is below ℓ < 2²⁵³, so its four high words are zero.
    #expect(remainder[4..<8].allSatisfy { $0 == 0 })
    let (_, borrow) = Scalar25519.subtract(Array(remainder[0..<4]), Scalar25519.order)
    #expect(borrow == 1 || remainder[0..<4] == Scalar25519.order[...])
    #expect(remainder.contains { $0 != 0 })
  }

  /// x = q·ℓ + r reduces to r, for quotients from 0 up to ⌊(2⁵¹² − 1)/ℓ⌋, including
  /// 2⁵¹² − 1 itself and the multiples of ℓ where Barrett's estimate is most often off.
  @Test func reductionRecoversTheRemainder() {
    let order = Scalar25519.order
    var cases: [(quotient: [UInt64], remainder: [UInt64])] = [
      ([0, 0, 0, 0, 0], [0, 0, 0, 0]),
      ([1, 0, 0, 0, 0], [0, 0, 0, 0]),
      ([0, 0, 0, 0, 0], [order[0] - 1, order[1], order[2], order[3]]),
      (Scalar25519.barrettFactor, [0, 0, 0, 0]),
    ]
    var generator = RandomStreams(seed: 252).make(StreamPurpose("scalarTest"))
    for _ in 0..<40 {
      // A quotient below μ (top word ≤ 0xE) and a remainder below 2²⁵² < ℓ.
      let quotient = (0..<4).map { _ in generator.next() } + [generator.next() % 0xF]
      let remainder = (0..<3).map { _ in generator.next() } + [generator.next() >> 4]
      cases.append((quotient, remainder))
    }
    for (quotient, remainder) in cases {
      var x = Array(Scalar25519.multiplyWide(quotient, order)[0..<8])
      var carry: UInt64 = 0
      for index in 0..<8 {
        let sum = UInt128(x[index]) + UInt128(index < 4 ? remainder[index] : 0) + UInt128(carry)
        x[index] = UInt64(truncatingIfNeeded: sum)
        carry = UInt64(truncatingIfNeeded: sum >> 64)
      }
      #expect(carry == 0)
      #expect(Scalar25519.barrettReduce(x) == remainder, "quotient \(quotient)")
    }
    // 2⁵¹² − 1 = μ·ℓ + (2⁵¹² − 1 − μ·ℓ); the remainder, computed independently with
    // arbitrary-precision integers, is 0x0399411b…49c0f00.
    let top = Scalar25519(reducing: [UInt8](repeating: 0xFF, count: 64))
    #expect(
      Hex.string(top.encoded().reversed())
        == "0399411b7c309a3dceec73d217f5be65d00e1ba768859347a40611e3449c0f00")
  }

  /// Small identities by hand: 2·3 + 4 = 10; (ℓ − 1)² ≡ (−1)² = 1; (ℓ − 1)·1 + 1 ≡ 0.
  @Test func multiplyAddIsExactModuloTheOrder() throws {
    #expect(
      Scalar25519.multiplyAdd(Self.scalar(2), Self.scalar(3), Scalar25519(reducing: [4]))
        == Scalar25519(reducing: [10]))
    var minusOne = Hex.bytes(Self.orderHex)
    minusOne[0] -= 1
    #expect(
      Scalar25519.multiplyAdd(minusOne, minusOne, Scalar25519(reducing: []))
        == Scalar25519(reducing: [1]))
    #expect(
      Scalar25519.multiplyAdd(minusOne, Self.scalar(1), Scalar25519(reducing: [1]))
        == Scalar25519(reducing: []))
    // Operands above ℓ are allowed: (ℓ + 5)·2 + 0 ≡ 10.
    var orderPlusFive = Hex.bytes(Self.orderHex)
    orderPlusFive[0] += 5
    #expect(
      Scalar25519.multiplyAdd(orderPlusFive, Self.scalar(2), Scalar25519(reducing: []))
        == Scalar25519(reducing: [10]))
  }

  /// ℓ − 1 is canonical; ℓ and 2²⁵⁶ − 1 are not (RFC 8032 §5.1.7 rejects S ≥ ℓ).
  @Test func canonicalDecodingRejectsValuesFromTheOrderUp() throws {
    var minusOne = Hex.bytes(Self.orderHex)
    minusOne[0] -= 1
    let decoded = try #require(Scalar25519(canonical: minusOne[...]))
    #expect(decoded.encoded() == minusOne)
    #expect(Scalar25519(canonical: Hex.bytes(Self.orderHex)[...]) == nil)
    #expect(Scalar25519(canonical: [UInt8](repeating: 0xFF, count: 32)[...]) == nil)
  }

  /// Signed digits stay in range and recombine to the input: re-carrying them into nibbles
  /// (nᵢ = (eᵢ + c) mod 16) gives back the original nibbles with no carry left over.
  @Test func signedRadix16DigitsRecombineToTheScalar() {
    var generator = RandomStreams(seed: 16).make(StreamPurpose("digitsTest"))
    var inputs: [[UInt8]] = [
      [UInt8](repeating: 0, count: 32), [UInt8](repeating: 0xFF, count: 31) + [0x7F],
      [UInt8](repeating: 0x88, count: 32).enumerated().map { $0 == 31 ? 0x78 : $1 },
    ]
    for _ in 0..<20 {
      var bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      bytes[31] &= 0x7F
      inputs.append(bytes)
    }
    for bytes in inputs {
      let digits = Scalar25519.signedRadix16Digits(bytes)
      #expect(digits[0..<63].allSatisfy { (-8...7).contains($0) })
      #expect((0...8).contains(digits[63]))
      var carry = 0
      var nibbles: [UInt8] = []
      for digit in digits {
        let value = Int(digit) + carry
        nibbles.append(UInt8(value & 15))
        carry = value >> 4
      }
      #expect(carry == 0)
      let packed = (0..<32).map { nibbles[2 * $0] | nibbles[2 * $0 + 1] << 4 }
      #expect(packed == bytes, "\(Hex.string(bytes))")
    }
  }
}
