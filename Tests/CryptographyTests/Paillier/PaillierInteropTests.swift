import BigNum
import SimCore
import Testing

@testable import Cryptography

/// Known answers from python-paillier (see `PythonPaillierVectors`): our encryption with a
/// given nonce returns python-paillier's integer, our CRT decryption recovers its plaintexts,
/// and sums and scalar products it computed decrypt to the right values.
struct PaillierInteropTests {
  private static func check(_ vector: PythonPaillierVector) throws {
    let key = try Paillier.PrivateKey(decimalP: vector.p, decimalQ: vector.q)
    let publicKey = try Paillier.PublicKey(decimalModulus: vector.n)
    #expect(publicKey == key.publicKey)
    var ciphertexts: [Paillier.Ciphertext] = []
    for (m, r, c) in vector.encryptions {
      let plaintext = try #require(BigUInt(m))
      let ours = publicKey.encrypt(plaintext, nonce: try #require(BigUInt(r)))
      #expect(ours.decimal == c, "raw_encrypt(\(m), r_value=\(r))")
      let theirs = try Paillier.Ciphertext(decimal: c, for: publicKey)
      #expect(key.decrypt(theirs) == plaintext)
      ciphertexts.append(theirs)
    }
    let sum = try Paillier.Ciphertext(decimal: vector.sumOfFirstTwo, for: publicKey)
    #expect(publicKey.add(ciphertexts[0], ciphertexts[1]) == sum)
    #expect(key.decrypt(sum).description == vector.sumPlaintext)
    let product = try Paillier.Ciphertext(decimal: vector.firstTimes12345, for: publicKey)
    #expect(publicKey.multiply(ciphertexts[0], by: 12345) == product)
    #expect(key.decrypt(product).description == vector.productPlaintext)
  }

  /// 255-bit n: three encryptions, the sum 42 + 1,000,000,007 = 1,000,000,049 and
  /// 42·12345 = 518,490.
  @Test func smallKeyMatchesPythonPaillier() throws {
    try Self.check(PythonPaillierVectors.n255)
  }

  /// The third n255 plaintext is n − 5, python-paillier's −5: adding it to 42 gives 37.
  @Test func negativePlaintextFromPythonAddsAsNegative() throws {
    let vector = PythonPaillierVectors.n255
    let key = try Paillier.PrivateKey(decimalP: vector.p, decimalQ: vector.q)
    let fortyTwo = try Paillier.Ciphertext(decimal: vector.encryptions[0].c, for: key.publicKey)
    let minusFive = try Paillier.Ciphertext(decimal: vector.encryptions[2].c, for: key.publicKey)
    #expect(key.decrypt(key.publicKey.add(fortyTwo, minusFive)) == 37)
  }

  /// The same checks at the benchmark size, 2048-bit n (about 1 s in a debug build).
  @Test func productionSizeKeyMatchesPythonPaillier() throws {
    try Self.check(PythonPaillierVectors.n2048)
  }

  /// Ciphertext text and bytes round-trip; out-of-range values and wrong lengths are errors.
  @Test func ciphertextEncodingsRoundTrip() throws {
    let vector = PythonPaillierVectors.n255
    let key = try Paillier.PublicKey(decimalModulus: vector.n)
    let c = try Paillier.Ciphertext(decimal: vector.encryptions[0].c, for: key)
    let bytes = c.encode(for: key)
    #expect(bytes.count == key.ciphertextByteCount)
    #expect(try Paillier.Ciphertext(decoding: bytes, for: key) == c)
    #expect(
      throws: PaillierError.wrongByteCount(
        field: "Paillier ciphertext", byteCount: 63, expected: 64)
    ) {
      try Paillier.Ciphertext(decoding: Array(bytes.dropFirst()), for: key)
    }
    // n² itself is the smallest value that is not below n².
    let nSquared = key.nSquared
    #expect(
      throws: PaillierError.ciphertextOutOfRange(
        bitCount: nSquared.bitLength, modulusSquaredBitCount: nSquared.bitLength)
    ) {
      try Paillier.Ciphertext(decimal: nSquared.description, for: key)
    }
  }
}
