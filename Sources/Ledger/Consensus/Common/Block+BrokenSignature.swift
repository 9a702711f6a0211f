import Cryptography

extension Block {
  /// This block with the lowest byte of its signature's S flipped: S changes by one (or becomes
  /// the non-canonical ℓ), so the signature never verifies, while the hash stays the same. What a
  /// validator with the `invalidBlocks` conduct sends.
  func withBrokenSignature() -> Block {
    var bytes = signature.rawRepresentation
    bytes[Ed25519.signatureByteCount / 2] ^= 1
    let broken: Ed25519.Signature
    do {
      broken = try Ed25519.Signature(rawRepresentation: bytes)
    } catch {
      preconditionFailure("Block: a 64-byte signature was refused: \(error)")
    }
    return Block(header: header, hash: hash, signature: broken, transactions: transactions)
  }
}
