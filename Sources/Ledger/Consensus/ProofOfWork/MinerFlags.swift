/// One flag per miner, held by reference so that closures made before their engine is
/// initialised (`ProofOfWorkEngine`'s loss actions) can set them.
final class MinerFlags {
  /// `values[m]`: miner m's flag.
  var values: [Bool]

  /// `count` flags, all clear.
  init(count: Int) { values = Array(repeating: false, count: count) }
}
