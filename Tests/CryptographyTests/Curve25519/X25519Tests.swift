import SimCore
import Testing

@testable import Cryptography

struct X25519Tests {
  private typealias Hex = Curve25519TestHex

  /// RFC 7748 §5.2, the two single-call test vectors (scalar, input u, output u). The second
  /// input u has bit 255 set (last byte 0x93), which X25519 must ignore.
  @Test(arguments: [
    (
      "a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
      "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
      "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"
    ),
    (
      "4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
      "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
      "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"
    ),
  ])
  func singleCallMatchesRFC7748Vectors(scalar: String, u: String, expected: String) throws {
    var work = Work.zero
    let output = X25519.scalarMultiplication(
      scalar: Hex.bytes(scalar), uCoordinate: Hex.bytes(u), work: &work)
    #expect(Hex.string(output) == expected)
    #expect(work == Work(curveScalarMultiplications: 1))
    // The same through the public API.
    let key = try X25519.PrivateKey(rawRepresentation: Hex.bytes(scalar))
    let secret = try key.sharedSecret(with: X25519.PublicKey(rawRepresentation: Hex.bytes(u)))
    #expect(Hex.string(secret) == expected)
  }

  /// RFC 7748 §5.2 iterated test: k = u = 9, then k ← X25519(k, u), u ← old k. The RFC gives the
  /// value after 1, 1,000 and 1,000,000 iterations; the last (about a minute in release) runs in
  /// the `curve25519.x25519-iterated1M` benchmark case instead of here.
  @Test func iteratedVectorMatchesAfterOneAndOneThousandSteps() {
    var k = X25519.baseUCoordinate
    var u = X25519.baseUCoordinate
    for iteration in 1...1_000 {
      let next = X25519.scalarMultiplication(scalar: k, uCoordinate: u)
      u = k
      k = next
      if iteration == 1 {
        #expect(
          Hex.string(k) == "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")
      }
    }
    #expect(Hex.string(k) == "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")
  }

  /// RFC 7748 §6.1: Alice's and Bob's public keys and their shared secret K.
  @Test func diffieHellmanMatchesRFC7748Section6() throws {
    var work = Work.zero
    let alice = try X25519.PrivateKey(
      rawRepresentation: Hex.bytes(
        "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"), work: &work)
    let bob = try X25519.PrivateKey(
      rawRepresentation: Hex.bytes(
        "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"), work: &work)
    #expect(
      Hex.string(alice.publicKey.rawRepresentation)
        == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
    #expect(
      Hex.string(bob.publicKey.rawRepresentation)
        == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
    let aliceSecret = try alice.sharedSecret(with: bob.publicKey, work: &work)
    let bobSecret = try bob.sharedSecret(with: alice.publicKey, work: &work)
    let expected = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
    #expect(Hex.string(aliceSecret) == expected)
    #expect(Hex.string(bobSecret) == expected)
    // Two key generations and two agreements, one ladder each.
    #expect(work == Work(curveScalarMultiplications: 4))
  }

  /// The u-coordinate 0 has order 1 on Curve25519, so every scalar maps it to 0 (RFC 7748 §6.1
  /// lists the all-zero output as the case to reject); 1 has order 4, and the clamped scalar is a
  /// multiple of 8, so it also gives 0.
  @Test(arguments: [0, 1])
  func lowOrderPublicKeyIsRejected(u: UInt8) throws {
    let key = try X25519.PrivateKey(rawRepresentation: [UInt8](repeating: 0x5A, count: 32))
    let peerBytes = [u] + [UInt8](repeating: 0, count: 31)
    let peer = try X25519.PublicKey(rawRepresentation: peerBytes)
    #expect(throws: Curve25519Error.lowOrderPublicKey(hex: Hex.string(peerBytes))) {
      try key.sharedSecret(with: peer)
    }
  }

  @Test func wrongSizesAreRejected() {
    #expect(
      throws: Curve25519Error.wrongByteCount(
        field: "X25519.PrivateKey.rawRepresentation", byteCount: 31, expected: 32)
    ) {
      try X25519.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31))
    }
    #expect(
      throws: Curve25519Error.wrongByteCount(
        field: "X25519.PublicKey.rawRepresentation", byteCount: 33, expected: 32)
    ) {
      try X25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33))
    }
  }

  /// Keys drawn from equal generators are equal (reproducible), and two parties drawing from
  /// different streams agree on one secret.
  @Test func generatedKeysAreReproducibleAndAgree() throws {
    let streams = RandomStreams(seed: 42)
    let purpose = StreamPurpose("x25519Test")
    var first = streams.make(purpose, index: 0)
    var again = streams.make(purpose, index: 0)
    var other = streams.make(purpose, index: 1)
    var work = Work.zero
    let alice = X25519.PrivateKey(using: &first, work: &work)
    let aliceAgain = X25519.PrivateKey(using: &again)
    let bob = X25519.PrivateKey(using: &other)
    #expect(alice.rawRepresentation == aliceAgain.rawRepresentation)
    #expect(alice.publicKey == aliceAgain.publicKey)
    #expect(alice.publicKey != bob.publicKey)
    #expect(try alice.sharedSecret(with: bob.publicKey) == bob.sharedSecret(with: alice.publicKey))
    #expect(work == Work(curveScalarMultiplications: 1))
  }
}
