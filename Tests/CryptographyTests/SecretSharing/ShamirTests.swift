import SimCore
import Testing

@testable import Cryptography

/// Shamir sharing over GF(2¹²⁷ − 1): a known polynomial, every t-subset, and the error cases.
struct ShamirTests {
  /// The worked example of the Wikipedia article "Shamir's secret sharing": secret 1234,
  /// f(x) = 1234 + 166x + 94x², shares (1, 1494), (2, 1942), (3, 2578), (4, 3402), (5, 4414),
  /// (6, 5614) — small enough that no reduction mod p happens. Check one by hand:
  /// f(2) = 1234 + 332 + 376 = 1942.
  @Test func sharesOfAKnownPolynomialMatchTheWorkedExample() throws {
    var work = Work.zero
    let shares = Shamir.evaluate(
      [[1234, 166, 94].map { Mersenne127($0) }], at: Array(1...6), work: &work)
    #expect(
      shares.map { $0.values[0] } == [1494, 1942, 2578, 3402, 4414, 5614].map { Mersenne127($0) })
    #expect(shares.map(\.index) == Array(1...6))
    // Horner's rule: 2 multiplications per share, 4 limb products each: 6 · 2 · 4 = 48.
    #expect(work == Work(limbMultiplications: 48))
    let secret = try Shamir.reconstruct(
      [shares[1], shares[3], shares[4]], threshold: 3, work: &work)
    #expect(secret == [Mersenne127(1234)])
  }

  /// Every 3-subset of 6 shares (20 of them), in every order given, reconstructs the secret.
  @Test func everyThresholdSubsetReconstructs() throws {
    var rng = Xoshiro256StarStar(seed: 61)
    var work = Work.zero
    let secret = (0..<4).map { _ in Mersenne127.random(using: &rng) }
    let shares = try Shamir.split(secret, threshold: 3, shareCount: 6, using: &rng, work: &work)
    var subsets = 0
    for a in 0..<6 {
      for b in (a + 1)..<6 {
        for c in (b + 1)..<6 {
          let chosen = [shares[c], shares[a], shares[b]]
          #expect(try Shamir.reconstruct(chosen, threshold: 3, work: &work) == secret)
          subsets += 1
        }
      }
    }
    #expect(subsets == 20)
  }

  /// Two shares of a 3-of-5 split are not enough; a repeated index is not a second share.
  @Test func belowThresholdAndDuplicatesAreErrors() throws {
    var rng = Xoshiro256StarStar(seed: 62)
    var work = Work.zero
    let shares = try Shamir.split(
      [Mersenne127(7)], threshold: 3, shareCount: 5, using: &rng, work: &work)
    #expect(throws: SecretSharingError.tooFewShares(given: 2, threshold: 3)) {
      try Shamir.reconstruct(Array(shares[0..<2]), threshold: 3, work: &work)
    }
    #expect(throws: SecretSharingError.duplicateShareIndex(2)) {
      try Shamir.reconstruct([shares[1], shares[0], shares[1]], threshold: 3, work: &work)
    }
    #expect(throws: SecretSharingError.invalidThreshold(threshold: 6, shareCount: 5)) {
      try Shamir.split([Mersenne127(7)], threshold: 6, shareCount: 5, using: &rng, work: &work)
    }
    #expect(throws: SecretSharingError.invalidShareCount(shareCount: 0, maximum: 65_535)) {
      try Shamir.split([Mersenne127(7)], threshold: 1, shareCount: 0, using: &rng, work: &work)
    }
    #expect(throws: SecretSharingError.invalidShareIndex(index: 0, maximum: 65_535)) {
      try Shamir.Share(index: 0, values: [])
    }
  }

  /// Reconstruction work for t = 3 and one element, counted by hand: Lagrange numerators and
  /// denominators 2·3·2 = 12, batch inversion 4·3 − 3 = 9 plus the inversion's 251, and 3
  /// products for the combination: 275 multiplications × 4 = 1,100 limb products.
  @Test func reconstructionWorkIsCountedByHand() throws {
    var work = Work.zero
    let shares = Shamir.evaluate(
      [[Mersenne127(5), Mersenne127(6), Mersenne127(7)]], at: [1, 2, 3], work: &work)
    var reconstruction = Work.zero
    _ = try Shamir.reconstruct(shares, threshold: 3, work: &reconstruction)
    #expect(reconstruction == Work(limbMultiplications: 1_100))
  }

  /// Byte secrets of 32, 15, 1 and 0 bytes round-trip through 3-of-4 splits; a 32-byte secret
  /// is ⌈32/15⌉ = 3 elements, so each share encodes in 2 + 3·16 = 50 bytes.
  @Test(arguments: [32, 15, 1, 0])
  func byteSecretsRoundTrip(byteCount: Int) throws {
    var rng = Xoshiro256StarStar(seed: UInt64(63 + byteCount))
    var work = Work.zero
    let secret = (0..<byteCount).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 255) }
    let shares = try Shamir.split(
      bytes: secret, threshold: 3, shareCount: 4, using: &rng, work: &work)
    #expect(shares[0].values.count == Shamir.elementCount(forByteCount: byteCount))
    let back = try Shamir.reconstructBytes(
      Array(shares[1...3]), threshold: 3, byteCount: byteCount, work: &work)
    #expect(back == secret)
    if byteCount == 32 {
      #expect(shares[0].encodedByteCount == 50 && shares[0].encode().count == 50)
      #expect(try Shamir.Share(decoding: shares[2].encode(), valueCount: 3) == shares[2])
    }
  }

  /// Shares of a 16-byte secret read as a 15-byte one leave a chunk too wide: an error.
  @Test func wrongByteLengthIsDetected() throws {
    var rng = Xoshiro256StarStar(seed: 64)
    var work = Work.zero
    let secret = [UInt8](repeating: 0xff, count: 30)
    let shares = try Shamir.split(
      bytes: secret, threshold: 2, shareCount: 3, using: &rng, work: &work)
    #expect(throws: SecretSharingError.chunkOutOfRange(chunk: 1)) {
      try Shamir.reconstructBytes(shares, threshold: 2, byteCount: 29, work: &work)
    }
  }
}
