import Cryptography
import SimCore

/// X25519 (RFC 7748) and Ed25519 (RFC 8032) throughput: `curve25519.x25519`,
/// `curve25519.ed25519.sign`, `curve25519.ed25519.verify`, and the RFC 7748 §5.2 iterated test
/// vector after 1,000,000 iterations (`curve25519.x25519-iterated1M`, about a minute per run in
/// release, too slow for `swift test`), which stops the process if the result differs from the
/// RFC's.
func curve25519BenchmarkCases() -> [BenchmarkCase] {
  let operations = 200
  return [
    BenchmarkCase(
      name: "curve25519.x25519", summary: "X25519 shared secrets (one Montgomery ladder each)",
      repetitions: 5, workPerRun: Double(operations), unit: "ops",
      prepare: {
        var generator = RandomStreams(seed: 7748).make(StreamPurpose("benchX25519"))
        let keys = (0..<operations).map { _ in X25519.PrivateKey(using: &generator) }
        let peer = X25519.PrivateKey(using: &generator).publicKey
        return {
          var checksum: UInt64 = 0
          for key in keys {
            // A valid peer key never gives the all-zero secret, the only failure.
            guard let secret = try? key.sharedSecret(with: peer) else {
              preconditionFailure("X25519 benchmark: valid peer key rejected")
            }
            checksum = checksumMix(checksum, UInt64(secret[0]) | UInt64(secret[31]) << 8)
          }
          return checksum
        }
      }),
    BenchmarkCase(
      name: "curve25519.ed25519.sign", summary: "Ed25519 signatures of 64-byte messages",
      repetitions: 5, workPerRun: Double(operations), unit: "ops",
      prepare: {
        let (key, messages) = makeEd25519Inputs(count: operations)
        return {
          var checksum: UInt64 = 0
          for message in messages {
            let signature = key.signature(for: message).rawRepresentation
            checksum = checksumMix(checksum, UInt64(signature[0]) | UInt64(signature[63]) << 8)
          }
          return checksum
        }
      }),
    BenchmarkCase(
      name: "curve25519.ed25519.verify", summary: "Ed25519 verifications of 64-byte messages",
      repetitions: 5, workPerRun: Double(operations), unit: "ops",
      prepare: {
        let (key, messages) = makeEd25519Inputs(count: operations)
        let signatures = messages.map { key.signature(for: $0) }
        let publicKey = key.publicKey
        return {
          var checksum: UInt64 = 0
          for (message, signature) in zip(messages, signatures) {
            let isValid = publicKey.isValidSignature(signature, for: message)
            precondition(isValid, "Ed25519 benchmark: a valid signature was rejected")
            checksum = checksumMix(checksum, isValid ? 1 : 0)
          }
          return checksum
        }
      }),
    BenchmarkCase(
      name: "curve25519.x25519-iterated1M",
      summary: "RFC 7748 §5.2 iterated vector, 1,000,000 ladders (checked against the RFC)",
      repetitions: 1, workPerRun: 1_000_000, unit: "ops",
      prepare: {
        return {
          var k = X25519.baseUCoordinate
          var u = X25519.baseUCoordinate
          for _ in 0..<1_000_000 {
            let next = X25519.scalarMultiplication(scalar: k, uCoordinate: u)
            u = k
            k = next
          }
          // RFC 7748 §5.2: "After 1,000,000 iterations: 7c3911e0ab2586fd864497297e575e6f
          // 3bc601c0883c30df5f4dd2d24f665424".
          let expected: [UInt8] = [
            0x7C, 0x39, 0x11, 0xE0, 0xAB, 0x25, 0x86, 0xFD, 0x86, 0x44, 0x97, 0x29, 0x7E, 0x57,
            0x5E, 0x6F, 0x3B, 0xC6, 0x01, 0xC0, 0x88, 0x3C, 0x30, 0xDF, 0x5F, 0x4D, 0xD2, 0xD2,
            0x4F, 0x66, 0x54, 0x24,
          ]
          precondition(k == expected, "X25519 after 1,000,000 iterations differs from RFC 7748")
          return k.reduce(0) { checksumMix($0, UInt64($1)) }
        }
      },
      runsByDefault: false),
  ]
}

/// One Ed25519 key and `count` distinct 64-byte messages, from a fixed stream.
private func makeEd25519Inputs(count: Int) -> (Ed25519.PrivateKey, [[UInt8]]) {
  var generator = RandomStreams(seed: 8032).make(StreamPurpose("benchEd25519"))
  let key = Ed25519.PrivateKey(using: &generator)
  let messages = (0..<count).map { _ in
    (0..<8).flatMap { _ in
      let word = generator.next()
      return (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
    }
  }
  return (key, messages)
}
