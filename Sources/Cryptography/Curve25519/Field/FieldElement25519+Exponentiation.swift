// Inversion and square roots by fixed exponentiation: the exponents p − 2 and (p − 5)/8 share the
// addition chain through z^(2²⁵⁰ − 1) (Bernstein, "Curve25519: new Diffie-Hellman speed
// records", PKC 2006, appendix; also RFC 8032 §5.1.3 for the square root). The sequence of
// squarings and multiplications is the same for every input.

extension FieldElement25519 {
  /// The multiplicative inverse z^(p − 2) (Fermat); zero maps to zero, as RFC 7748 §5 expects of
  /// the final `x_2 * (z_2^(p - 2))`.
  /// - Complexity: 254 squarings and 11 multiplications.
  func inverted() -> FieldElement25519 {
    let (z11, z250Ones) = exponentiationChain()
    // (2²⁵⁰ − 1)·2⁵ + 11 = 2²⁵⁵ − 21 = p − 2.
    return z250Ones.squared(repeatedly: 5).multiplied(by: z11)
  }

  /// z^((p − 5)/8) = z^(2²⁵² − 3), the power that RFC 8032 §5.1.3 step 3 uses to take a square
  /// root of a fraction without an inversion.
  /// - Complexity: 251 squarings and 11 multiplications.
  func raisedToPMinus5Over8() -> FieldElement25519 {
    let (_, z250Ones) = exponentiationChain()
    // (2²⁵⁰ − 1)·4 + 1 = 2²⁵² − 3.
    return z250Ones.squared(repeatedly: 2).multiplied(by: self)
  }

  /// The shared prefix of both exponents: returns (z¹¹, z^(2²⁵⁰ − 1)). A name `zNOnes` stands for
  /// z^(2^N − 1), the power whose exponent is N one bits.
  private func exponentiationChain() -> (FieldElement25519, FieldElement25519) {
    let z2 = squared()
    let z9 = z2.squared(repeatedly: 2).multiplied(by: self)
    let z11 = z9.multiplied(by: z2)
    let z5Ones = z11.squared().multiplied(by: z9)  // z³¹
    let z10Ones = z5Ones.squared(repeatedly: 5).multiplied(by: z5Ones)
    let z20Ones = z10Ones.squared(repeatedly: 10).multiplied(by: z10Ones)
    let z40Ones = z20Ones.squared(repeatedly: 20).multiplied(by: z20Ones)
    let z50Ones = z40Ones.squared(repeatedly: 10).multiplied(by: z10Ones)
    let z100Ones = z50Ones.squared(repeatedly: 50).multiplied(by: z50Ones)
    let z200Ones = z100Ones.squared(repeatedly: 100).multiplied(by: z100Ones)
    let z250Ones = z200Ones.squared(repeatedly: 50).multiplied(by: z50Ones)
    return (z11, z250Ones)
  }

  /// √−1 = 2^((p − 1)/4) mod p, used when the first square-root candidate is off by that factor
  /// (RFC 8032 §5.1.3 step 3). The limbs were computed independently with arbitrary-precision
  /// integers; the unit tests check that this value squares to −1.
  static let squareRootOfMinusOne = FieldElement25519(
    0x6_1B27_4A0E_A0B0, 0xD_5A5F_C8F1_89D, 0x7_EF5E_9CBD_0C60, 0x7_8595_A680_4C9E,
    0x2_B832_4804_FC1D)

  /// The square root of u/v, if it exists, computed as in RFC 8032 §5.1.3 step 3:
  /// x = u·v³·(u·v⁷)^((p − 5)/8), then fixed by √−1 when v·x² = −u. Returns nil when u/v is not
  /// a square. When v = 0 the result is 0 if u = 0 and nil otherwise. The root returned has no
  /// particular sign; callers pick it.
  /// - Complexity: about one exponentiation (251 squarings) and 8 multiplications.
  static func squareRoot(ofRatio u: FieldElement25519, _ v: FieldElement25519)
    -> FieldElement25519?
  {
    let v3 = v.squared().multiplied(by: v)
    let v7 = v3.squared().multiplied(by: v)
    var x = u.multiplied(by: v3).multiplied(by: u.multiplied(by: v7).raisedToPMinus5Over8())
    let vx2 = v.multiplied(by: x.squared())
    if vx2.isEqual(to: u) {
      return x
    }
    if vx2.isEqual(to: -u) {
      x = x.multiplied(by: squareRootOfMinusOne)
      return x
    }
    return nil
  }
}
