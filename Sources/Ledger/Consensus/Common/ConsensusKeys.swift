import Cryptography
import SimCore

/// The signing keys of a run's consensus nodes: node i's key comes from
/// `streams.make(.consensusKeys, index: i)`, so keys are reproducible (not secret) and adding a
/// node never changes another node's key.
public enum ConsensusKeys {
  /// Keys for nodes 0..<`count`; adds the key-generation work to `work`.
  /// - Complexity: O(count) scalar multiplications.
  public static func make(count: Int, streams: RandomStreams, work: inout Work)
    -> [Ed25519.PrivateKey]
  {
    (0..<count).map { index in
      var generator = streams.make(.consensusKeys, index: index)
      return Ed25519.PrivateKey(using: &generator, work: &work)
    }
  }
}
