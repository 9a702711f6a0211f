import SimCore

/// X25519 Diffie–Hellman key agreement over Curve25519 (RFC 7748).
///
/// ```swift
/// var generator = streams.make(.cryptographicKeys, index: node.index)
/// var work = Work.zero
/// let alice = X25519.PrivateKey(using: &generator, work: &work)
/// let secret = try alice.sharedSecret(with: bobPublicKey, work: &work)  // 32 bytes
/// ```
///
/// **Work.** Every operation that does curve arithmetic has a form taking `work: inout Work`, to
/// which it adds what it did: one `curveScalarMultiplications` per Montgomery ladder (computing a
/// public key, or a shared secret). The forms without `work:` are conveniences for tests and
/// tools; simulator code uses the `work:` forms so the time is charged.
///
/// **Keys are reproducible, not secret.** Keys drawn with `init(using:)` come from the simulator's
/// seeded generators, so anyone with the scenario's seed can recompute them. The arithmetic is
/// real and runs in constant structure (no branch or memory index depends on the scalar), but the
/// point of these keys is faithful sizes, costs and behaviour, not confidentiality.
public enum X25519 {
  /// Size of a private key (a scalar before clamping), in bytes.
  public static let privateKeyByteCount = 32
  /// Size of a public key (a u-coordinate), in bytes.
  public static let publicKeyByteCount = 32
  /// Size of a shared secret (a u-coordinate), in bytes.
  public static let sharedSecretByteCount = 32

  /// The u-coordinate of the base point, 9, encoded (RFC 7748 §4.1).
  public static let baseUCoordinate: [UInt8] = [9] + [UInt8](repeating: 0, count: 31)

  /// The function X25519(k, u) of RFC 7748 §5 on raw bytes: clamps the 32-byte scalar `scalar`,
  /// decodes the 32-byte u-coordinate `uCoordinate` (ignoring its bit 255) and returns the
  /// encoded u-coordinate of [k]·(u, …), computed with the Montgomery ladder; adds one curve
  /// scalar multiplication to `work`. Unlike `PrivateKey.sharedSecret(with:work:)` it does not
  /// reject an all-zero result. Both sizes are programmer errors when not 32 (precondition).
  /// - Complexity: 255 ladder steps (5 multiplications, 4 squarings, 1 small multiplication
  ///   each) and one inversion.
  public static func scalarMultiplication(
    scalar: [UInt8], uCoordinate: [UInt8], work: inout Work
  ) -> [UInt8] {
    work += Work(curveScalarMultiplications: 1)
    return scalarMultiplication(scalar: scalar, uCoordinate: uCoordinate)
  }

  /// X25519(k, u) on raw bytes, without accounting for its work; see
  /// `scalarMultiplication(scalar:uCoordinate:work:)`.
  /// - Complexity: 255 ladder steps and one inversion.
  public static func scalarMultiplication(scalar: [UInt8], uCoordinate: [UInt8]) -> [UInt8] {
    precondition(scalar.count == 32, "an X25519 scalar is 32 bytes, got \(scalar.count)")
    precondition(
      uCoordinate.count == 32, "an X25519 u-coordinate is 32 bytes, got \(uCoordinate.count)")
    let k = clamped(scalar)
    let x1 = FieldElement25519(decoding: uCoordinate)
    var x2 = FieldElement25519.one
    var z2 = FieldElement25519.zero
    var x3 = x1
    var z3 = FieldElement25519.one
    var swap: UInt64 = 0
    // The ladder keeps (x2 : z2) = [m]P and (x3 : z3) = [m + 1]P for the prefix m of k read so
    // far; the swap is deferred to the next bit, exactly as written in RFC 7748 §5.
    for t in stride(from: 254, through: 0, by: -1) {
      let bit = UInt64((k[t >> 3] >> UInt8(t & 7)) & 1)
      swap ^= bit
      FieldElement25519.conditionalSwap(&x2, &x3, if: swap)
      FieldElement25519.conditionalSwap(&z2, &z3, if: swap)
      swap = bit

      let a = x2 + z2
      let aa = a.squared()
      let b = x2 - z2
      let bb = b.squared()
      let e = aa - bb
      let c = x3 + z3
      let d = x3 - z3
      let da = d.multiplied(by: a)
      let cb = c.multiplied(by: b)
      x3 = (da + cb).squared()
      z3 = x1.multiplied(by: (da - cb).squared())
      x2 = aa.multiplied(by: bb)
      // a24 = (486662 − 2)/4 = 121665 for Curve25519.
      z2 = e.multiplied(by: aa + e.multiplied(bySmall: 121_665))
    }
    FieldElement25519.conditionalSwap(&x2, &x3, if: swap)
    FieldElement25519.conditionalSwap(&z2, &z3, if: swap)
    return x2.multiplied(by: z2.inverted()).encoded()
  }

  /// The scalar after RFC 7748 §5 `decodeScalar25519`: the three low bits and bit 255 cleared,
  /// bit 254 set, so the scalar is a multiple of the cofactor 8 in [2²⁵⁴, 2²⁵⁵).
  static func clamped(_ scalar: [UInt8]) -> [UInt8] {
    var k = scalar
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    return k
  }
}
