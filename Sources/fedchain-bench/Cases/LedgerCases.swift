import Cryptography
import Ledger
import SimCore

/// Ledger data-structure benchmarks (issue #5): the Merkle root a proposer computes, the block
/// validation every validator repeats (Ed25519 verification dominates), and block filling from
/// a large mempool.
func ledgerBenchmarkCases() -> [BenchmarkCase] {
  [
    merkleRootCase(), blockValidationCase(memoised: false), blockValidationCase(memoised: true),
    mempoolSelectionCase(),
  ]
}

private let benchmarkPurpose = StreamPurpose("ledgerBenchmark")

/// `count` keys from the benchmark's stream.
private func benchmarkKeys(_ count: Int) -> [Ed25519.PrivateKey] {
  (0..<count).map { index in
    var generator = RandomStreams(seed: 5).make(benchmarkPurpose, index: index)
    return Ed25519.PrivateKey(using: &generator)
  }
}

/// A signed update commitment from `key`: 158 bytes, 24,736 gas.
private func commitment(client: Int, nonce: UInt64, key: Ed25519.PrivateKey) -> Transaction {
  var commitment = [UInt8](repeating: 0, count: 32)
  for shift in 0..<8 { commitment[shift] = UInt8(truncatingIfNeeded: client >> (8 * shift)) }
  var work = Work.zero
  let payload = TransactionPayload.updateCommitment(
    UpdateCommitment(
      client: ClientID(client), round: 1, commitment: Digest256.sha256(commitment, work: &work)))
  return Transaction.make(
    payload: payload, nonce: nonce, gasLimit: GasSchedule.ethereum.gas(for: payload), signedBy: key,
    work: &work)
}

/// The RFC 6962 root of 1,000 transaction IDs: 1,000 leaf hashes and 999 node hashes.
private func merkleRootCase() -> BenchmarkCase {
  let count = 1_000
  return BenchmarkCase(
    name: "ledger.merkle.1000", summary: "MerkleTree.root of 1,000 transaction IDs (RFC 6962)",
    repetitions: 21, workPerRun: Double(count), unit: "IDs",
    prepare: {
      var work = Work.zero
      let ids = (0..<count).map { index in
        TransactionID(Digest256.sha256([UInt8(index & 0xFF), UInt8(index >> 8)], work: &work))
      }
      return {
        var work = Work.zero
        let root = MerkleTree.root(of: ids, work: &work)
        return checksumMix(firstWord(root), UInt64(work.bytesHashed))
      }
    })
}

/// `BlockValidator.validate` of a block of 1,000 update commitments from 100 senders:
/// 1,001 Ed25519 verifications, 1,000 ID hashes and the Merkle tree. The memoised variant
/// validates with a `SignatureMemo` another validator already filled, as the 2nd…nth
/// validator of a run would: same work charged, no verification repeated.
private func blockValidationCase(memoised: Bool) -> BenchmarkCase {
  let count = 1_000
  return BenchmarkCase(
    name: memoised ? "ledger.validate.1000.memo" : "ledger.validate.1000",
    summary: memoised
      ? "BlockValidator.validate, 1,000-transaction block, signatures answered by a SignatureMemo"
      : "BlockValidator.validate, 1,000-transaction block (1,001 Ed25519 verifications)",
    repetitions: memoised ? 21 : 5, workPerRun: Double(count), unit: "tx",
    prepare: {
      let keys = benchmarkKeys(101)
      let transactions = (0..<count).map { index in
        commitment(client: index, nonce: UInt64(index / 100), key: keys[index % 100])
      }
      var work = Work.zero
      let genesis = Block.makeGenesis(proposer: NodeID(0), signer: keys[100], work: &work)
      let block = Block.make(
        on: genesis, transactions: transactions, timestamp: SimInstant(nanosecondsSinceStart: 1),
        proposer: NodeID(0), signer: keys[100], work: &work)
      let validator = BlockValidator()
      let memo = SignatureMemo()
      if memoised {
        do {
          try validator.validate(
            block: block, parent: genesis, limits: .standard, signatureMemo: memo, work: &work)
        } catch {
          preconditionFailure("ledger.validate: the benchmark block is invalid: \(error)")
        }
      }
      return {
        var work = Work.zero
        do {
          try validator.validate(
            block: block, parent: genesis, limits: .standard,
            signatureMemo: memoised ? memo : nil, work: &work)
        } catch {
          preconditionFailure("ledger.validate: the benchmark block is invalid: \(error)")
        }
        return checksumMix(UInt64(work.bytesHashed), UInt64(work.curveScalarMultiplications))
      }
    })
}

/// `Mempool.select` over 10,000 pending transactions from 200 senders: nine update commitments
/// (158 bytes) for every on-chain model update of 8,000 bytes, filling one block of the
/// standard limits (1 MB, 30 M gas) first fit.
private func mempoolSelectionCase() -> BenchmarkCase {
  let count = 10_000
  return BenchmarkCase(
    name: "ledger.mempool.select.10000",
    summary: "Mempool.select(limits: .standard) over 10,000 pending transactions",
    repetitions: 21, workPerRun: Double(count), unit: "tx",
    prepare: {
      let keys = benchmarkKeys(200)
      var mempool = Mempool()
      let model = [UInt8](repeating: 0x5A, count: 8_000)
      for index in 0..<count {
        let key = keys[index % 200]
        let nonce = UInt64(index / 200)
        let transaction: Transaction
        if index % 10 == 9 {
          var work = Work.zero
          let payload = TransactionPayload.modelUpdate(
            ModelUpdate(
              client: ClientID(index % 200), round: Int(nonce), sampleCount: 600,
              content: .onChain(model)))
          transaction = Transaction.make(
            payload: payload, nonce: nonce, gasLimit: GasSchedule.ethereum.gas(for: payload),
            signedBy: key, work: &work)
        } else {
          transaction = commitment(client: index, nonce: nonce, key: key)
        }
        do {
          try mempool.add(transaction)
        } catch {
          preconditionFailure("ledger.mempool: \(error)")
        }
      }
      return {
        let chosen = mempool.select(limits: .standard)
        return checksumMix(UInt64(chosen.count), firstWord(chosen[chosen.count - 1].id.digest))
      }
    })
}

/// The digest's first eight bytes as a big-endian integer.
private func firstWord(_ digest: Digest256) -> UInt64 {
  digest.bytes.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
}
