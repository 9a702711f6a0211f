import BigNum
import SimCore
import Testing

@testable import Cryptography

/// The homomorphic operations on the 255-bit python-paillier key: each result decrypts to the
/// plaintext arithmetic says, worked out by hand in the test.
struct PaillierHomomorphismTests {
  /// Plaintexts spread over all of Z_n round-trip: both branches of Garner's recombination
  /// (m_q below and above m_p mod q) are taken, which small plaintexts (m_p = m_q = m) never do.
  @Test func plaintextsAcrossZnRoundTrip() throws {
    let key = try PythonPaillierVectors.smallKey()
    var rng = Xoshiro256StarStar(seed: 7)
    var work = Work.zero
    for _ in 0..<24 {
      let m = BigUInt.random(below: key.publicKey.n, using: &rng)
      #expect(key.decrypt(key.publicKey.encrypt(m, using: &rng, work: &work), work: &work) == m)
    }
  }

  @Test func ciphertextAndPlaintextAdditionAddPlaintexts() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    var rng = Xoshiro256StarStar(seed: 1)
    var work = Work.zero
    let a = publicKey.encrypt(1_000, using: &rng, work: &work)
    let b = publicKey.encrypt(234, using: &rng, work: &work)
    #expect(key.decrypt(publicKey.add(a, b, work: &work)) == 1_234)
    #expect(key.decrypt(publicKey.add(a, plaintext: 9_000, work: &work)) == 10_000)
    // n − 1 is −1: 1000 + (−1) = 999.
    #expect(key.decrypt(publicKey.add(a, plaintext: publicKey.n - .one, work: &work)) == 999)
  }

  /// Positive scalars (including a 31-bit one), a BigInt −3, and zero.
  @Test func scalarMultiplicationMultipliesPlaintexts() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    var rng = Xoshiro256StarStar(seed: 2)
    var work = Work.zero
    let c = publicKey.encrypt(7, using: &rng, work: &work)
    #expect(key.decrypt(publicKey.multiply(c, by: 6, work: &work)) == 42)
    // 7 · (2³¹ − 1) = 15,032,385,529.
    #expect(key.decrypt(publicKey.multiply(c, by: 2_147_483_647, work: &work)) == 15_032_385_529)
    #expect(key.decrypt(publicKey.multiply(c, by: BigUInt.zero, work: &work)) == .zero)
    // 7 · (−3) = −21, i.e. n − 21.
    let negative = publicKey.multiply(c, bySigned: BigInt(-3), work: &work)
    #expect(key.decrypt(negative) == publicKey.n - 21)
  }

  /// The negative-scalar path is python-paillier's: for k ≥ n − ⌊n/3⌋ + 1 the result is
  /// (c⁻¹)^(n−k), so with k = n − 3 it equals the inverse of c³.
  @Test func largeScalarsUseTheInversePath() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    var rng = Xoshiro256StarStar(seed: 3)
    var work = Work.zero
    let c = publicKey.encrypt(5, using: &rng, work: &work)
    let viaInverse = publicKey.multiply(c, by: publicKey.n - 3, work: &work)
    let cubed = publicKey.multiply(c, by: 3, work: &work)
    #expect(viaInverse == publicKey.negate(cubed, work: &work))
    #expect(key.decrypt(viaInverse) == publicKey.n - 15)
  }

  @Test func negationAndSubtractionNegate() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    var rng = Xoshiro256StarStar(seed: 4)
    var work = Work.zero
    let a = publicKey.encrypt(50, using: &rng, work: &work)
    let b = publicKey.encrypt(80, using: &rng, work: &work)
    #expect(key.decrypt(publicKey.negate(a, work: &work)) == publicKey.n - 50)
    // 50 − 80 = −30; 80 − 50 = 30.
    #expect(key.decrypt(publicKey.subtract(a, b, work: &work)) == publicKey.n - 30)
    #expect(key.decrypt(publicKey.subtract(b, a, work: &work)) == 30)
  }

  /// Re-randomising changes the ciphertext but not the plaintext.
  @Test func rerandomizationKeepsThePlaintext() throws {
    let key = try PythonPaillierVectors.smallKey()
    let publicKey = key.publicKey
    var rng = Xoshiro256StarStar(seed: 5)
    var work = Work.zero
    let c = publicKey.encrypt(77, using: &rng, work: &work)
    let fresh = publicKey.rerandomize(c, using: &rng, work: &work)
    #expect(fresh != c)
    #expect(key.decrypt(fresh) == 77)
  }

  /// Encryption with a given nonce reports exactly the limb products of its three BigNum
  /// steps, recomputed here through BigNum's own counters: rⁿ mod n², m·n, and the product of
  /// (1 + m·n) with rⁿ reduced mod n².
  @Test func encryptionReportsTheLimbProductsOfItsSteps() throws {
    let publicKey = try PythonPaillierVectors.smallKey().publicKey
    let m: BigUInt = 123_456_789
    let r: BigUInt = 987_654_321
    var work = Work.zero
    _ = publicKey.encrypt(m, nonce: r, work: &work)
    let context = MontgomeryContext(modulus: publicKey.nSquared)
    var expected: Int64 = 0
    let rn = context.power(r, publicKey.n, limbProducts: &expected)
    let nude = m.multiplied(by: publicKey.n, limbProducts: &expected) + .one
    _ = context.multiply(nude, rn, limbProducts: &expected)
    #expect(work == Work(limbMultiplications: expected))
  }

  /// CRT decryption is cheaper than the textbook c^λ mod n² (exponent of |n| bits modulo n²),
  /// whose Montgomery steps alone cost more than 255 squarings of 8 limbs at
  /// `limbProductsPerSquaring` each.
  @Test func crtDecryptionCostsLessThanTheTextbookExponentiation() throws {
    let key = try PythonPaillierVectors.smallKey()
    var rng = Xoshiro256StarStar(seed: 6)
    let c = key.publicKey.encrypt(31_337, using: &rng)
    var work = Work.zero
    #expect(key.decrypt(c, work: &work) == 31_337)
    let squaring = MontgomeryContext(modulus: key.publicKey.nSquared).limbProductsPerSquaring
    #expect(work.limbMultiplications > 0)
    #expect(work.limbMultiplications < 254 * squaring)
  }
}
