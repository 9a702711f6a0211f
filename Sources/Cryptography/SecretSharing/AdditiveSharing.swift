/// n-of-n additive secret sharing: a secret vector s becomes n random-looking vectors whose
/// sum is s, so all n are needed and any n − 1 are uniformly distributed whatever s is.
///
/// Two rings are offered: the prime field GF(2¹²⁷ − 1) (`Mersenne127`, the field Shamir
/// sharing uses) and Z_{2³²} (`UInt32` with wrapping arithmetic), the ring of quantised
/// updates and of Bonawitz-style masks. The first n − 1 shares are drawn from the caller's
/// generator, the last is s minus their sum: reproducible, not secret.
///
/// **Work.** Sharing and combining are additions only, which `Work` does not count; the cost
/// that matters is drawing the random shares, which the caller's generator reports if it is
/// a `ChaCha20Generator` (`bytesCiphered`).
public enum AdditiveSharing {
  /// The most shares one split can make, as for Shamir shares.
  public static let maximumShareCount = Shamir.maximumShareCount

  /// `shareCount` vectors over GF(2¹²⁷ − 1) summing to `secret`; shares 0…n−2 are drawn from
  /// `generator` element by element (`Mersenne127.random`), share n − 1 is the difference.
  /// - Throws: `SecretSharingError.invalidShareCount` unless 1 ≤ shareCount ≤ 65,535.
  /// - Complexity: O(n·|secret|).
  public static func split(
    _ secret: [Mersenne127], shareCount: Int, using generator: inout some RandomNumberGenerator
  ) throws(SecretSharingError) -> [[Mersenne127]] {
    try validate(shareCount: shareCount)
    var last = secret
    var shares: [[Mersenne127]] = []
    shares.reserveCapacity(shareCount)
    for _ in 1..<shareCount {
      let share = secret.indices.map { _ in Mersenne127.random(using: &generator) }
      for position in secret.indices { last[position] -= share[position] }
      shares.append(share)
    }
    shares.append(last)
    return shares
  }

  /// The secret behind additive shares over GF(2¹²⁷ − 1): their element-wise sum.
  /// - Throws: `SecretSharingError.invalidShareCount` when no share is given,
  ///   `.inconsistentShareLengths` when the shares differ in length.
  /// - Complexity: O(n·|secret|).
  public static func combine(_ shares: [[Mersenne127]]) throws(SecretSharingError)
    -> [Mersenne127]
  {
    let length = try commonLength(shares.map(\.count))
    var sum = [Mersenne127](repeating: .zero, count: length)
    for share in shares {
      for position in 0..<length { sum[position] += share[position] }
    }
    return sum
  }

  /// `shareCount` vectors over Z_{2³²} summing to `secret` (wrapping); shares 0…n−2 are drawn
  /// from `generator`, two words per 64-bit draw (low half first).
  /// - Throws: `SecretSharingError.invalidShareCount` unless 1 ≤ shareCount ≤ 65,535.
  /// - Complexity: O(n·|secret|).
  public static func split(
    _ secret: [UInt32], shareCount: Int, using generator: inout some RandomNumberGenerator
  ) throws(SecretSharingError) -> [[UInt32]] {
    try validate(shareCount: shareCount)
    var last = secret
    var shares: [[UInt32]] = []
    shares.reserveCapacity(shareCount)
    for _ in 1..<shareCount {
      var share = [UInt32](repeating: 0, count: secret.count)
      var position = 0
      while position < secret.count {
        let word = generator.next()
        share[position] = UInt32(truncatingIfNeeded: word)
        if position + 1 < secret.count {
          share[position + 1] = UInt32(truncatingIfNeeded: word >> 32)
        }
        position += 2
      }
      for index in secret.indices { last[index] &-= share[index] }
      shares.append(share)
    }
    shares.append(last)
    return shares
  }

  /// The secret behind additive shares over Z_{2³²}: their element-wise wrapping sum.
  /// - Throws: as `combine(_:)` over the prime field.
  /// - Complexity: O(n·|secret|).
  public static func combine(_ shares: [[UInt32]]) throws(SecretSharingError) -> [UInt32] {
    let length = try commonLength(shares.map(\.count))
    var sum = [UInt32](repeating: 0, count: length)
    for share in shares {
      for position in 0..<length { sum[position] &+= share[position] }
    }
    return sum
  }

  private static func validate(shareCount: Int) throws(SecretSharingError) {
    guard (1...maximumShareCount).contains(shareCount) else {
      throw .invalidShareCount(shareCount: shareCount, maximum: maximumShareCount)
    }
  }

  /// The length every share has, or the error naming the first that differs.
  private static func commonLength(_ lengths: [Int]) throws(SecretSharingError) -> Int {
    guard let first = lengths.first else {
      throw .invalidShareCount(shareCount: 0, maximum: maximumShareCount)
    }
    if let position = lengths.firstIndex(where: { $0 != first }) {
      throw .inconsistentShareLengths(position: position, count: lengths[position], expected: first)
    }
    return first
  }
}
