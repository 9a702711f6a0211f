import SimCore
import Testing

@testable import Cryptography

struct Ed25519Tests {
  private typealias Hex = Curve25519TestHex

  /// A fixed key and message for the tampering tests: RFC 8032 §7.1 TEST 3.
  private static let vector = Ed25519TestVector.rfc8032[2]

  private static func bytesHashed(_ messageByteCount: Int) -> Int64 {
    // SHA-512 pads to whole 128-byte blocks with at least 17 bytes (FIPS 180-4 §5.1.2).
    Int64((messageByteCount + 17 + 127) / 128 * 128)
  }

  /// RFC 8032 §7.1: the public key derived from each seed, the signature (Ed25519 is
  /// deterministic, so it must match byte for byte) and its verification.
  @Test(arguments: Ed25519TestVector.rfc8032)
  func rfc8032VectorsSignAndVerify(vector: Ed25519TestVector) throws {
    let message = Hex.bytes(vector.message)
    var work = Work.zero
    let key = try Ed25519.PrivateKey(seed: Hex.bytes(vector.seed), work: &work)
    #expect(Hex.string(key.publicKey.rawRepresentation) == vector.publicKey)
    #expect(work == Work(bytesHashed: 128, curveScalarMultiplications: 1))

    work = .zero
    let signature = key.signature(for: message, work: &work)
    #expect(Hex.string(signature.rawRepresentation) == vector.signature)
    #expect(
      work
        == Work(
          bytesHashed: Self.bytesHashed(32 + message.count)
            + Self.bytesHashed(64 + message.count),
          curveScalarMultiplications: 1))

