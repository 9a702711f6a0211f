import Cryptography
import SimCore

/// Hashing and stream-cipher benchmarks (issue #4). Rates are in MB/s (1 MB = 10⁶ bytes) or
/// hashes/s, the units of `shared/anchors/bench_sha256.sh`, so `sha256.16KiB` compares directly
/// with `openssl speed -evp sha256 -bytes 16384` (the issue asks for ≥ 0.6× OpenSSL without
/// SHA-NI).
func hashingBenchmarkCases() -> [BenchmarkCase] {
  [
    largeMessageCase(
      name: "sha256.16KiB", summary: "SHA256.hash of a 16 KiB message, 1,024 messages",
      hash: SHA256.hash),
    largeMessageCase(
      name: "sha512.16KiB", summary: "SHA512.hash of a 16 KiB message, 1,024 messages",
      hash: SHA512.hash),
    sha256SmallMessageCase(),
    chaCha20KeystreamCase(),
  ]
}

/// Hashes 1,024 messages of 16 KiB, changing the first byte each time so no digest can be
/// reused; the digests' first words feed the checksum.
private func largeMessageCase(
  name: String, summary: String, hash: @escaping ([UInt8]) -> [UInt8]
) -> BenchmarkCase {
  let messageBytes = 16 * 1024
  let messages = 1_024
  return BenchmarkCase(
    name: name, summary: summary, repetitions: 7,
    workPerRun: Double(messageBytes * messages) / 1e6, unit: "MB",
    prepare: {
      var message = (0..<messageBytes).map { UInt8(truncatingIfNeeded: $0 &* 31) }
      return {
        var checksum: UInt64 = 0
        for index in 0..<messages {
          message[0] = UInt8(truncatingIfNeeded: index)
          checksum = checksumMix(checksum, firstWord(of: hash(message)))
        }
        return checksum
      }
    })
}

/// 64-byte messages, the size of a Merkle interior node (two child digests): 200,000 hashes,
/// each of the previous digest twice, so every hash depends on the one before.
private func sha256SmallMessageCase() -> BenchmarkCase {
  let hashes = 200_000
  return BenchmarkCase(
    name: "sha256.64B", summary: "SHA256.hash of a 64-byte message (a Merkle node), chained",
    repetitions: 7, workPerRun: Double(hashes), unit: "hashes",
    prepare: {
      {
        var node = [UInt8](repeating: 0x5a, count: 64)
        for _ in 0..<hashes {
          let digest = SHA256.hash(node)
          node.replaceSubrange(0..<32, with: digest)
          node.replaceSubrange(32..<64, with: digest)
        }
        return firstWord(of: node)
      }
    })
}

/// ChaCha20 keystream as masks are drawn: `ChaCha20Generator.fill` over 64 MiB of `UInt32`
/// words, 1 MiB at a time.
private func chaCha20KeystreamCase() -> BenchmarkCase {
  let chunkWords = 1 << 18
  let chunks = 64
  return BenchmarkCase(
    name: "chacha20.keystream",
    summary: "ChaCha20Generator.fill, 64 MiB of UInt32 keystream in 1 MiB chunks",
    repetitions: 7, workPerRun: Double(chunkWords * 4 * chunks) / 1e6, unit: "MB",
    prepare: {
      var words = [UInt32](repeating: 0, count: chunkWords)
      var keySource = RandomStreams(seed: 42).make(StreamPurpose("benchmark"))
      let key = ChaCha20.Key(using: &keySource)
      return {
        var generator = ChaCha20Generator(key: key)
        var checksum: UInt64 = 0
        for _ in 0..<chunks {
          generator.fill(&words)
          checksum = checksumMix(checksum, UInt64(words[0]) | UInt64(words[chunkWords - 1]) << 32)
        }
        return checksum
      }
    })
}

/// The first eight bytes of `bytes` as a little-endian integer.
private func firstWord(of bytes: [UInt8]) -> UInt64 {
  (0..<8).reduce(0) { $0 | UInt64(bytes[$1]) << (8 * $1) }
}
