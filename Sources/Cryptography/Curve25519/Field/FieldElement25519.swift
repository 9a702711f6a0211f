/// An element of the prime field GF(p), p = 2²⁵⁵ − 19, the coordinate field of Curve25519
/// (RFC 7748 §4.1) and edwards25519 (RFC 8032 §5.1).
///
/// The value is `l0 + l1·2⁵¹ + l2·2¹⁰² + l3·2¹⁵³ + l4·2²⁰⁴`, five unsigned 51-bit limbs held in
/// 64-bit words. The spare 13 bits of each word let sums wait for a carry: the representation is
/// not unique, and only `encoded()` produces the canonical value in [0, p).
///
/// Limb bounds (the invariant every operation relies on):
/// - `multiplied(by:)`, `squared()` and `multiplied(bySmall:)` accept limbs below 2⁵⁴ and return
///   limbs below 2⁵² ("reduced"; in fact below 2⁵¹ + 2¹⁸).
/// - `+` does not carry: two reduced operands give limbs below 2⁵³, fit to multiply or to be
///   subtracted, and one more reduced addend still fits a product (below 2⁵⁴).
/// - `-` adds 4p before subtracting and then carries, so it needs a subtrahend below 2⁵³ − 76 and a
///   minuend below 2⁵⁴, and returns a reduced value.
///
/// Every operation runs the same instructions whatever the values (no branches or table indices on
/// secret data), which keeps the timing independent of keys even though the simulator's keys are
/// reproducible rather than secret.
struct FieldElement25519: Sendable {
  var l0: UInt64
  var l1: UInt64
  var l2: UInt64
  var l3: UInt64
  var l4: UInt64

  /// The element with the given limbs; each limb must respect the bounds of the type's invariant.
  @inline(__always)
  init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
    self.l0 = l0
    self.l1 = l1
    self.l2 = l2
    self.l3 = l3
    self.l4 = l4
  }

  /// The additive identity.
  static let zero = FieldElement25519(0, 0, 0, 0, 0)
  /// The multiplicative identity.
  static let one = FieldElement25519(1, 0, 0, 0, 0)

  /// 2⁵¹ − 1: the mask of one limb.
  @usableFromInline static let limbMask: UInt64 = (1 << 51) - 1
}

// MARK: - Encoding

extension FieldElement25519 {
  /// Decodes 32 little-endian bytes, ignoring bit 255 (RFC 7748 §5 `decodeUCoordinate`; RFC 8032
  /// §5.1.3 reads the same bit as the sign of x). Values in [p, 2²⁵⁵) are accepted and represent
  /// their residue; callers that must reject them check `isCanonicalEncoding(_:)` first.
  init(decoding bytes: ArraySlice<UInt8>) {
    precondition(bytes.count == 32, "a field element is 32 bytes, got \(bytes.count)")
    var words: [UInt64] = [0, 0, 0, 0]
    for (offset, byte) in bytes.enumerated() {
      words[offset / 8] |= UInt64(byte) << (8 * UInt64(offset % 8))
    }
    let mask = FieldElement25519.limbMask
    self.init(
      words[0] & mask,
      (words[0] >> 51 | words[1] << 13) & mask,
      (words[1] >> 38 | words[2] << 26) & mask,
      (words[2] >> 25 | words[3] << 39) & mask,
      (words[3] >> 12) & mask)
  }

  /// Decodes 32 little-endian bytes, ignoring bit 255; see `init(decoding:)` for slices.
  init(decoding bytes: [UInt8]) {
    self.init(decoding: bytes[...])
  }

  /// True when the low 255 bits of `bytes` (32, little-endian) are below p, i.e. they are the
  /// canonical encoding of their value. RFC 8032 §5.1.3 step 1 rejects a y that fails this.
  static func isCanonicalEncoding(_ bytes: ArraySlice<UInt8>) -> Bool {
    precondition(bytes.count == 32, "a field element is 32 bytes, got \(bytes.count)")
    // p = 0x7fff…ffed: the value is ≥ p exactly when bytes 1…30 are 0xff, byte 31 (without the
    // sign bit) is 0x7f and byte 0 is ≥ 0xed.
    let start = bytes.startIndex
    var allOnes = bytes[start + 31] & 0x7F == 0x7F
    for index in (start + 1)..<(start + 31) where bytes[index] != 0xFF {
      allOnes = false
    }
    return !(allOnes && bytes[start] >= 0xED)
  }

