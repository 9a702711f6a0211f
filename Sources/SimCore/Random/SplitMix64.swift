/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a tiny generator used to expand one 64-bit
/// seed into the state of other generators. Reproducible, not cryptographically secure.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  public var state: UInt64

  /// A generator whose first output derives from `seed`.
  @inlinable public init(seed: UInt64) { self.state = seed }

  /// The next 64 pseudo-random bits.
  @inlinable public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 output function: a bijective avalanche of `z`.
  @inlinable public static func mix(_ z: UInt64) -> UInt64 {
    var z = z
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
