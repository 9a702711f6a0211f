import SimCore

/// HMAC (RFC 2104, FIPS 198-1): a keyed message authentication code over the hash function `H`,
/// H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message)).
///
/// One-shot: `HMAC<SHA256>.authenticationCode(for: message, key: key)`. Incremental: make an
/// `HMAC(key:)`, `update` it, then `finalize()`. Keys of any length are accepted: longer than
/// `H.blockByteCount` ones are hashed first, shorter ones padded with zeros (RFC 2104 §2).
///
/// The work reported is that of every hash run: hashing a long key, the inner hash over the
/// padded key and the message, and the outer hash over the padded key and the inner digest.
public struct HMAC<H: HashFunction>: Sendable {
  /// The inner hasher, primed with K ⊕ ipad.
  private var inner: H
  /// The outer hasher, primed with K ⊕ opad.
  private var outer: H
  /// The work of hashing the key down to one digest, when it was longer than a block.
  private let keyWork: Work

  /// An authenticator keyed with `key`, which may have any length.
  /// - Complexity: O(`key.count`).
  public init(key: [UInt8]) {
    var keyWork = Work.zero
    var block = key.count > H.blockByteCount ? H.hash(key, work: &keyWork) : key
    block += [UInt8](repeating: 0, count: H.blockByteCount - block.count)
    inner = H()
    inner.update(block.map { $0 ^ 0x36 })
    outer = H()
    outer.update(block.map { $0 ^ 0x5c })
    self.keyWork = keyWork
  }

  /// The code of `message` under `key`: `H.digestByteCount` bytes.
  /// - Complexity: O(`message.count` + `key.count`).
  public static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
    var work = Work.zero
    return authenticationCode(for: message, key: key, work: &work)
  }

  /// The code of `message` under `key`; adds the work of every hash run to `work`.
  /// - Complexity: O(`message.count` + `key.count`).
  public static func authenticationCode(
    for message: [UInt8], key: [UInt8], work: inout Work
  ) -> [UInt8] {
    var authenticator = HMAC(key: key)
    message.withUnsafeBytes { authenticator.update(bufferPointer: $0) }
    return authenticator.finalize(work: &work)
  }

  /// Whether `code` is the code of `message` under `key`. Every byte is compared whatever the
  /// first difference, as verifiers do to leak no timing (not that simulated keys are secret).
  public static func isValidAuthenticationCode(
    _ code: [UInt8], for message: [UInt8], key: [UInt8]
  ) -> Bool {
    let expected = authenticationCode(for: message, key: key)
    guard code.count == expected.count else { return false }
    var difference: UInt8 = 0
    for index in 0..<code.count { difference |= code[index] ^ expected[index] }
    return difference == 0
  }

  /// Absorbs the bytes of `buffer` into the message, in order.
  /// - Complexity: O(`buffer.count`).
  public mutating func update(bufferPointer buffer: UnsafeRawBufferPointer) {
    inner.update(bufferPointer: buffer)
  }

  /// Absorbs `bytes` into the message, in order.
  /// - Complexity: O(number of bytes).
  public mutating func update(_ bytes: some Sequence<UInt8>) {
    inner.update(bytes)
  }

  /// The code of the message absorbed so far; the authenticator may keep absorbing.
  public func finalize() -> [UInt8] {
    var work = Work.zero
    return finalize(work: &work)
  }

  /// The code of the message absorbed so far; adds to `work` the work of every hash run for
  /// it, the key's included.
  public func finalize(work: inout Work) -> [UInt8] {
    let innerDigest = inner.finalize(work: &work)
    var outer = self.outer
    outer.update(innerDigest)
    work += keyWork
    return outer.finalize(work: &work)
  }
}