  /// The canonical 32-byte little-endian encoding of the value, fully reduced into [0, p); bit 255
  /// is zero.
  func encoded() -> [UInt8] {
    let limbs = canonicalLimbs()
    let words: [UInt64] = [
      limbs.0 | limbs.1 << 51,
      limbs.1 >> 13 | limbs.2 << 38,
      limbs.2 >> 26 | limbs.3 << 25,
      limbs.3 >> 39 | limbs.4 << 12,
    ]
    var bytes = [UInt8](repeating: 0, count: 32)
    for offset in 0..<32 {
      bytes[offset] = UInt8(truncatingIfNeeded: words[offset / 8] >> (8 * UInt64(offset % 8)))
    }
    return bytes
  }

  /// The five limbs of the unique representative in [0, p), each below 2⁵¹.
  func canonicalLimbs() -> (UInt64, UInt64, UInt64, UInt64, UInt64) {
    let mask = FieldElement25519.limbMask
    var (h0, h1, h2, h3, h4) = (l0, l1, l2, l3, l4)
    // Two carry passes bring any representation below 2⁵¹ per limb, so the value is below
    // 2²⁵⁵ + small and at most one subtraction of p remains.
    for _ in 0..<2 {
      h1 &+= h0 >> 51
      h0 &= mask
      h2 &+= h1 >> 51
      h1 &= mask
      h3 &+= h2 >> 51
      h2 &= mask
      h4 &+= h3 >> 51
      h3 &= mask
      h0 &+= 19 &* (h4 >> 51)
      h4 &= mask
    }
    // q = 1 exactly when h ≥ p, i.e. when h + 19 reaches 2²⁵⁵; then h − p = h + 19 − 2²⁵⁵.
    var q = (h0 &+ 19) >> 51
    q = (h1 &+ q) >> 51
    q = (h2 &+ q) >> 51
    q = (h3 &+ q) >> 51
    q = (h4 &+ q) >> 51
    h0 &+= 19 &* q
    h1 &+= h0 >> 51
    h0 &= mask
    h2 &+= h1 >> 51
    h1 &= mask
    h3 &+= h2 >> 51
    h2 &= mask
    h4 &+= h3 >> 51
    h3 &= mask
    h4 &= mask  // drops the 2²⁵⁵ that q added back
    return (h0, h1, h2, h3, h4)
  }

  /// True when the canonical value is zero.
  var isZero: Bool {
    let limbs = canonicalLimbs()
    return limbs.0 | limbs.1 | limbs.2 | limbs.3 | limbs.4 == 0
  }

  /// True when the canonical value is odd: the "negative" sign of RFC 8032 §5.1.2, which encodes
  /// x by its least significant bit.
  var isNegative: Bool { canonicalLimbs().0 & 1 == 1 }

  /// True when both elements have the same canonical value.
  func isEqual(to other: FieldElement25519) -> Bool {
    let a = canonicalLimbs()
    let b = other.canonicalLimbs()
    return (a.0 ^ b.0) | (a.1 ^ b.1) | (a.2 ^ b.2) | (a.3 ^ b.3) | (a.4 ^ b.4) == 0
  }
}

// MARK: - Constant-time selection

extension FieldElement25519 {
  /// Replaces `self` with `other` when `condition` is 1 and keeps it when 0, without branching.
  @inline(__always)
  mutating func conditionallyAssign(_ other: FieldElement25519, if condition: UInt64) {
    let mask = 0 &- condition
    l0 ^= mask & (l0 ^ other.l0)
    l1 ^= mask & (l1 ^ other.l1)
    l2 ^= mask & (l2 ^ other.l2)
    l3 ^= mask & (l3 ^ other.l3)
    l4 ^= mask & (l4 ^ other.l4)
  }

  /// Exchanges `a` and `b` when `condition` is 1 and leaves them when 0, without branching
  /// (RFC 7748 §5 `cswap`).
  @inline(__always)
  static func conditionalSwap(
    _ a: inout FieldElement25519, _ b: inout FieldElement25519, if condition: UInt64
  ) {
    let mask = 0 &- condition
    var t = mask & (a.l0 ^ b.l0)
    a.l0 ^= t
    b.l0 ^= t
    t = mask & (a.l1 ^ b.l1)
    a.l1 ^= t
    b.l1 ^= t
    t = mask & (a.l2 ^ b.l2)
    a.l2 ^= t
    b.l2 ^= t
    t = mask & (a.l3 ^ b.l3)
    a.l3 ^= t
    b.l3 ^= t
    t = mask & (a.l4 ^ b.l4)
    a.l4 ^= t
    b.l4 ^= t
  }
}
