/// The source of every random number in a run: one independent generator per purpose and index.
///
/// `streams.make(.linkLoss, index: link.index)` always returns the same generator for the same
/// `(seed, run, purpose, index)`, whatever else the run has drawn, so adding a consumer of
/// randomness never shifts another consumer's numbers (the ns-3 stream discipline).
public struct RandomStreams: Sendable {
  /// The scenario's seed.
  public let seed: UInt64
  /// The replication index: run 0, 1, 2… of the same scenario and seed.
  public let run: UInt64

  /// Streams for replication `run` of `seed`.
  public init(seed: UInt64, run: UInt64 = 0) {
    self.seed = seed
    self.run = run
  }

  /// The generator for `purpose` and `index`, freshly positioned at its first draw.
  public func make(_ purpose: StreamPurpose, index: Int = 0) -> Xoshiro256StarStar {
    // Each component passes through the SplitMix64 finaliser before the next is folded in, so
    // nearby seeds, runs or indices give unrelated states.
    var key = SplitMix64.mix(seed ^ 0x5EED_5EED_5EED_5EED)
    key = SplitMix64.mix((key ^ run) &+ 0x9E37_79B9_7F4A_7C15)
    key = SplitMix64.mix(key ^ purpose.tag)
    key = SplitMix64.mix((key ^ UInt64(bitPattern: Int64(index))) &+ 0xD1B5_4A32_D192_ED03)
    return Xoshiro256StarStar(seed: key)
  }
}

/// What a random stream is for. Purposes are named by strings and identified by a 64-bit hash of
/// the name, so any target can declare its own without editing a central list.
public struct StreamPurpose: Hashable, Sendable, CustomStringConvertible {
  /// The purpose's name, e.g. `clientSampling`.
  public let name: String
  /// FNV-1a 64 of the name's UTF-8 bytes: stable across processes and platforms.
  public let tag: UInt64

  /// The purpose called `name`.
  public init(_ name: String) {
    self.name = name
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in name.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    self.tag = hash
  }

  public var description: String { name }
}

extension StreamPurpose {
  /// The server's choice of clients each round.
  public static let clientSampling = StreamPurpose("clientSampling")
  /// Message loss on a link.
  public static let linkLoss = StreamPurpose("linkLoss")
  /// Positions of nodes in generated topologies.
  public static let topologyGeneration = StreamPurpose("topologyGeneration")
  /// Model parameter initialisation.
  public static let modelInitialisation = StreamPurpose("modelInitialisation")
  /// Mini-batch order in local training.
  public static let dataShuffling = StreamPurpose("dataShuffling")
  /// Assignment of samples to clients.
  public static let dataPartitioning = StreamPurpose("dataPartitioning")
  /// Synthetic data generation.
  public static let syntheticData = StreamPurpose("syntheticData")
  /// Differential-privacy noise.
  public static let privacyNoise = StreamPurpose("privacyNoise")
  /// Cryptographic keys, nonces and masks: reproducible, not secret.
  public static let cryptographicKeys = StreamPurpose("cryptographicKeys")
}
