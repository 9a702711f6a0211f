/// A point of edwards25519, −x² + y² = 1 + d·x²·y² over GF(2²⁵⁵ − 19) with d = −121665/121666
/// (RFC 8032 §5.1), in extended homogeneous coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z
/// and x·y = T/Z (Hisil, Wong, Carter and Dawson, "Twisted Edwards curves revisited",
/// ASIACRYPT 2008).
///
/// All coordinates are reduced field elements (outputs of products or subtractions), so any of
/// them may enter the addition and doubling formulas directly.
struct EdwardsPoint: Sendable {
  var x: FieldElement25519
  var y: FieldElement25519
  var z: FieldElement25519
  var t: FieldElement25519

  /// The neutral element (0, 1).
  static let identity = EdwardsPoint(x: .zero, y: .one, z: .one, t: .zero)

  /// The curve constant d = −121665/121666 mod p. Limbs computed independently; the unit tests
  /// check d·121666 = −121665.
  static let d = FieldElement25519(
    0x3_4DCA_1359_78A3, 0x1_A828_3B15_6EBD, 0x5_E7A2_6001_C029, 0x7_39C6_63A0_3CBB,
    0x5_2036_CEE2_B6FF)

  /// 2·d, the factor the addition formula multiplies T₁·T₂ by (RFC 8032 §5.1.4).
  static let twoD = FieldElement25519(
    0x6_9B94_26B2_F159, 0x3_5050_762A_DD7A, 0x3_CF44_C003_8052, 0x6_738C_C740_7977,
    0x2_406D_9DC5_6DFF)

  /// The base point B of RFC 8032 §5.1: y = 4/5 and x the even root, i.e.
  /// x = 15112221349535400772501151409588531511454012693041857206046113283949847762202,
  /// y = 46316835694926478169428394003475163141307993866256225615783033603165251855960.
  /// The unit tests check its encoding, that it lies on the curve and that [ℓ]B is the identity.
  static let base = EdwardsPoint(
    x: FieldElement25519(
      0x6_2D60_8F25_D51A, 0x4_12A4_B4F6_592A, 0x7_5B71_71A4_B31D, 0x1_FF60_5271_18FE,
      0x2_1693_6D3C_D6E5),
    y: FieldElement25519(
      0x6_6666_6666_6658, 0x4_CCCC_CCCC_CCCC, 0x1_9999_9999_9999, 0x3_3333_3333_3333,
      0x6_6666_6666_6666),
    z: .one,
    t: FieldElement25519(
      0x6_8AB3_A5B7_DDA3, 0x0_0EEA_2A5E_ADBB, 0x2_AF8D_F483_C27E, 0x3_32B3_7527_4732,
      0x6_7875_F0FD_78B7))
}

// MARK: - Encoding (RFC 8032 §5.1.2 and §5.1.3)

extension EdwardsPoint {
  /// The 32-byte encoding of RFC 8032 §5.1.2: y little-endian, with bit 255 set to the least
  /// significant bit of x.
  /// - Complexity: one field inversion.
  func encoded() -> [UInt8] {
    let zInverse = z.inverted()
    let affineX = x.multiplied(by: zInverse)
    let affineY = y.multiplied(by: zInverse)
    var bytes = affineY.encoded()
    bytes[31] |= affineX.isNegative ? 0x80 : 0
    return bytes
  }

  /// Decodes 32 bytes as in RFC 8032 §5.1.3, or returns nil when decoding fails: y not below p,
  /// no square root for x², or x = 0 with the sign bit set. The checks reject every
  /// non-canonical encoding of a point, so a decoded point re-encodes to the same bytes.
  /// - Complexity: one exponentiation (the square root).
  init?(decoding bytes: ArraySlice<UInt8>) {
    precondition(bytes.count == 32, "an Ed25519 point is 32 bytes, got \(bytes.count)")
    guard FieldElement25519.isCanonicalEncoding(bytes) else { return nil }
    let sign = bytes[bytes.startIndex + 31] >> 7 == 1
    let affineY = FieldElement25519(decoding: bytes)
    let y2 = affineY.squared()
    let u = y2 - .one
    let v = y2.multiplied(by: EdwardsPoint.d) + .one
    guard var affineX = FieldElement25519.squareRoot(ofRatio: u, v) else { return nil }
    if affineX.isZero && sign {
      return nil
    }
    if affineX.isNegative != sign {
      affineX = -affineX
    }
    self.init(x: affineX, y: affineY, z: .one, t: affineX.multiplied(by: affineY))
  }
}
