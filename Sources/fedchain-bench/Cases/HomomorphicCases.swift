import BigNum
import Cryptography
import SimCore

/// Paillier benchmark cases at the size, a 2048-bit n (4096-bit ciphertexts), against
/// python-paillier 1.5.0 with gmpy2 (`/work/shared/anchors/bench_paillier.py`):
///
/// - `paillier.keygen.n2048`: `Paillier.PrivateKey(bits: 2048, using:)`, two 1024-bit primes.
/// - `paillier.encrypt.n2048`: textbook encryption, r uniform in 1..<n, rⁿ mod n² (as
///   python-paillier's `encrypt`).
/// - `paillier.encrypt.fixedbase.n2048`: `FixedBaseRandomizer` with the default 4,224-bit
///   exponent (IND-CPA under DCR, see its documentation) and comb 10×4; `….short` uses DJN's
///   1,024-bit exponent (extra assumption), for comparison only.
/// - `paillier.encrypt.online.n2048`: the online half of encryption with an
///   `EncryptionRandomness` pool filled beforehand (the filling is not timed).
/// - `paillier.decrypt.n2048`: CRT decryption.
/// - `paillier.add.n2048`: ciphertext + ciphertext; `paillier.mulscalar31.n2048`: ciphertext
///   × a 31-bit scalar.
/// - `paillier.packed.2nn` (named only, ≈ 20 s): one 2NN update of 199,210 values quantised to
///   16 bits, packed for N = 100 clients (85 values per ciphertext, 2,344 ciphertexts,
///   1,200,128 bytes) and encrypted with fixed-base randomizers.
///   `paillier.unpacked.2nn.sample` encrypts 256 of those values one per ciphertext the same
///   way (fixed point, 15 fraction bits); the full one-per-ciphertext update (199,210
///   ciphertexts, 101,995,520 bytes) takes 199,210/256 = 778.2× that sample's time,
///   extrapolated because it would take about 15 minutes.
/// - `pedersen.commit.rfc3526`: a Pedersen commitment g^m·h^r in the 2048-bit RFC 3526 group.
/// - `secagg.maskinput.n10.2nn`: one client's round-3 masking of a 199,210-value vector among 10
///   clients (self mask plus 9 pairwise masks: 9 X25519 agreements, 10 × 796,840 keystream
///   bytes).
func homomorphicBenchmarkCases() -> [BenchmarkCase] {
  [
    keyGenerationCase(),
    encryptionCase(
      name: "paillier.encrypt.n2048",
      summary: "encrypt, fresh rⁿ mod n² (python-paillier's method)", perRun: 8, method: .textbook),
    encryptionCase(
      name: "paillier.encrypt.fixedbase.n2048",
      summary: "encrypt, fixed-base hᵅ, 4,224-bit α, comb 10×4 (DCR-tight)", perRun: 32,
      method: .fixedBase(exponentBits: nil)),
    encryptionCase(
      name: "paillier.encrypt.fixedbase.short.n2048",
      summary: "encrypt, fixed-base hᵅ, DJN 1,024-bit α (extra assumption)", perRun: 64,
      method: .fixedBase(exponentBits: 1_024)),
    onlineEncryptionCase(perRun: 512),
    decryptionCase(perRun: 32),
    additionCase(perRun: 4_096),
    scalarMultiplicationCase(perRun: 256),
    packedUpdateCase(),
    unpackedSampleCase(sampleCount: 256),
    pedersenCommitCase(perRun: 16),
    maskInputCase(clientCount: 10, length: 199_210),
  ]
}

// MARK: - Fixtures

/// The 2048-bit key every case uses, from a fixed seed (not timed).
private func benchmarkKey() -> Paillier.PrivateKey {
  var generator = Xoshiro256StarStar(seed: 2_048)
  return Paillier.PrivateKey(bits: 2_048, using: &generator)
}

/// Folds every limb of `value` into `checksum`.
private func mixLimbs(_ checksum: UInt64, _ value: BigUInt) -> UInt64 {
  value.limbs.reduce(checksum) { checksumMix($0, $1) }
}

/// 31-bit plaintexts, like python-paillier's benchmark (62-bit there; the cost is rⁿ).
private func plaintexts(_ count: Int, seed: UInt64) -> [BigUInt] {
  var generator = Xoshiro256StarStar(seed: seed)
  return (0..<count).map { _ in BigUInt(generator.next() >> 33) }
}

private enum EncryptionMethod {
  case textbook
  case fixedBase(exponentBits: Int?)
}

// MARK: - Cases

private func keyGenerationCase() -> BenchmarkCase {
  BenchmarkCase(
    name: "paillier.keygen.n2048", summary: "Paillier key generation, two 1024-bit primes",
    repetitions: 5, workPerRun: 4, unit: "keys",
    prepare: {
      {
        var generator = Xoshiro256StarStar(seed: 99)
        var checksum: UInt64 = 0
        for _ in 0..<4 {
          checksum = mixLimbs(
            checksum, Paillier.PrivateKey(bits: 2_048, using: &generator).publicKey.n)
        }
        return checksum
      }
    })
}

