extension ProofOfAuthorityEngine {
  // MARK: - Signer limit (EIP-225)

  /// Clique's signer limit for `signerCount` signers: a signer seals at most one of any ⌊n/2⌋ + 1
  /// consecutive blocks, so the chain goes on only while that many signers can seal in turn.
  public static func signerLimit(signerCount: Int) -> Int { signerCount / 2 + 1 }

  /// How many of the latest blocks bar their signers from sealing the next one: ⌊n/2⌋.
  var signerLimitWindow: Int { Self.signerLimit(signerCount: keys.count) - 1 }

  /// True when `signer` sealed one of the last `signerLimitWindow` blocks of the chain ending at
  /// `parent` (`parent` included; the genesis block, unsigned in Clique, never counts), so it
  /// may not seal a block on `parent`.
  /// - Precondition: `parent` is attached in `chain` (so are its ancestors).
  /// - Complexity: O(⌊n/2⌋) lookups.
  func isBarred(_ signer: Int, above parent: Block, in chain: ChainStore) -> Bool {
    var block = parent
    for _ in 0..<signerLimitWindow {
      guard block.height > 0 else { return false }
      if block.header.proposer.index == signer { return true }
      guard let next = chain.block(block.parentHash) else {
        preconditionFailure(
          "ProofOfAuthority: \(block.hash) at height \(block.height) has no attached parent")
      }
      block = next
    }
    return false
  }
}
