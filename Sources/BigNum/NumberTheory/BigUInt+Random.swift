// Uniform random BigUInt values drawn from a caller's generator.
//
// Only whole 64-bit words are taken from `next()`, and bounds are met by masking and rejection,
// never by the standard library's `random(in:)`, so a seed yields the same values on every
// toolchain.

extension BigUInt {
  /// A uniform value in `0..<2^bits`, from ⌈bits/64⌉ words of `generator` (the last one masked).
  /// - Precondition: `bits >= 0`.
  /// - Complexity: O(bits/64).
  public static func random(bits: Int, using generator: inout some RandomNumberGenerator)
    -> BigUInt
  {
    precondition(bits >= 0, "BigUInt.random(bits:) needs a non-negative width, got \(bits)")
    let count = (bits + 63) / 64
    if count == 0 { return .zero }
    var limbs = [UInt64](repeating: 0, count: count)
    for index in 0..<count { limbs[index] = generator.next() }
    let topBits = bits - 64 * (count - 1)
    if topBits < 64 { limbs[count - 1] &= (1 << UInt64(topBits)) - 1 }
    return BigUInt(limbs: limbs)
  }

  /// A uniform value in `0..<bound`: draws of `bound.bitLength` bits, rejecting those at or above
  /// `bound` (fewer than two draws expected).
  /// - Precondition: `bound > 0`.
  /// - Complexity: O(limbs) expected.
  public static func random(below bound: BigUInt, using generator: inout some RandomNumberGenerator)
    -> BigUInt
  {
    precondition(!bound.isZero, "BigUInt.random(below:) needs a positive bound, got 0")
    let bits = bound.bitLength
    while true {
      let candidate = random(bits: bits, using: &generator)
      if candidate < bound { return candidate }
    }
  }

  /// A uniform value in `range`, e.g. a Paillier nonce in `1..<n`.
  /// - Precondition: `range` is not empty.
  /// - Complexity: O(limbs) expected.
  public static func random(
    in range: Range<BigUInt>, using generator: inout some RandomNumberGenerator
  )
    -> BigUInt
  {
    precondition(
      !range.isEmpty,
      "BigUInt.random(in:) needs a non-empty range, got \(range.lowerBound)..<\(range.upperBound)")
    return range.lowerBound
      + random(below: range.upperBound - range.lowerBound, using: &generator)
  }
}