private func encryptionCase(name: String, summary: String, perRun: Int, method: EncryptionMethod)
  -> BenchmarkCase
{
  BenchmarkCase(
    name: name, summary: summary, repetitions: 5, workPerRun: Double(perRun), unit: "ops",
    prepare: {
      let publicKey = benchmarkKey().publicKey
      let messages = plaintexts(perRun, seed: 1)
      var setup = Xoshiro256StarStar(seed: 3)
      var ignored = Work.zero
      let fixedBase: Paillier.FixedBaseRandomizer?
      switch method {
      case .textbook: fixedBase = nil
      case .fixedBase(let bits):
        fixedBase = Paillier.FixedBaseRandomizer(
          publicKey: publicKey, exponentBitCount: bits, using: &setup, work: &ignored)
      }
      return {
        var generator = Xoshiro256StarStar(seed: 4)
        var work = Work.zero
        var checksum: UInt64 = 0
        for m in messages {
          let c =
            fixedBase?.encrypt(m, using: &generator, work: &work)
            ?? publicKey.encrypt(m, using: &generator, work: &work)
          checksum = mixLimbs(checksum, c.value)
        }
        return checksum
      }
    })
}

private func onlineEncryptionCase(perRun: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "paillier.encrypt.online.n2048",
    summary: "encrypt with a precomputed randomizer: one product m·n and one mulmod n²",
    repetitions: 7, workPerRun: Double(perRun), unit: "ops",
    prepare: {
      let publicKey = benchmarkKey().publicKey
      let messages = plaintexts(perRun, seed: 1)
      var generator = Xoshiro256StarStar(seed: 5)
      var offline = Work.zero
      let fixedBase = Paillier.FixedBaseRandomizer(
        publicKey: publicKey, using: &generator, work: &offline)
      var filled = Paillier.EncryptionRandomness(publicKey: publicKey)
      filled.precompute(count: perRun, with: fixedBase, using: &generator, work: &offline)
      return {
        var pool = filled
        var work = Work.zero
        var checksum: UInt64 = 0
        for m in messages {
          guard let c = try? pool.encrypt(m, work: &work) else { return 0 }
          checksum = mixLimbs(checksum, c.value)
        }
        return checksum
      }
    })
}

private func decryptionCase(perRun: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "paillier.decrypt.n2048", summary: "CRT decryption (two 1024-bit exponents mod p², q²)",
    repetitions: 5, workPerRun: Double(perRun), unit: "ops",
    prepare: {
      let key = benchmarkKey()
      var generator = Xoshiro256StarStar(seed: 6)
      let ciphertexts = plaintexts(perRun, seed: 2).map {
        key.publicKey.encrypt($0, using: &generator)
      }
      return {
        var work = Work.zero
        return ciphertexts.reduce(0) { mixLimbs($0, key.decrypt($1, work: &work)) }
      }
    })
}

private func additionCase(perRun: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "paillier.add.n2048", summary: "ciphertext + ciphertext (mulmod n²)",
    repetitions: 7, workPerRun: Double(perRun), unit: "ops",
    prepare: {
      let publicKey = benchmarkKey().publicKey
      var generator = Xoshiro256StarStar(seed: 7)
      let a = publicKey.encrypt(12_345, using: &generator)
      let b = publicKey.encrypt(67_890, using: &generator)
      return {
        var work = Work.zero
        var sum = a
        for _ in 0..<perRun { sum = publicKey.add(sum, b, work: &work) }
        return mixLimbs(0, sum.value)
      }
    })
}

private func scalarMultiplicationCase(perRun: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "paillier.mulscalar31.n2048", summary: "ciphertext × 31-bit scalar (c^k mod n²)",
    repetitions: 7, workPerRun: Double(perRun), unit: "ops",
    prepare: {
      let publicKey = benchmarkKey().publicKey
      var generator = Xoshiro256StarStar(seed: 8)
      let c = publicKey.encrypt(12_345, using: &generator)
      var scalarGenerator = Xoshiro256StarStar(seed: 9)
      let scalars = (0..<perRun).map { _ in BigUInt(scalarGenerator.next() >> 33 | 1 << 30) }
      return {
        var work = Work.zero
        return scalars.reduce(0) { mixLimbs($0, publicKey.multiply(c, by: $1, work: &work).value) }
      }
    })
}

/// 199,210 values in ±0.5, deterministic.
private func twoLayerUpdate() -> [Float] {
  var generator = Xoshiro256StarStar(seed: 10)
  return (0..<199_210).map { _ in Float(generator.nextUnitDouble() - 0.5) }
}

