import BigNum
import SimCore
import Testing

@testable import Cryptography

/// Key construction: validation of given primes, seeded generation, decimal interop, sizes.
struct PaillierKeyTests {
  /// The n255 vector's primes give python-paillier's n (copied from its output).
  @Test func fixedPrimesGivePythonPailliersModulus() throws {
    let vector = PythonPaillierVectors.n255
    let key = try Paillier.PrivateKey(decimalP: vector.p, decimalQ: vector.q)
    #expect(key.publicKey.decimalModulus == vector.n)
    #expect(key.decimalPrimes.p == vector.p && key.decimalPrimes.q == vector.q)
    #expect(key.publicKey.modulusBitCount == 255)
  }

  /// 9 = 3² and the Carmichael number 1729 = 7·13·19 fail trial division; the strong
  /// pseudoprime below fails Miller–Rabin.
  @Test func compositePrimesAreRejected() throws {
    #expect(throws: PaillierError.notPrime(field: "p", value: 9)) {
      try Paillier.PrivateKey(p: 9, q: 11)
    }
    #expect(throws: PaillierError.notPrime(field: "q", value: 1729)) {
      try Paillier.PrivateKey(p: 11, q: 1729)
    }
    // 3825123056546413051 = 149491·747451·34233211 is the least strong pseudoprime to all of
    // the bases 2, 3, …, 31 (OEIS A014233, terms 9 to 11), so only the twelfth base, 37,
    // rejects it.
    let pseudoprime: BigUInt = 3_825_123_056_546_413_051
    #expect(throws: PaillierError.notPrime(field: "p", value: pseudoprime)) {
      try Paillier.PrivateKey(p: pseudoprime, q: 11)
    }
  }

  /// p = q, and p = 3, q = 7 where 3 divides q − 1 = 6 so gcd(21, 2·6) = 3.
  @Test func degeneratePrimePairsAreRejected() throws {
    #expect(throws: PaillierError.equalPrimes) { try Paillier.PrivateKey(p: 11, q: 11) }
    #expect(throws: PaillierError.modulusNotCoprimeToTotient(p: 3, q: 7)) {
      try Paillier.PrivateKey(p: 3, q: 7)
    }
  }

  /// A seeded 256-bit key: n has exactly 256 bits (both primes have their top two bits set),
  /// n = p·q, and the same seed gives the same key while another seed does not.
  @Test func seededKeyGenerationIsReproducible() {
    var first = Xoshiro256StarStar(seed: 41)
    var second = Xoshiro256StarStar(seed: 41)
    var third = Xoshiro256StarStar(seed: 42)
    var work = Work.zero
    let a = Paillier.PrivateKey(bits: 256, using: &first, work: &work)
    let b = Paillier.PrivateKey(bits: 256, using: &second)
    let c = Paillier.PrivateKey(bits: 256, using: &third)
    #expect(a.publicKey.modulusBitCount == 256)
    #expect(a.p.bitLength == 128 && a.q.bitLength == 128)
    #expect(a.p * a.q == a.publicKey.n)
    #expect(a.publicKey == b.publicKey)
    #expect(a.publicKey != c.publicKey)
    #expect(work.limbMultiplications > 0)
  }

  /// Decimal parsing rejects non-digits and even or tiny moduli.
  @Test func decimalInputIsValidated() throws {
    #expect(throws: PaillierError.invalidDecimal(field: "modulus n", text: "12a4")) {
      try Paillier.PublicKey(decimalModulus: "12a4")
    }
    #expect(throws: PaillierError.invalidModulus(1000)) {
      try Paillier.PublicKey(decimalModulus: "1000")
    }
    #expect(throws: PaillierError.invalidModulus(9)) {
      try Paillier.PublicKey(decimalModulus: "9")
    }
    let key = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n255.n)
    #expect(key.n.description == PythonPaillierVectors.n255.n)
  }

  /// A 255-bit n encodes in ⌈255/8⌉ = 32 bytes and its ciphertexts in ⌈510/8⌉ = 64 bytes; a
  /// 2048-bit n in 256 and 512.
  @Test func encodedSizesFollowTheModulusLength() throws {
    let small = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n255.n)
    #expect(small.encodedByteCount == 32 && small.encode().count == 32)
    #expect(small.ciphertextByteCount == 64)
    let large = try Paillier.PublicKey(decimalModulus: PythonPaillierVectors.n2048.n)
    #expect(large.modulusBitCount == 2048)
    #expect(large.encodedByteCount == 256 && large.ciphertextByteCount == 512)
  }

  /// Error descriptions name the problem and abbreviate long numbers.
  @Test func errorDescriptionsAbbreviateLongNumbers() throws {
    let n = try #require(BigUInt(PythonPaillierVectors.n2048.n))
    let text = PaillierError.invalidModulus(n).description
    #expect(text.contains("…") && text.contains("(617 digits)"))
    #expect(PaillierError.equalPrimes.description.contains("distinct"))
  }
}
