import BigNum
import SimCore

extension Paillier.PublicKey {
  /// The largest magnitude a signed plaintext may have, ⌊n/3⌋ − 1 (python-paillier's
  /// `max_int`): plaintexts in 0...this are non-negative, those in (n − this)..<n stand for
  /// negative numbers, and the middle third is overflow.
  public var maxSignedMagnitude: BigUInt { n / 3 - .one }

  /// An encryption of m₁ + m₂ mod n: c₁·c₂ mod n². Adds its limb products to `work`.
  /// - Complexity: one product and one division of 4k by 2k limbs (k = |n|/64).
  public func add(_ a: Paillier.Ciphertext, _ b: Paillier.Ciphertext, work: inout Work)
    -> Paillier.Ciphertext
  {
    Paillier.Ciphertext(
      value: squareContext.multiply(a.value, b.value, limbProducts: &work.limbMultiplications))
  }

  /// An encryption of m₁ + m₂ mod n, without accounting for its work.
  public func add(_ a: Paillier.Ciphertext, _ b: Paillier.Ciphertext) -> Paillier.Ciphertext {
    var work = Work.zero
    return add(a, b, work: &work)
  }

  /// An encryption of m + `plaintext` mod n: c·(1 + plaintext·n) mod n², with no fresh
  /// randomness (the result is as linkable to `c` as `c` is). Adds its limb products to `work`.
  /// - Precondition: `plaintext < n`.
  /// - Complexity: two products and one division.
  public func add(_ c: Paillier.Ciphertext, plaintext: BigUInt, work: inout Work)
    -> Paillier.Ciphertext
  {
    precondition(plaintext < n, "Paillier.add(plaintext:): the plaintext is not below n")
    let nude = plaintext.multiplied(by: n, limbProducts: &work.limbMultiplications) + .one
    return Paillier.Ciphertext(
      value: squareContext.multiply(c.value, nude, limbProducts: &work.limbMultiplications))
  }

  /// An encryption of k·m mod n for a scalar k ∈ Z_n, computed exactly as python-paillier's
  /// `EncryptedNumber._raw_mul`: cᵏ mod n², except that a k at or above n − `maxSignedMagnitude`
  /// (a negative number n − |k|) is applied as (c⁻¹)^(n−k), a short exponent and one inverse.
  /// Adds its limb products to `work`.
  /// - Precondition: `k < n`.
  /// - Complexity: one exponentiation modulo n² with a |k|-bit exponent (31 bits: about 30
  ///   squarings), plus one modular inverse on the negative path.
  public func multiply(_ c: Paillier.Ciphertext, by k: BigUInt, work: inout Work)
    -> Paillier.Ciphertext
  {
    precondition(k < n, "Paillier.multiply: the scalar (\(k.bitLength) bits) is not below n")
    if k >= n - maxSignedMagnitude {
      let inverse = negate(c, work: &work)
      return Paillier.Ciphertext(
        value: squareContext.power(inverse.value, n - k, limbProducts: &work.limbMultiplications)
      )
    }
    return Paillier.Ciphertext(
      value: squareContext.power(c.value, k, limbProducts: &work.limbMultiplications))
  }

  /// An encryption of k·m mod n for a scalar k ∈ Z_n, without accounting for its work.
  /// - Precondition: `k < n`.
  public func multiply(_ c: Paillier.Ciphertext, by k: BigUInt) -> Paillier.Ciphertext {
    var work = Work.zero
    return multiply(c, by: k, work: &work)
  }

  /// An encryption of k·m mod n for a signed scalar: a negative k is taken as n − |k| (its
  /// residue mod n), so the product decrypts to the negative number n − |k·m| when |k·m| is
  /// small. Adds its limb products to `work`.
  /// - Complexity: as `multiply(_:by:work:)` for a BigUInt scalar.
  public func multiply(_ c: Paillier.Ciphertext, bySigned k: BigInt, work: inout Work)
    -> Paillier.Ciphertext
  {
    multiply(c, by: k.modulo(n, limbProducts: &work.limbMultiplications), work: &work)
  }

  /// An encryption of −m mod n: c⁻¹ mod n². Adds the inverse's limb products to `work`.
  /// - Precondition: `c` is a unit modulo n² (every ciphertext made by encryption is).
  /// - Complexity: one extended Euclid on 2k-limb numbers.
  public func negate(_ c: Paillier.Ciphertext, work: inout Work) -> Paillier.Ciphertext {
    guard
      let inverse = c.value.inverse(modulo: nSquared, limbProducts: &work.limbMultiplications)
    else {
      preconditionFailure("Paillier.negate: the ciphertext shares a factor with n")
    }
    return Paillier.Ciphertext(value: inverse)
  }

  /// An encryption of m₁ − m₂ mod n: c₁·c₂⁻¹ mod n². Adds its limb products to `work`.
  /// - Precondition: `b` is a unit modulo n².
  /// - Complexity: one modular inverse and one modular product.
  public func subtract(_ a: Paillier.Ciphertext, _ b: Paillier.Ciphertext, work: inout Work)
    -> Paillier.Ciphertext
  {
    add(a, negate(b, work: &work), work: &work)
  }
}
