import SimCore

// The building blocks the rounds share: key agreement, mask expansion, and the authenticated
// encryption of shares.

extension SecureAggregation {
  /// The byte length of every shared secret: X25519 keys and self-mask seeds.
  static let secretByteCount = 32

  /// Domain-separation prefixes for the three uses of an X25519 agreement.
  private static let maskLabel = Array("FedChainSim SecAgg mask".utf8)
  private static let encryptionLabel = Array("FedChainSim SecAgg share encryption".utf8)
  private static let authenticationLabel = Array("FedChainSim SecAgg share MAC".utf8)

  /// SHA-256(label ‖ X25519(privateKey, peerKey)): one curve multiplication and one hash,
  /// both added to `work`.
  /// - Throws: `SecureAggregationError.lowOrderPublicKey` naming `peer` when the agreement is
  ///   all zeros.
  static func agreedKey(
    _ privateKey: X25519.PrivateKey, _ peerKey: X25519.PublicKey, peer: Int, label: [UInt8],
    work: inout Work
  ) throws(SecureAggregationError) -> [UInt8] {
    let secret: [UInt8]
    do {
      secret = try privateKey.sharedSecret(with: peerKey, work: &work)
    } catch {
      throw .lowOrderPublicKey(client: peer)
    }
    return SHA256.hash(label + secret, work: &work)
  }

  /// s_{u,v}: the seed of the pairwise mask between u (holding `privateKey`) and `peer`.
  static func pairwiseSeed(
    _ privateKey: X25519.PrivateKey, _ peerKey: X25519.PublicKey, peer: Int, work: inout Work
  ) throws(SecureAggregationError) -> [UInt8] {
    try agreedKey(privateKey, peerKey, peer: peer, label: maskLabel, work: &work)
  }

  /// PRG(seed): the first `count` words of the ChaCha20 keystream under the 32-byte `seed`
  /// (`ChaCha20Generator`, stream 0); adds the keystream computed to `work`.
  static func expandMask(seed: [UInt8], count: Int, work: inout Work) -> [UInt32] {
    precondition(seed.count == secretByteCount, "SecureAggregation: mask seed is not 32 bytes")
    var generator: ChaCha20Generator
    do {
      generator = try ChaCha20Generator(seed: seed)
    } catch {
      preconditionFailure("SecureAggregation: a 32-byte seed was rejected: \(error)")
    }
    var words = [UInt32](repeating: 0, count: count)
    generator.fill(&words)
    work += generator.work
    return words
  }

  /// `target` += `sign`·`mask` over Z_{2³²}, element by element.
  static func accumulate(_ mask: [UInt32], into target: inout [UInt32], adding: Bool) {
    if adding {
      for index in target.indices { target[index] &+= mask[index] }
    } else {
      for index in target.indices { target[index] &-= mask[index] }
    }
  }

  // MARK: - Share encryption

  /// The shares `sender` sends `recipient`, encrypted: ChaCha20 under SHA-256(label ‖
  /// KA(c_sender, c_recipient)) with the nonce (sender, recipient), then an HMAC-SHA-256 tag
  /// under a second derived key over nonce ‖ ciphertext (encrypt-then-MAC). One curve
  /// multiplication, the hashes, the keystream and the MAC are added to `work`.
  static func sealShares(
    keyShare: Shamir.Share, seedShare: Shamir.Share, sender: Int, recipient: Int,
    cipherKey: X25519.PrivateKey, recipientKey: X25519.PublicKey, work: inout Work
  ) throws(SecureAggregationError) -> EncryptedShares {
    let (key, macKey, nonce) = try shareKeys(
      cipherKey, recipientKey, peer: recipient, sender: sender, recipient: recipient,
      work: &work)
    let plaintext =
      bigEndian32(sender) + bigEndian32(recipient) + keyShare.encode() + seedShare.encode()
    let body = ChaCha20.encrypt(plaintext, key: key, nonce: nonce, initialCounter: 0, work: &work)
    let tag = HMAC<SHA256>.authenticationCode(
      for: nonce.rawRepresentation + body, key: macKey, work: &work)
    return EncryptedShares(sender: sender, recipient: recipient, ciphertext: body + tag)
  }

  /// The (key share, seed share) inside `message`, after checking its tag and its sender and
  /// recipient fields. Adds the work to `work`.
  /// - Throws: `SecureAggregationError.shareDecryptionFailed` on a bad tag, length or field.
  static func openShares(
    _ message: EncryptedShares, cipherKey: X25519.PrivateKey, senderKey: X25519.PublicKey,
    work: inout Work
  ) throws(SecureAggregationError) -> (keyShare: Shamir.Share, seedShare: Shamir.Share) {
    let failure = SecureAggregationError.shareDecryptionFailed(
      sender: message.sender, recipient: message.recipient)
    guard message.ciphertext.count == EncryptedShares.ciphertextByteCount else { throw failure }
    let (key, macKey, nonce) = try shareKeys(
      cipherKey, senderKey, peer: message.sender, sender: message.sender,
      recipient: message.recipient, work: &work)
    let body = Array(message.ciphertext.prefix(EncryptedShares.plaintextByteCount))
    let tag = Array(message.ciphertext.suffix(32))
    let expected = HMAC<SHA256>.authenticationCode(
      for: nonce.rawRepresentation + body, key: macKey, work: &work)
    var difference: UInt8 = 0
    for index in 0..<32 { difference |= tag[index] ^ expected[index] }
    guard difference == 0 else { throw failure }
    let plaintext = ChaCha20.decrypt(
      body, key: key, nonce: nonce, initialCounter: 0, work: &work)
    guard
      plaintext.prefix(8).elementsEqual(
        bigEndian32(message.sender) + bigEndian32(message.recipient))
    else { throw failure }
    let shareBytes = Shamir.Share.encodedByteCount(valueCount: 3)
    do {
      let keyShare = try Shamir.Share(
        decoding: Array(plaintext[8..<(8 + shareBytes)]), valueCount: 3)
      let seedShare = try Shamir.Share(
        decoding: Array(plaintext[(8 + shareBytes)...]), valueCount: 3)
      return (keyShare, seedShare)
    } catch {
      throw failure
    }
  }

  /// The encryption key, MAC key and nonce for shares from `sender` to `recipient`.
  private static func shareKeys(
    _ privateKey: X25519.PrivateKey, _ peerKey: X25519.PublicKey, peer: Int, sender: Int,
    recipient: Int, work: inout Work
  ) throws(SecureAggregationError) -> (ChaCha20.Key, [UInt8], ChaCha20.Nonce) {
    let secret: [UInt8]
    do {
      secret = try privateKey.sharedSecret(with: peerKey, work: &work)
    } catch {
      throw .lowOrderPublicKey(client: peer)
    }
    let encryptionKey = SHA256.hash(encryptionLabel + secret, work: &work)
    let macKey = SHA256.hash(authenticationLabel + secret, work: &work)
    let key: ChaCha20.Key
    do {
      key = try ChaCha20.Key(rawRepresentation: encryptionKey)
    } catch {
      preconditionFailure("SecureAggregation: a SHA-256 digest is not a ChaCha20 key: \(error)")
    }
    let nonce = ChaCha20.Nonce(prefix: UInt32(sender), sequenceNumber: UInt64(recipient))
    return (key, macKey, nonce)
  }
}
