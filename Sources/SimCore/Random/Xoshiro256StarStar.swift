/// xoshiro256** 1.0 (Blackman and Vigna, 2018): the generator behind every random stream of a run.
///
/// Reproducible, fast and statistically strong; not cryptographically secure. Seeded through
/// SplitMix64 as its authors recommend, so no seed yields the all-zero state.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// A generator whose state is four outputs of SplitMix64 started at `seed`.
  public init(seed: UInt64) {
    var seeder = SplitMix64(seed: seed)
    s0 = seeder.next()
    s1 = seeder.next()
    s2 = seeder.next()
    s3 = seeder.next()
  }

  /// A generator with the given raw state, which must not be all zero (reference test vectors).
  public init(state: (UInt64, UInt64, UInt64, UInt64)) {
    precondition(state != (0, 0, 0, 0), "xoshiro256** state must not be all zero")
    (s0, s1, s2, s3) = state
  }

  /// The raw state: with `init(state:)`, a generator can be saved and resumed exactly (a memo of
  /// a client's training keeps its shuffler's state after the training).
  public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

  /// The next 64 pseudo-random bits.
  @inlinable public mutating func next() -> UInt64 {
    let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3.rotatedLeft(by: 45)
    return result
  }
}

extension UInt64 {
  @inlinable func rotatedLeft(by k: UInt64) -> UInt64 { (self << k) | (self >> (64 - k)) }
}
