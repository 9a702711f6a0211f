import Cryptography
import SimCore

extension Block {
  /// A block on top of `parent` holding `transactions`, signed by the proposer; computes the
  /// Merkle root, gas used and byte size, hashes the header and signs the hash, adding all of
  /// that work to `work`. The limits are not checked: select with `Mempool.select(limits:)`.
  /// - Complexity: O(n) hashes for n transactions, plus one signature.
  public static func make(
    on parent: Block, transactions: [Transaction], timestamp: SimInstant, proposer: NodeID,
    signer: Ed25519.PrivateKey, seal: ConsensusSeal = .none,
    gasSchedule: GasSchedule = .ethereum, work: inout Work
  ) -> Block {
    make(
      parentHash: parent.hash, height: parent.height + 1, transactions: transactions,
      timestamp: timestamp, proposer: proposer, signer: signer, seal: seal,
      gasSchedule: gasSchedule, work: &work)
  }

  /// A genesis block: height 0, parent hash zero, signed by `signer`.
  /// - Complexity: O(n) hashes for n transactions, plus one signature.
  public static func makeGenesis(
    transactions: [Transaction] = [], timestamp: SimInstant = .zero, proposer: NodeID,
    signer: Ed25519.PrivateKey, gasSchedule: GasSchedule = .ethereum, work: inout Work
  ) -> Block {
    make(
      parentHash: .zero, height: 0, transactions: transactions, timestamp: timestamp,
      proposer: proposer, signer: signer, seal: .none, gasSchedule: gasSchedule, work: &work)
  }

  static func make(
    parentHash: BlockHash, height: Int, transactions: [Transaction], timestamp: SimInstant,
    proposer: NodeID, signer: Ed25519.PrivateKey, seal: ConsensusSeal,
    gasSchedule: GasSchedule, work: inout Work
  ) -> Block {
    var gasUsed: UInt64 = 0
    var byteCount = overheadByteCount
    for transaction in transactions {
      gasUsed += gasSchedule.gas(for: transaction)
      byteCount += transaction.encodedByteCount
    }
    let header = BlockHeader(
      parentHash: parentHash, height: height, timestamp: timestamp, proposer: proposer,
      proposerKey: signer.publicKey,
      merkleRoot: MerkleTree.root(of: transactions.map(\.id), work: &work),
      transactionCount: transactions.count, gasUsed: gasUsed,
      byteCount: ByteCount(bytes: Int64(byteCount)), seal: seal)
    return signed(header: header, transactions: transactions, signer: signer, work: &work)
  }

  /// The block of `header` and `transactions`, its hash signed by `signer`: for engines that
  /// fill in a header themselves, and for tests that forge blocks. Adds the header hash and the
  /// signature's work to `work`.
  public static func signed(
    header: BlockHeader, transactions: [Transaction], signer: Ed25519.PrivateKey,
    work: inout Work
  ) -> Block {
    let hash = header.computeHash(work: &work)
    let signature = signer.signature(for: hash.digest.bytes, work: &work)
    return Block(header: header, hash: hash, signature: signature, transactions: transactions)
  }
}
