import SimCore
import Testing

@testable import Cryptography

struct EdwardsPointTests {
  private typealias Hex = Curve25519TestHex

  /// ℓ, little-endian (RFC 8032 §5.1).
  private static let orderBytes = Hex.bytes(
    "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")

  /// A decimal number as 32 little-endian bytes (schoolbook ×10 + digit).
  private static func littleEndian(decimal: String) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 32)
    for character in decimal {
      var carry = Int(character.wholeNumberValue!)
      for index in 0..<32 {
        let value = Int(bytes[index]) * 10 + carry
        bytes[index] = UInt8(value & 0xFF)
        carry = value >> 8
      }
    }
    return bytes
  }

  /// 32-byte scalars below 2²⁵³ from a fixed stream.
  private static func randomScalars(_ count: Int, seed: UInt64) -> [[UInt8]] {
    var generator = RandomStreams(seed: seed).make(StreamPurpose("edwardsTest"))
    return (0..<count).map { _ in
      var bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      bytes[31] &= 0x1F
      return bytes
    }
  }

  /// B's coordinates are the decimal values printed in RFC 8032 §5.1, and B encodes as
  /// 58 66 66 … 66 (y = 4/5 with an even x).
  @Test func basePointMatchesRFC8032() {
    let base = EdwardsPoint.base
    #expect(
      base.x.encoded()
        == Self.littleEndian(
          decimal: "15112221349535400772501151409588531511454012693041857206046113283949847762202"))
    #expect(
      base.y.encoded()
        == Self.littleEndian(
          decimal: "46316835694926478169428394003475163141307993866256225615783033603165251855960"))
    #expect(base.t.isEqual(to: base.x.multiplied(by: base.y)))
    #expect(
      Hex.string(base.encoded())
        == "5866666666666666666666666666666666666666666666666666666666666666")
  }

  /// −x² + y² = 1 + d·x²·y² for B and for multiples of it (the addition law stays on the curve).
  @Test func pointsLieOnTheCurve() {
    var points = [EdwardsPoint.base]
    for scalar in Self.randomScalars(3, seed: 1) {
      points.append(EdwardsPoint.baseMultiple(scalar: scalar))
    }
    for point in points {
      let zInverse = point.z.inverted()
      let x2 = point.x.multiplied(by: zInverse).squared()
      let y2 = point.y.multiplied(by: zInverse).squared()
      let left = y2 - x2
      let right = FieldElement25519.one + EdwardsPoint.d.multiplied(by: x2).multiplied(by: y2)
      #expect(left.isEqual(to: right))
    }
  }

  /// B has order ℓ: [ℓ]B is the identity by both multiplication routines, and [ℓ − 1]B = −B.
  @Test func basePointHasOrderL() {
    #expect(EdwardsPoint.baseMultiple(scalar: Self.orderBytes).isEqual(to: .identity))
    #expect(EdwardsPoint.base.multiplied(byScalar: Self.orderBytes).isEqual(to: .identity))
    var minusOne = Self.orderBytes
    minusOne[0] -= 1
    #expect(EdwardsPoint.baseMultiple(scalar: minusOne).isEqual(to: EdwardsPoint.base.negated))
  }

  /// The fixed-base table method and the variable-base window agree, and small multiples agree
  /// with repeated addition and doubling: [2]B = B + B = 2·B, [3]B = 2B + B.
  @Test func scalarMultiplicationsAgree() {
    let base = EdwardsPoint.base
    let two = [UInt8(2)] + [UInt8](repeating: 0, count: 31)
    let three = [UInt8(3)] + [UInt8](repeating: 0, count: 31)
    let doubled = base.doubled()
    #expect(EdwardsPoint.baseMultiple(scalar: two).isEqual(to: doubled))
    #expect(base.adding(base.cached).extended.isEqual(to: doubled))
    #expect(
      EdwardsPoint.baseMultiple(scalar: three).isEqual(to: doubled.adding(base.cached).extended))
    for scalar in Self.randomScalars(3, seed: 2) {
      #expect(
        EdwardsPoint.baseMultiple(scalar: scalar).isEqual(to: base.multiplied(byScalar: scalar)))
    }
  }

  /// [a]B + [b]B = [a + b]B, with a + b computed mod ℓ by `multiplyAdd(a, 1, b)`.
  @Test func scalarMultiplicationIsLinear() {
    let one = [UInt8(1)] + [UInt8](repeating: 0, count: 31)
    let scalars = Self.randomScalars(4, seed: 3)
    for pair in stride(from: 0, to: scalars.count, by: 2) {
      let a = scalars[pair]
      let b = scalars[pair + 1]
      let sum = Scalar25519.multiplyAdd(a, one, Scalar25519(reducing: b)).encoded()
      let left = EdwardsPoint.baseMultiple(scalar: a)
        .adding(EdwardsPoint.baseMultiple(scalar: b).cached).extended
      #expect(left.isEqual(to: EdwardsPoint.baseMultiple(scalar: sum)))
    }
  }

  /// Decoding an encoding gives the same point back, and re-encoding the same bytes.
  @Test func encodingRoundTrips() throws {
    for scalar in Self.randomScalars(4, seed: 4) {
      let point = EdwardsPoint.baseMultiple(scalar: scalar)
      let bytes = point.encoded()
      let decoded = try #require(EdwardsPoint(decoding: bytes[...]))
      #expect(decoded.isEqual(to: point))
      #expect(decoded.encoded() == bytes)
      #expect(point.negated.encoded() != bytes)
    }
  }
}