private func packedUpdateCase() -> BenchmarkCase {
  var testCase = BenchmarkCase(
    name: "paillier.packed.2nn",
    summary: "2NN update (199,210 values), 16-bit, N = 100: 2,344 ciphertexts, 1,200,128 B",
    repetitions: 1, workPerRun: 199_210, unit: "values",
    prepare: {
      let publicKey = benchmarkKey().publicKey
      var setup = Xoshiro256StarStar(seed: 11)
      var ignored = Work.zero
      let fixedBase = Paillier.FixedBaseRandomizer(
        publicKey: publicKey, using: &setup, work: &ignored)
      guard
        let packing = try? Paillier.Packing(
          publicKey: publicKey, valueBitCount: 16, maximumSummandCount: 100)
      else { preconditionFailure("paillier.packed.2nn: the packing does not fit") }
      let update = twoLayerUpdate()
      return {
        var generator = Xoshiro256StarStar(seed: 12)
        var work = Work.zero
        guard let quantized = try? packing.quantize(update, clippingBound: 0.5),
          let packed = try? fixedBase.encryptPacked(
            quantized, packing: packing, using: &generator, work: &work)
        else { return 0 }
        return packed.ciphertexts.reduce(UInt64(packed.encodedByteCount)) {
          mixLimbs($0, $1.value)
        }
      }
    })
  testCase.runsByDefault = false
  return testCase
}

private func unpackedSampleCase(sampleCount: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "paillier.unpacked.2nn.sample",
    summary: "\(sampleCount) of the 2NN values one per ciphertext (× 778.2 for the update)",
    repetitions: 3, workPerRun: Double(sampleCount), unit: "values",
    prepare: {
      let publicKey = benchmarkKey().publicKey
      var setup = Xoshiro256StarStar(seed: 11)
      var ignored = Work.zero
      let fixedBase = Paillier.FixedBaseRandomizer(
        publicKey: publicKey, using: &setup, work: &ignored)
      let encoding = Paillier.FixedPointEncoding(publicKey: publicKey, fractionBitCount: 15)
      let sample = Array(twoLayerUpdate().prefix(sampleCount))
      return {
        var generator = Xoshiro256StarStar(seed: 12)
        var work = Work.zero
        var checksum: UInt64 = 0
        for value in sample {
          guard let m = try? encoding.encode(Double(value)) else { return 0 }
          checksum = mixLimbs(checksum, fixedBase.encrypt(m, using: &generator, work: &work).value)
        }
        return checksum
      }
    })
}

private func pedersenCommitCase(perRun: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "pedersen.commit.rfc3526", summary: "Pedersen g^m·h^r, 2048-bit RFC 3526 group",
    repetitions: 5, workPerRun: Double(perRun), unit: "ops",
    prepare: {
      let group = Pedersen.Group.rfc3526Group14
      return {
        var generator = Xoshiro256StarStar(seed: 13)
        var work = Work.zero
        var checksum: UInt64 = 0
        for message in 0..<perRun {
          guard
            let (commitment, _) = try? group.commit(
              to: BigUInt(UInt64(message)), using: &generator, work: &work)
          else { return 0 }
          checksum = mixLimbs(checksum, commitment.value)
        }
        return checksum
      }
    })
}

private func maskInputCase(clientCount: Int, length: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "secagg.maskinput.n\(clientCount).2nn",
    summary: "Bonawitz round 3 for one of \(clientCount) clients, \(length) UInt32 values",
    repetitions: 5, workPerRun: Double(length), unit: "values",
    prepare: {
      guard
        let configuration = try? SecureAggregation.Configuration(
          clientCount: clientCount, threshold: clientCount / 2 + 1, vectorLength: length)
      else { preconditionFailure("secagg.maskinput: invalid configuration") }
      var generators = (0..<clientCount).map { Xoshiro256StarStar(seed: 100 + UInt64($0)) }
      var work = Work.zero
      var states: [SecureAggregation.ClientState] = []
      var adverts: [SecureAggregation.AdvertisedKeys] = []
      var shares: [SecureAggregation.EncryptedShares] = []
      do {
        for client in 0..<clientCount {
          let (state, advert) = try SecureAggregation.ClientState.start(
            client: client, configuration: configuration, using: &generators[client],
            work: &work)
          states.append(state)
          adverts.append(advert)
        }
        let roster = try SecureAggregation.collectKeys(adverts, configuration: configuration)
        for client in 0..<clientCount {
          let (state, outgoing) = try states[client].shareKeys(
            roster: roster, using: &generators[client], work: &work)
          states[client] = state
          shares += outgoing
        }
        let routing = try SecureAggregation.routeShares(
          shares, roster: roster, configuration: configuration)
        let state = states[0]
        let inbox = routing.inbox(for: 0)
        let input = (0..<length).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        return {
          var work = Work.zero
          guard let (_, masked) = try? state.maskInput(input, receivedShares: inbox, work: &work)
          else { return 0 }
          return masked.values.reduce(0) { checksumMix($0, UInt64($1)) }
        }
      } catch {
        preconditionFailure("secagg.maskinput: setup failed: \(error)")
      }
    })
}
