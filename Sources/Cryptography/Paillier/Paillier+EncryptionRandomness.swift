import BigNum
import SimCore

extension Paillier {
  /// A pool of Paillier randomizers rⁿ mod n² computed ahead of time, so that encrypting
  /// online costs one product m·n and one modular multiplication.
  ///
  /// ```swift
  /// var pool = Paillier.EncryptionRandomness(publicKey: key)
  /// var offline = Work.zero
  /// pool.precompute(count: 100, with: fast, using: &nonces, work: &offline)  // while idle
  /// var online = Work.zero
  /// let c = try pool.encrypt(m, work: &online)  // when the update is ready
  /// ```
  ///
  /// **Offline and online work.** `precompute` does the expensive part, one exponentiation
  /// (or one fixed-base comb evaluation) per randomizer, and adds it to the `work` it is given:
  /// that is the *offline* part, which the simulation can charge to a device's idle time or to
  /// a separate task before the round. `encrypt` and `rerandomize` consume one randomizer each
  /// and add only their own product and modular multiplication to their `work`: the *online*
  /// part, on the critical path. Randomizers are used first in, first out, each exactly once.
  public struct EncryptionRandomness: Sendable {
    /// The key the randomizers belong to.
    public let publicKey: PublicKey
    /// Randomizers not yet used start at `nextIndex`.
    private var randomizers: [BigUInt] = []
    private var nextIndex = 0

    /// An empty pool for `publicKey`.
    public init(publicKey: PublicKey) {
      self.publicKey = publicKey
    }

    /// The number of randomizers left.
    public var count: Int { randomizers.count - nextIndex }

    /// Computes `count` randomizers rⁿ mod n² with r uniform in 1..<n from `generator` and
    /// appends them; adds the exponentiations' limb products to `work` (offline work).
    /// - Precondition: `count >= 0`.
    /// - Complexity: `count` |n|-bit exponentiations modulo n².
    public mutating func precompute(
      count: Int, using generator: inout some RandomNumberGenerator, work: inout Work
    ) {
      precondition(count >= 0, "Paillier.EncryptionRandomness: negative count \(count)")
      compact()
      for _ in 0..<count {
        randomizers.append(publicKey.makeRandomizer(using: &generator, work: &work))
      }
    }

    /// Computes `count` randomizers hᵅ mod n² with `fixedBase` and appends them; adds the comb
    /// evaluations' limb products to `work` (offline work).
    /// - Precondition: `count >= 0` and `fixedBase` belongs to this pool's key.
    /// - Complexity: `count` comb evaluations.
    public mutating func precompute(
      count: Int, with fixedBase: FixedBaseRandomizer,
      using generator: inout some RandomNumberGenerator, work: inout Work
    ) {
      precondition(count >= 0, "Paillier.EncryptionRandomness: negative count \(count)")
      precondition(
        fixedBase.publicKey == publicKey,
        "Paillier.EncryptionRandomness: the fixed-base randomizer belongs to another key")
      compact()
      for _ in 0..<count {
        randomizers.append(fixedBase.makeRandomizer(using: &generator, work: &work))
      }
    }

    /// Removes and returns the oldest unused randomizer.
    /// - Throws: `PaillierError.randomnessExhausted` when the pool is empty.
    public mutating func takeRandomizer() throws(PaillierError) -> BigUInt {
      guard nextIndex < randomizers.count else { throw .randomnessExhausted }
      defer { nextIndex += 1 }
      return randomizers[nextIndex]
    }

    /// The encryption of `m` with the oldest unused randomizer: (1 + m·n)·ρ mod n². Adds only
    /// the online limb products (one product m·n and one modular multiplication) to `work`.
    /// - Precondition: `m < n`.
    /// - Throws: `PaillierError.randomnessExhausted` when the pool is empty.
    public mutating func encrypt(_ m: BigUInt, work: inout Work) throws(PaillierError)
      -> Ciphertext
    {
      let randomizer = try takeRandomizer()
      return publicKey.encrypt(m, randomizer: randomizer, work: &work)
    }

    /// `c` re-randomised with the oldest unused randomizer (one modular multiplication, added
    /// to `work`).
    /// - Throws: `PaillierError.randomnessExhausted` when the pool is empty.
    public mutating func rerandomize(_ c: Ciphertext, work: inout Work) throws(PaillierError)
      -> Ciphertext
    {
      let randomizer = try takeRandomizer()
      return publicKey.rerandomize(c, randomizer: randomizer, work: &work)
    }

    /// Drops the used randomizers so the array does not grow without bound.
    private mutating func compact() {
      guard nextIndex > 0 else { return }
      randomizers.removeFirst(nextIndex)
      nextIndex = 0
    }
  }
}
