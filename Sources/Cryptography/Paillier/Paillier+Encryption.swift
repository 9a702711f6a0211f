import BigNum
import SimCore

extension Paillier.PublicKey {
  /// The encryption of `m`: (1 + m·n)·rⁿ mod n² with r drawn uniformly from 1..<n (like
  /// python-paillier's `get_random_lt_n`; an r sharing a factor with n has probability below
  /// 2^(1−|n|/2) and is not checked for). Reproducible from the generator's seed.
  /// - Precondition: `m < n`.
  /// - Complexity: one exponentiation modulo n² with the |n|-bit exponent n (about 1.5·|n|
  ///   Montgomery products of 2|n|/64 limbs).
  public func encrypt(_ m: BigUInt, using generator: inout some RandomNumberGenerator)
    -> Paillier.Ciphertext
  {
    var work = Work.zero
    return encrypt(m, using: &generator, work: &work)
  }

  /// The encryption of `m` with a fresh r, adding the limb products of rⁿ mod n² and of the
  /// final product to `work`; see `encrypt(_:using:)`.
  /// - Precondition: `m < n`.
  public func encrypt(
    _ m: BigUInt, using generator: inout some RandomNumberGenerator, work: inout Work
  ) -> Paillier.Ciphertext {
    let randomizer = makeRandomizer(using: &generator, work: &work)
    return encrypt(m, randomizer: randomizer, work: &work)
  }

  /// The encryption of `m` with the given nonce `r`: (1 + m·n)·rⁿ mod n², the integer
  /// python-paillier's `public_key.raw_encrypt(m, r_value=r)` returns.
  /// - Precondition: `m < n` and `0 < r < n`.
  /// - Complexity: as `encrypt(_:using:)`.
  public func encrypt(_ m: BigUInt, nonce r: BigUInt) -> Paillier.Ciphertext {
    var work = Work.zero
    return encrypt(m, nonce: r, work: &work)
  }

  /// The encryption of `m` with nonce `r`, adding its limb products to `work`.
  /// - Precondition: `m < n` and `0 < r < n`.
  public func encrypt(_ m: BigUInt, nonce r: BigUInt, work: inout Work) -> Paillier.Ciphertext {
    precondition(
      !r.isZero && r < n, "Paillier.encrypt: the nonce (\(r.bitLength) bits) must lie in 1..<n")
    let randomizer = squareContext.power(r, n, limbProducts: &work.limbMultiplications)
    return encrypt(m, randomizer: randomizer, work: &work)
  }

  /// The encryption of `m` with a precomputed randomizer ρ = rⁿ mod n² (from
  /// `FixedBaseRandomizer` or `EncryptionRandomness`): (1 + m·n)·ρ mod n², one product m·n and
  /// one modular multiplication. Each randomizer must be used once only.
  /// - Precondition: `m < n` and `randomizer < n²`.
  /// - Complexity: O(|n|²) limb products, no exponentiation.
  public func encrypt(_ m: BigUInt, randomizer: BigUInt, work: inout Work) -> Paillier.Ciphertext {
    precondition(
      m < n, "Paillier.encrypt: the plaintext (\(m.bitLength) bits) is not below n")
    precondition(randomizer < nSquared, "Paillier.encrypt: the randomizer is not below n²")
    // (1 + n)^m = 1 + m·n mod n² (binomial theorem), and 1 + m·n < n² for m < n.
    let nude = m.multiplied(by: n, limbProducts: &work.limbMultiplications) + .one
    let c = squareContext.multiply(nude, randomizer, limbProducts: &work.limbMultiplications)
    return Paillier.Ciphertext(value: c)
  }

  /// A fresh encryption of the same plaintext: c·rⁿ mod n² for a new r from `generator`,
  /// unlinkable to `c` for anyone without the private key. Adds its limb products to `work`.
  /// - Complexity: as `encrypt(_:using:)`.
  public func rerandomize(
    _ c: Paillier.Ciphertext, using generator: inout some RandomNumberGenerator, work: inout Work
  ) -> Paillier.Ciphertext {
    let randomizer = makeRandomizer(using: &generator, work: &work)
    return rerandomize(c, randomizer: randomizer, work: &work)
  }

  /// `c` re-randomised with the precomputed randomizer ρ = rⁿ mod n²: c·ρ mod n², one modular
  /// multiplication. Adds its limb products to `work`.
  /// - Precondition: `randomizer < n²`.
  public func rerandomize(_ c: Paillier.Ciphertext, randomizer: BigUInt, work: inout Work)
    -> Paillier.Ciphertext
  {
    precondition(randomizer < nSquared, "Paillier.rerandomize: the randomizer is not below n²")
    return Paillier.Ciphertext(
      value: squareContext.multiply(c.value, randomizer, limbProducts: &work.limbMultiplications))
  }

  /// A fresh randomizer rⁿ mod n², r uniform in 1..<n; adds the exponentiation's limb products
  /// to `work`.
  /// - Complexity: one |n|-bit exponentiation modulo n².
  public func makeRandomizer(
    using generator: inout some RandomNumberGenerator, work: inout Work
  ) -> BigUInt {
    let r = BigUInt.random(in: BigUInt.one..<n, using: &generator)
    return squareContext.power(r, n, limbProducts: &work.limbMultiplications)
  }
}