    // Verification starts from the published bytes, not from our own objects.
    let publicKey = try Ed25519.PublicKey(rawRepresentation: Hex.bytes(vector.publicKey))
    let published = try Ed25519.Signature(rawRepresentation: Hex.bytes(vector.signature))
    work = .zero
    #expect(publicKey.isValidSignature(published, for: message, work: &work))
    #expect(
      work
        == Work(bytesHashed: Self.bytesHashed(64 + message.count), curveScalarMultiplications: 2))
  }

  @Test func tamperedMessageFails() throws {
    let key = try Ed25519.PublicKey(rawRepresentation: Hex.bytes(Self.vector.publicKey))
    let signature = try Ed25519.Signature(rawRepresentation: Hex.bytes(Self.vector.signature))
    var message = Hex.bytes(Self.vector.message)
    message[1] ^= 0x01
    #expect(!key.isValidSignature(signature, for: message))
    #expect(!key.isValidSignature(signature, for: message + [0]))
    #expect(!key.isValidSignature(signature, for: []))
  }

  /// One flipped bit in R (bytes 0…31) or in S (bytes 32…63) invalidates the signature; bits
  /// 0, 100 and 254 of each half, and bit 255 of R (the sign of x).
  @Test(arguments: [0, 100, 254, 255, 256, 356, 510])
  func tamperedSignatureFails(bit: Int) throws {
    let key = try Ed25519.PublicKey(rawRepresentation: Hex.bytes(Self.vector.publicKey))
    var bytes = Hex.bytes(Self.vector.signature)
    bytes[bit / 8] ^= UInt8(1 << (bit % 8))
    let signature = try Ed25519.Signature(rawRepresentation: bytes)
    #expect(!key.isValidSignature(signature, for: Hex.bytes(Self.vector.message)))
  }

  @Test func wrongKeyFails() throws {
    let otherKey = try Ed25519.PublicKey(
      rawRepresentation: Hex.bytes(Ed25519TestVector.rfc8032[1].publicKey))
    let signature = try Ed25519.Signature(rawRepresentation: Hex.bytes(Self.vector.signature))
    #expect(!otherKey.isValidSignature(signature, for: Hex.bytes(Self.vector.message)))
  }

  /// S and S + ℓ satisfy the verification equation equally ([S + ℓ]B = [S]B), so only the
  /// explicit S < ℓ check of RFC 8032 §5.1.7 rejects the second (signature malleability). S = ℓ
  /// itself is rejected too, without any curve work.
  @Test func scalarNotBelowGroupOrderIsRejected() throws {
    let key = try Ed25519.PublicKey(rawRepresentation: Hex.bytes(Self.vector.publicKey))
    let message = Hex.bytes(Self.vector.message)
    let bytes = Hex.bytes(Self.vector.signature)
    // S < ℓ < 2²⁵³, so S + ℓ still fits in 32 bytes.
    var sum = Array(bytes[0..<32])
    var carry: UInt16 = 0
    // ℓ = 2²⁵² + 27742317777372353535851937790883648493 (RFC 8032 §5.1), little-endian.
    let orderBytes = Hex.bytes("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010")
    for index in 0..<32 {
      let total = UInt16(bytes[32 + index]) + UInt16(orderBytes[index]) + carry
      sum.append(UInt8(truncatingIfNeeded: total))
      carry = total >> 8
    }
    #expect(carry == 0)
    let malleated = try Ed25519.Signature(rawRepresentation: sum)
    #expect(!key.isValidSignature(malleated, for: message))

    let equalToOrder = try Ed25519.Signature(rawRepresentation: Array(bytes[0..<32]) + orderBytes)
    var work = Work.zero
    #expect(!key.isValidSignature(equalToOrder, for: message, work: &work))
    #expect(work == .zero)
  }

  /// With A the identity (encoded y = 1) and S = 0, the equation [0]B = R + [k]A forces R to be
  /// the identity: its canonical encoding 01 00…00 verifies, while the non-canonical encoding
  /// of the same point (y = p + 1, ee ff…ff 7f) must be rejected (RFC 8032 §5.1.3 step 1).
  @Test func nonCanonicalREncodingIsRejected() throws {
    let identity = [UInt8(1)] + [UInt8](repeating: 0, count: 31)
    let key = try Ed25519.PublicKey(rawRepresentation: identity)
    let zeroS = [UInt8](repeating: 0, count: 32)
    let message = Array("FedChainSim".utf8)
    let canonical = try Ed25519.Signature(rawRepresentation: identity + zeroS)
    #expect(key.isValidSignature(canonical, for: message))
    let nonCanonicalR = [UInt8(0xEE)] + [UInt8](repeating: 0xFF, count: 30) + [0x7F]
    let nonCanonical = try Ed25519.Signature(rawRepresentation: nonCanonicalR + zeroS)
    #expect(!key.isValidSignature(nonCanonical, for: message))
  }

  /// Public keys that RFC 8032 §5.1.3 refuses to decode: y = p (not below p), y = p + 1 (the
  /// identity, non-canonically), x = 0 with the sign bit set, and y = 2 (no x on the curve,
  /// since (y² − 1)/(d·y² + 1) = 3/(4d + 1) is not a square; checked by the decoder itself).
  @Test(arguments: [
    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0100000000000000000000000000000000000000000000000000000000000080",
    "0200000000000000000000000000000000000000000000000000000000000000",
  ])
  func invalidPublicKeyEncodingIsRejected(hex: String) {
    #expect(
      throws: Curve25519Error.invalidPointEncoding(
        field: "Ed25519.PublicKey.rawRepresentation", hex: hex)
    ) {
      try Ed25519.PublicKey(rawRepresentation: Hex.bytes(hex))
    }
  }

  @Test func wrongSizesAreRejected() {
    #expect(
      throws: Curve25519Error.wrongByteCount(
        field: "Ed25519.PrivateKey.seed", byteCount: 16, expected: 32)
    ) {
      try Ed25519.PrivateKey(seed: [UInt8](repeating: 0, count: 16))
    }
    #expect(
      throws: Curve25519Error.wrongByteCount(
        field: "Ed25519.PublicKey.rawRepresentation", byteCount: 0, expected: 32)
    ) {
      try Ed25519.PublicKey(rawRepresentation: [])
    }
    #expect(
      throws: Curve25519Error.wrongByteCount(
        field: "Ed25519.Signature.rawRepresentation", byteCount: 63, expected: 64)
    ) {
      try Ed25519.Signature(rawRepresentation: [UInt8](repeating: 0, count: 63))
    }
  }

  /// Keys drawn from equal generators are equal; signatures made with them verify for messages
  /// of several lengths (0, 1, and across the 128-byte SHA-512 block boundary).
  @Test func generatedKeysAreReproducibleAndSignaturesVerify() throws {
    let streams = RandomStreams(seed: 7)
    let purpose = StreamPurpose("ed25519Test")
    var generator = streams.make(purpose, index: 0)
    var again = streams.make(purpose, index: 0)
    var work = Work.zero
    let key = Ed25519.PrivateKey(using: &generator, work: &work)
    let sameKey = Ed25519.PrivateKey(using: &again)
    #expect(key.seed == sameKey.seed)
    #expect(key.publicKey == sameKey.publicKey)
    #expect(work == Work(bytesHashed: 128, curveScalarMultiplications: 1))
    for length in [0, 1, 63, 64, 111, 112, 200] {
      let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
      let signature = key.signature(for: message)
      #expect(signature.rawRepresentation.count == Ed25519.signatureByteCount)
      #expect(signature == sameKey.signature(for: message))
      #expect(key.publicKey.isValidSignature(signature, for: message), "length \(length)")
    }
  }
}
