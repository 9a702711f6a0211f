import SimCore
import Testing

@testable import Cryptography

/// n-of-n additive sharing over GF(2¹²⁷ − 1) and Z_{2³²}.
struct AdditiveSharingTests {
  @Test func primeFieldSharesSumToTheSecret() throws {
    var rng = Xoshiro256StarStar(seed: 81)
    let secret = [Mersenne127(1), Mersenne127(0), Mersenne127(reducing: UInt128.max)]
    let shares = try AdditiveSharing.split(secret, shareCount: 5, using: &rng)
    #expect(shares.count == 5)
    #expect(try AdditiveSharing.combine(shares) == secret)
    // Four of the five shares sum to something else (the fifth is not zero here).
    #expect(try AdditiveSharing.combine(Array(shares.dropLast())) != secret)
    #expect(try AdditiveSharing.split(secret, shareCount: 1, using: &rng) == [secret])
  }

  /// Sums wrap modulo 2³²: 0xFFFF_FFFF + 2 = 1.
  @Test func ringSharesWrapModuloTwoToThe32() throws {
    #expect(try AdditiveSharing.combine([[UInt32.max], [2]]) == [1])
    var rng = Xoshiro256StarStar(seed: 82)
    let secret: [UInt32] = [0, 1, 0xDEAD_BEEF, UInt32.max, 42]
    let shares = try AdditiveSharing.split(secret, shareCount: 3, using: &rng)
    #expect(try AdditiveSharing.combine(shares) == secret)
    #expect(shares[0] != secret)
  }

  @Test func malformedInputsAreErrors() throws {
    var rng = Xoshiro256StarStar(seed: 83)
    #expect(throws: SecretSharingError.invalidShareCount(shareCount: 0, maximum: 65_535)) {
      try AdditiveSharing.split([UInt32(1)], shareCount: 0, using: &rng)
    }
    #expect(throws: SecretSharingError.inconsistentShareLengths(position: 1, count: 1, expected: 2))
    {
      try AdditiveSharing.combine([[UInt32(1), 2], [3]])
    }
    #expect(throws: SecretSharingError.invalidShareCount(shareCount: 0, maximum: 65_535)) {
      try AdditiveSharing.combine([[UInt32]]())
    }
  }
}
