import SimCore

/// A hash commitment C = SHA-256(opening ‖ message) with a 32-byte random opening: commit now,
/// reveal (opening, message) later, and anyone can check the pair against C.
///
/// ```swift
/// let (commitment, opening) = HashCommitment.make(committingTo: update, using: &rng, work: &work)
/// // … later, after the reveal:
/// commitment.isValidOpening(opening, for: update, work: &work)  // true
/// ```
///
/// **Properties.** *Binding* is computational: opening C to two different messages means
/// finding a SHA-256 collision. *Hiding* is computational, and holds in the random-oracle
/// model: with a uniform 256-bit opening, C reveals nothing about the message when SHA-256 is
/// modelled as a random function (a real hash gives no such proof). Openings come from the
/// caller's seeded generator, so in the simulator they are reproducible, not secret.
///
/// **Sizes and work.** A commitment is 32 bytes on the wire (`encodedByteCount`), an opening
/// 32 bytes. Committing and verifying each hash 32 + |message| bytes, reported as
/// `bytesHashed` (padding included).
public struct HashCommitment: Hashable, Sendable {
  /// The size of an opening: 32 bytes.
  public static let openingByteCount = 32
  /// The size of an encoded commitment: one SHA-256 digest.
  public static let encodedByteCount = SHA256.digestByteCount

  /// SHA-256(opening ‖ message).
  public let digest: [UInt8]

  /// The commitment with the given 32-byte digest (for example received from a peer).
  /// - Throws: `CommitmentError.wrongByteCount` unless `digest` is 32 bytes.
  public init(digest: [UInt8]) throws(CommitmentError) {
    guard digest.count == Self.encodedByteCount else {
      throw .wrongByteCount(
        field: "hash commitment", byteCount: digest.count, expected: Self.encodedByteCount)
    }
    self.digest = digest
  }

  /// The commitment to `message` with the 32-byte `opening`; adds the hash's work to `work`.
  /// - Throws: `CommitmentError.wrongByteCount` unless `opening` is 32 bytes.
  /// - Complexity: O(`message.count`).
  public init(committingTo message: [UInt8], opening: [UInt8], work: inout Work)
    throws(CommitmentError)
  {
    guard opening.count == Self.openingByteCount else {
      throw .wrongByteCount(
        field: "opening", byteCount: opening.count, expected: Self.openingByteCount)
    }
    digest = Self.hash(message, opening: opening, work: &work)
  }

  /// A commitment to `message` with a fresh opening of 32 bytes drawn from `generator` (four
  /// 64-bit words, little-endian); adds the hash's work to `work`.
  /// - Complexity: O(`message.count`).
  public static func make(
    committingTo message: [UInt8], using generator: inout some RandomNumberGenerator,
    work: inout Work
  ) -> (commitment: HashCommitment, opening: [UInt8]) {
    var opening: [UInt8] = []
    opening.reserveCapacity(openingByteCount)
    for _ in 0..<(openingByteCount / 8) {
      let word = generator.next()
      for shift in stride(from: 0, to: 64, by: 8) {
        opening.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    let commitment = HashCommitment(uncheckedDigest: hash(message, opening: opening, work: &work))
    return (commitment, opening)
  }

  private init(uncheckedDigest: [UInt8]) { digest = uncheckedDigest }

  /// Whether (`opening`, `message`) opens this commitment: SHA-256(opening ‖ message) equals
  /// the digest, compared in full. Adds the hash's work to `work` (none for an opening of the
  /// wrong length, which is simply invalid).
  /// - Complexity: O(`message.count`).
  public func isValidOpening(_ opening: [UInt8], for message: [UInt8], work: inout Work) -> Bool {
    guard opening.count == Self.openingByteCount else { return false }
    let expected = Self.hash(message, opening: opening, work: &work)
    var difference: UInt8 = 0
    for index in 0..<digest.count { difference |= digest[index] ^ expected[index] }
    return difference == 0
  }

  /// The commitment's 32 bytes.
  public func encode() -> [UInt8] { digest }

  private static func hash(_ message: [UInt8], opening: [UInt8], work: inout Work) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(opening)
    hasher.update(message)
    return hasher.finalize(work: &work)
  }
}
