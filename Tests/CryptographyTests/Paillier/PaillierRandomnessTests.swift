import BigNum
import SimCore
import Testing

@testable import Cryptography

/// The fixed-base comb, fixed-base randomizers and the precomputed randomness pool.
struct PaillierRandomnessTests {
  /// The comb agrees with BigNum's sliding-window power modulo n² (through a plain
  /// `MontgomeryContext`, independent of the comb's digit arithmetic) for exponents at the
  /// edges (0, 1, all ones, a single top bit) and random ones, for layouts with and without
  /// several blocks and with rows that do not divide the exponent length.
  @Test(arguments: [
    (rows: 1, blocks: 1), (rows: 3, blocks: 2), (rows: 4, blocks: 5), (rows: 7, blocks: 3),
  ])
  func combAgreesWithSlidingWindowPower(rows: Int, blocks: Int) throws {
    let n = try #require(BigUInt(PythonPaillierVectors.n255.n))
    let context = SquaredModulusContext(root: n)
    let reference = MontgomeryContext(modulus: n * n)
    var rng = Xoshiro256StarStar(seed: UInt64(rows * 10 + blocks))
    let base = BigUInt.random(below: n * n, using: &rng)
    var products: Int64 = 0
    let comb = FixedBaseComb(
      base: base, context: context, exponentBitCount: 100, rows: rows, blocks: blocks,
      limbProducts: &products)
    var exponents: [BigUInt] = [.zero, .one, (BigUInt.one << 100) - .one, BigUInt.one << 99]
    for _ in 0..<6 { exponents.append(BigUInt.random(bits: 100, using: &rng)) }
    for exponent in exponents {
      #expect(comb.power(exponent, limbProducts: &products) == reference.power(base, exponent))
    }
  }

  /// A fixed-base randomizer is an n-th residue, so encryptions with it decrypt normally, and
  /// encrypting 0 gives a ciphertext that decrypts to 0. Its table has v·(2^h − 1) entries of
  /// 2|n| bits: 2·(2³ − 1)·8 limbs·8 bytes = 896 bytes for h = 3, v = 2 and a 255-bit n.
  @Test func fixedBaseEncryptionsDecrypt() throws {
    let key = try PythonPaillierVectors.smallKey()
    var rng = Xoshiro256StarStar(seed: 11)
    var setup = Work.zero
    let fast = Paillier.FixedBaseRandomizer(
      publicKey: key.publicKey, combRows: 3, combBlocks: 2, using: &rng, work: &setup)
    #expect(fast.exponentBitCount == 2 * 255 + 128)
    #expect(fast.tableByteCount == 896)
    #expect(setup.limbMultiplications > 0)
    var work = Work.zero
    for m: BigUInt in [0, 1, 65_535, key.publicKey.n - .one] {
      #expect(key.decrypt(fast.encrypt(m, using: &rng, work: &work)) == m)
    }
  }

  /// The same seeds give the same fixed base and the same randomizers.
  @Test func fixedBaseRandomizersAreReproducible() throws {
    let publicKey = try PythonPaillierVectors.smallKey().publicKey
    func randomizers(seed: UInt64) -> [BigUInt] {
      var rng = Xoshiro256StarStar(seed: seed)
      var work = Work.zero
      let fast = Paillier.FixedBaseRandomizer(
        publicKey: publicKey, exponentBitCount: 64, combRows: 4, combBlocks: 1, using: &rng,
        work: &work)
      return (0..<3).map { _ in fast.makeRandomizer(using: &rng, work: &work) }
    }
    #expect(randomizers(seed: 5) == randomizers(seed: 5))
    #expect(randomizers(seed: 5) != randomizers(seed: 6))
  }

  /// Exponent lengths: 2|n| + 128 by default, ⌈|n|/2⌉ for DJN's short variant.
  @Test func exponentLengthsFollowTheModulus() throws {
    let publicKey = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n2048.n)
    #expect(Paillier.FixedBaseRandomizer.statisticalExponentBitCount(for: publicKey) == 4_224)
    #expect(Paillier.FixedBaseRandomizer.shortExponentBitCount(for: publicKey) == 1_024)
  }

  /// The pool hands out precomputed randomizers first in, first out. Each offline randomizer
  /// is an exponentiation with the 255-bit n: at least 254 squarings modulo the 8-limb n². The
  /// online encryption of m = 4242 (one limb) is m·n (1 × 4 = 4 limb products), (1 + m·n)·ρ
  /// (5 × 8 = 40) and the division of that product, 12 or 13 limbs as ρ < n² has up to 510
  /// bits, by n² (5 or 6 quotient limbs, each 8 products plus 1 to 3 for Knuth's step D3: 45 to
  /// 66): 89 to 110 limb products in all.
  @Test func precomputedRandomnessMakesOnlineEncryptionCheap() throws {
    let key = try PythonPaillierVectors.smallKey()
    var rng = Xoshiro256StarStar(seed: 21)
    var pool = Paillier.EncryptionRandomness(publicKey: key.publicKey)
    var offline = Work.zero
    pool.precompute(count: 3, using: &rng, work: &offline)
    #expect(pool.count == 3)
    let squaring = MontgomeryContext(modulus: key.publicKey.nSquared).limbProductsPerSquaring
    #expect(offline.limbMultiplications > 3 * 254 * squaring)
    var online = Work.zero
    let c = try pool.encrypt(4_242, work: &online)
    #expect((89...110).contains(online.limbMultiplications))
    #expect(key.decrypt(c) == 4_242)
    _ = try pool.rerandomize(c, work: &online)
    _ = try pool.takeRandomizer()
    #expect(pool.count == 0)
    #expect(throws: PaillierError.randomnessExhausted) { try pool.encrypt(1, work: &online) }
  }

  /// A pool filled with fixed-base randomizers, refilled after use, still decrypts.
  @Test func poolRefillsWithFixedBaseRandomizers() throws {
    let key = try PythonPaillierVectors.smallKey()
    var rng = Xoshiro256StarStar(seed: 22)
    var work = Work.zero
    let fast = Paillier.FixedBaseRandomizer(
      publicKey: key.publicKey, combRows: 4, combBlocks: 2, using: &rng, work: &work)
    var pool = Paillier.EncryptionRandomness(publicKey: key.publicKey)
    pool.precompute(count: 2, with: fast, using: &rng, work: &work)
    let first = try pool.encrypt(1, work: &work)
    pool.precompute(count: 2, with: fast, using: &rng, work: &work)
    #expect(pool.count == 3)
    var decrypted: [BigUInt] = [key.decrypt(first)]
    for m: BigUInt in [2, 3, 4] { decrypted.append(key.decrypt(try pool.encrypt(m, work: &work))) }
    #expect(decrypted == [1, 2, 3, 4])
  }
}
