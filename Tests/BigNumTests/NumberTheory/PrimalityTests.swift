import BigNum
import SimCore
import Testing

struct PrimalityTests {
  /// The RFC 3526 §3 2048-bit MODP group prime, 2²⁰⁴⁸ − 2¹⁹⁸⁴ − 1 + 2⁶⁴·(⌊2¹⁹¹⁸·π⌋ + 124476).
  static let modp2048 = BigUInt(
    hex: "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
      + "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
      + "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
      + "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
      + "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
      + "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
      + "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
      + "3995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF")!

  @Test func smallNumbersMatchTrialDivision() {
    var generator = Xoshiro256StarStar(seed: 1)
    var primeCount = 0
    for n in UInt64(0)..<3000 {
      var isPrime = n >= 2
      var d: UInt64 = 2
      while d * d <= n && isPrime {
        if n % d == 0 { isPrime = false }
        d += 1
      }
      if isPrime && n < 1000 { primeCount += 1 }
      #expect(BigUInt(n).isProbablePrime(rounds: 8, using: &generator) == isPrime, "n = \(n)")
    }
    #expect(primeCount == 168)  // π(1000) = 168
  }

  @Test func mersenne127IsPrime() {
    var generator = Xoshiro256StarStar(seed: 2)
    #expect(((BigUInt.one << 127) - .one).isProbablePrime(rounds: 20, using: &generator))
  }

  @Test func carmichaelNumbersAreComposite() {
    // Carmichael numbers fool every Fermat base coprime to them (OEIS A002997): 561 = 3·11·17,
    // 41041 = 7·11·13·41, 825265 = 5·7·17·19·73, and 321197185 = 5·19·23·29·37·137.
    var generator = Xoshiro256StarStar(seed: 3)
    for n: UInt64 in [561, 41041, 825_265, 321_197_185] {
      #expect(!BigUInt(n).isProbablePrime(rounds: 20, using: &generator), "n = \(n)")
    }
  }

  @Test func strongPseudoprimeToBaseTwoIsCaughtByBaseThree() {
    // 2047 = 23·89 is the least strong pseudoprime to base 2 (OEIS A001262).
    #expect(BigUInt(2047).isStrongProbablePrime(base: BigUInt(2)))
    #expect(!BigUInt(2047).isStrongProbablePrime(base: BigUInt(3)))
  }

  @Test func fermatNumberSevenIsComposite() {
    // F7 = 2¹²⁸ + 1 = 59649589127497217 · 5704689200685129054721 (Morrison and Brillhart, Math. Comp. 29, 1975).
    let f7 = (BigUInt.one << 128) + .one
    #expect(BigUInt(59_649_589_127_497_217) * BigUInt("5704689200685129054721")! == f7)
    var generator = Xoshiro256StarStar(seed: 4)
    #expect(!f7.isProbablePrime(rounds: 20, using: &generator))
  }

  @Test func rfc3526Modp2048PrimePasses() {
    var generator = Xoshiro256StarStar(seed: 5)
    let p = Self.modp2048
    #expect(p.bitLength == 2048)
    #expect(p.isProbablePrime(rounds: 2, using: &generator))
    // The MODP primes are safe primes: (p − 1)/2 is prime too.
    #expect((p >> 1).isProbablePrime(rounds: 1, using: &generator))
    #expect(!(p * ((BigUInt.one << 61) - .one)).isProbablePrime(rounds: 1, using: &generator))
  }

  @Test(arguments: [2, 3, 4, 8, 63, 64, 65, 128, 256])
  func randomPrimeHasRequestedWidth(bits: Int) {
    var generator = Xoshiro256StarStar(seed: UInt64(bits))
    var replay = Xoshiro256StarStar(seed: UInt64(bits))
    let prime = BigUInt.randomPrime(bits: bits, using: &generator)
    #expect(prime.bitLength == bits)
    #expect(prime.isBitSet(bits - 2), "the two top bits are set")
    var checker = Xoshiro256StarStar(seed: 6)
    #expect(prime.isProbablePrime(rounds: 20, using: &checker))
    #expect(BigUInt.randomPrime(bits: bits, using: &replay) == prime, "same seed, same prime")
  }

  @Test func tinyPrimeWidthsHaveOneAnswer() {
    // Top two bits and the low bit set: 2 bits → 3, 3 bits → 7, 4 bits → 13 (0b1101; 15 is 3·5).
    var generator = Xoshiro256StarStar(seed: 7)
    #expect(BigUInt.randomPrime(bits: 2, using: &generator) == BigUInt(3))
    #expect(BigUInt.randomPrime(bits: 3, using: &generator) == BigUInt(7))
    #expect(BigUInt.randomPrime(bits: 4, using: &generator) == BigUInt(13))
  }

  @Test func differentSeedsGiveDifferentPrimes() {
    var first = Xoshiro256StarStar(seed: 10)
    var second = Xoshiro256StarStar(seed: 11)
    #expect(
      BigUInt.randomPrime(bits: 128, using: &first)
        != BigUInt.randomPrime(bits: 128, using: &second))
  }

  @Test func fixedBaseTestDecidesSmallAndStopsAtItsPublishedLimit() {
    // Below 2³² by trial division: 0, 1 and even numbers are not prime; 2, 3 and 65,521 (the
    // largest prime below 2¹⁶) are; 561 = 3·11·17 (a Carmichael number) is not.
    var products: Int64 = 0
    #expect(!BigUInt(0).isPrimeToFixedBases(limbProducts: &products))
    #expect(!BigUInt(1).isPrimeToFixedBases(limbProducts: &products))
    #expect(BigUInt(2).isPrimeToFixedBases(limbProducts: &products))
    #expect(BigUInt(3).isPrimeToFixedBases(limbProducts: &products))
    #expect(BigUInt(65_521).isPrimeToFixedBases(limbProducts: &products))
    #expect(!BigUInt(561).isPrimeToFixedBases(limbProducts: &products))
    #expect(products == 0)
    // Above: 2⁶¹ − 1 is a Mersenne prime (Pervushin, 1883), and its product with 2³¹ − 1 is not.
    let m61 = (BigUInt.one << 61) - .one
    #expect(m61.isPrimeToFixedBases(limbProducts: &products))
    #expect(products > 0)
    #expect(!(m61 * ((BigUInt.one << 31) - .one)).isPrimeToFixedBases(limbProducts: &products))
    // ψ₁₂ = 318665857834031151167461, the least strong pseudoprime to the first twelve prime
    // bases (OEIS A014233; Sorenson and Webster, Math. Comp. 86, 2017): the fixed-base test
    // accepts it, as its documentation says, while random bases reject it.
    let psi12 = BigUInt("318665857834031151167461")!
    #expect(psi12.isPrimeToFixedBases(limbProducts: &products))
    var generator = Xoshiro256StarStar(seed: 5)
    #expect(!psi12.isProbablePrime(rounds: 20, using: &generator))
  }
}
