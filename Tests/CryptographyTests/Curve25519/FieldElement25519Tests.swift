import SimCore
import Testing

@testable import Cryptography

struct FieldElement25519Tests {
  private typealias Field = FieldElement25519
  private typealias Hex = Curve25519TestHex

  /// p = 2²⁵⁵ − 19, little-endian: ed ff … ff 7f.
  private static let pBytes = [UInt8(0xED)] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]

  /// Small values as elements, for hand-checkable identities.
  private static func small(_ value: UInt64) -> Field { Field(value, 0, 0, 0, 0) }

  /// Elements with limbs up to the 2⁵⁴ input bound, drawn from a fixed stream.
  private static func randomElements(_ count: Int, limbBits: UInt64 = 54) -> [Field] {
    var generator = RandomStreams(seed: 25519).make(StreamPurpose("fieldTest"))
    let mask: UInt64 = (1 << limbBits) - 1
    return (0..<count).map { _ in
      Field(
        generator.next() & mask, generator.next() & mask, generator.next() & mask,
        generator.next() & mask, generator.next() & mask)
    }
  }

  @Test func encodingRoundTripsCanonicalBytes() {
    var generator = RandomStreams(seed: 1).make(StreamPurpose("fieldEncoding"))
    for _ in 0..<50 {
      var bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      bytes[31] &= 0x3F  // below 2²⁵⁴ < p, so canonical
      #expect(Field.isCanonicalEncoding(bytes[...]))
      #expect(Field(decoding: bytes).encoded() == bytes)
    }
  }

  /// p, p + 1 and 2²⁵⁵ − 1 are non-canonical encodings of 0, 1 and 18; p − 1 is canonical.
  /// The sign bit (bit 255) is not part of the value.
  @Test func nonCanonicalValuesReduce() {
    var pPlusOne = Self.pBytes
    pPlusOne[0] += 1
    let allOnes = [UInt8](repeating: 0xFF, count: 31) + [0x7F]
    var pMinusOne = Self.pBytes
    pMinusOne[0] -= 1
    #expect(!Field.isCanonicalEncoding(Self.pBytes[...]))
    #expect(!Field.isCanonicalEncoding(pPlusOne[...]))
    #expect(!Field.isCanonicalEncoding(allOnes[...]))
    #expect(Field.isCanonicalEncoding(pMinusOne[...]))
    var signed = pMinusOne
    signed[31] |= 0x80
    #expect(Field.isCanonicalEncoding(signed[...]))
    #expect(Field(decoding: Self.pBytes).encoded() == Self.small(0).encoded())
    #expect(Field(decoding: pPlusOne).encoded() == Self.small(1).encoded())
    #expect(Field(decoding: allOnes).encoded() == Self.small(18).encoded())
    #expect(Field(decoding: signed).encoded() == pMinusOne)
  }

  /// 2²⁵⁵ ≡ 19 (mod p): an element whose top limb holds 2⁵¹ (value 2²⁵⁵) reduces to 19, and
  /// (p − 1)² = (−1)² = 1.
  @Test func reductionFoldsTwoToThe255() {
    #expect(Field(0, 0, 0, 0, 1 << 51).encoded() == Self.small(19).encoded())
    let minusOne = Field(decoding: Array(Self.pBytes.enumerated().map { $0 == 0 ? $1 - 1 : $1 }))
    #expect(minusOne.squared().isEqual(to: .one))
    #expect(minusOne.multiplied(by: minusOne).isEqual(to: .one))
    #expect((Field.zero - .one).isEqual(to: minusOne))
  }

  /// Ring identities on elements with limbs at the 2⁵⁴ input bound, where a lost carry would
  /// show: commutativity, associativity, distributivity, squaring = self-multiplication,
  /// a − b + b = a, and 121665·a by the small-constant path.
  @Test func arithmeticSatisfiesRingIdentitiesAtTheLimbBound() {
    let elements = Self.randomElements(24)
    for index in stride(from: 0, to: elements.count, by: 3) {
      let a = elements[index]
      let b = elements[index + 1]
      let c = elements[index + 2]
      #expect(a.multiplied(by: b).isEqual(to: b.multiplied(by: a)))
      #expect(
        a.multiplied(by: b).multiplied(by: c).isEqual(to: a.multiplied(by: b.multiplied(by: c))))
      let reducedB = b.carried()
      let reducedC = c.carried()
      #expect(
        a.multiplied(by: reducedB + reducedC).isEqual(
          to: a.multiplied(by: reducedB) + a.multiplied(by: reducedC)))
      #expect(a.squared().isEqual(to: a.multiplied(by: a)))
      #expect(((a - reducedB) + reducedB).isEqual(to: a))
      #expect(a.multiplied(bySmall: 121_665).isEqual(to: a.multiplied(by: Self.small(121_665))))
    }
  }

  @Test func inversionGivesTheMultiplicativeInverse() {
    for a in Self.randomElements(6) + [Self.small(1), Self.small(2), Self.small(121_666)] {
      #expect(a.multiplied(by: a.inverted()).isEqual(to: .one))
    }
    // RFC 7748 §5 relies on 0^(p−2) = 0 for the point at infinity.
    #expect(Field.zero.inverted().isZero)
    // 2·2⁻¹ = 1 by hand: 2⁻¹ = (p + 1)/2 = 2²⁵⁴ − 9.
    let half = Field(decoding: [0xF7] + [UInt8](repeating: 0xFF, count: 30) + [0x3F])
    #expect(Self.small(2).inverted().isEqual(to: half))
  }

  /// √−1 squares to −1; 4 = 2² has a root whose square is 4; 2 is not a square mod p (p ≡ 5
  /// mod 8), so it has none.
  @Test func squareRootsAreFoundExactlyForSquares() throws {
    let i = Field.squareRootOfMinusOne
    #expect(i.squared().isEqual(to: Field.zero - .one))
    let root = try #require(Field.squareRoot(ofRatio: Self.small(4), .one))
    #expect(root.squared().isEqual(to: Self.small(4)))
    #expect(Field.squareRoot(ofRatio: Self.small(2), .one) == nil)
    // A ratio: 9/4 has roots ±3/2.
    let ratioRoot = try #require(Field.squareRoot(ofRatio: Self.small(9), Self.small(4)))
    #expect(ratioRoot.squared().multiplied(by: Self.small(4)).isEqual(to: Self.small(9)))
    for a in Self.randomElements(4) {
      let square = a.squared()
      let found = try #require(Field.squareRoot(ofRatio: square, .one))
      #expect(found.isEqual(to: a) || found.isEqual(to: -a.carried()))
    }
  }

  /// The curve constants: d·121666 = −121665 (RFC 8032 §5.1, d = −121665/121666) and 2d = d + d.
  @Test func curveConstantsMatchTheirDefinitions() {
    let d = EdwardsPoint.d
    #expect(d.multiplied(by: Self.small(121_666)).isEqual(to: Field.zero - Self.small(121_665)))
    #expect(EdwardsPoint.twoD.isEqual(to: d + d))
  }

  @Test func conditionalSwapExchangesOnlyOnOne() {
    let elements = Self.randomElements(2, limbBits: 51)
    var a = elements[0]
    var b = elements[1]
    Field.conditionalSwap(&a, &b, if: 0)
    #expect(a.encoded() == elements[0].encoded() && b.encoded() == elements[1].encoded())
    Field.conditionalSwap(&a, &b, if: 1)
    #expect(a.encoded() == elements[1].encoded() && b.encoded() == elements[0].encoded())
  }
}
