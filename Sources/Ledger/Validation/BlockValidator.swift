import Cryptography
import SimCore

/// Checks that a block may extend its parent: the link, the proposer's signature, the header's
/// claims about the body, the size and gas limits, the Merkle root and every transaction's
/// signature. Throws the first failure as a `LedgerError`.
///
/// ```swift
/// let validator = BlockValidator(gasSchedule: .ethereum)
/// try validator.validate(block: received, parent: head, limits: .standard, work: &work)
/// ```
///
/// **Order of checks**, cheapest first, each throwing its own error:
/// 1. link: parent hash, height = parent's + 1, timestamp not before the parent's;
/// 2. the proposer's signature over the block hash (which covers every header field);
/// 3. transaction count and byte size as declared; size ≤ `maxBlockBytes`;
/// 4. each transaction's gas ≤ its gas limit; gas used as declared; gas ≤ `maxGas`;
/// 5. every transaction ID recomputed (SHA-256), no transaction twice, the Merkle root;
/// 6. every transaction's signature.
///
/// Which consensus rules a block must also meet (the in-turn signer, the PoW difficulty, a BFT
/// quorum) is the engine's business; nonces and replays belong to the chain's state.
///
/// **Work.** All hashing and verification is real and added to `work`: the header hash and one
/// verification for the block, n transaction hashes, the Merkle tree and n verifications.
/// With a `SignatureMemo`, a verification another validator already did is answered from the
/// memo and charged the same work.
public struct BlockValidator: Hashable, Sendable {
  /// The prices used to recompute each transaction's gas.
  public var gasSchedule: GasSchedule

  /// A validator pricing gas with `gasSchedule`.
  public init(gasSchedule: GasSchedule = .ethereum) { self.gasSchedule = gasSchedule }

  /// Checks that `block` is a valid child of `parent` within `limits` (the checks above); adds
  /// the work done to `work`.
  /// - Throws: the first `LedgerError` among the checks, in the order above.
  /// - Complexity: O(n) hashes and n + 1 signature verifications for n transactions.
  public func validate(
    block: Block, parent: Block, limits: BlockLimits, signatureMemo: SignatureMemo? = nil,
    work: inout Work
  ) throws(LedgerError) {
    try validateLink(block: block, parent: parent)
    try validateContents(block: block, limits: limits, signatureMemo: signatureMemo, work: &work)
  }

  /// Checks that `block` names `parent`, sits one height above it and is not older.
  public func validateLink(block: Block, parent: Block) throws(LedgerError) {
    let header = block.header
    guard header.parentHash == parent.hash else {
      throw .parentMismatch(height: header.height, expected: parent.hash, found: header.parentHash)
    }
    guard header.height == parent.height + 1 else {
      throw .heightMismatch(block: block.hash, expected: parent.height + 1, found: header.height)
    }
    guard header.timestamp >= parent.header.timestamp else {
      throw .timestampBeforeParent(
        height: header.height,
        parentNanoseconds: parent.header.timestamp.nanosecondsSinceStart,
        nanoseconds: header.timestamp.nanosecondsSinceStart)
    }
  }

  /// Every check but the link (steps 2–6): what can be checked before the parent is known, for
  /// a block that arrived ahead of it.
  /// - Throws: the first `LedgerError` among steps 2–6.
  /// - Complexity: O(n) hashes and n + 1 signature verifications for n transactions.
  public func validateContents(
    block: Block, limits: BlockLimits, signatureMemo: SignatureMemo? = nil, work: inout Work
  ) throws(LedgerError) {
    let header = block.header
    let height = header.height
    // The hash is recomputed, as a node receiving the header would, and the signature checked
    // over it.
    let hash = header.computeHash(work: &work)
    let isSigned =
      signatureMemo?.isValidSignature(
        block.signature, of: hash.digest, signer: header.proposerKey, work: &work)
      ?? header.proposerKey.isValidSignature(block.signature, for: hash.digest.bytes, work: &work)
    guard isSigned else { throw .invalidBlockSignature(height: height, block: hash) }

    let transactions = block.transactions
    guard header.transactionCount == transactions.count else {
      throw .transactionCountMismatch(
        height: height, declared: header.transactionCount, actual: transactions.count)
    }
    let actualBytes = Int64(block.encodedByteCount)
    guard header.byteCount.bytes == actualBytes else {
      throw .byteCountMismatch(
        height: height, declared: header.byteCount.bytes, actual: actualBytes)
    }
    guard actualBytes <= limits.maxBlockBytes.bytes else {
      throw .blockTooLarge(
        height: height, byteCount: actualBytes, limit: limits.maxBlockBytes.bytes)
    }

    var gasUsed: UInt64 = 0
    for (index, transaction) in transactions.enumerated() {
      let gas = gasSchedule.gas(for: transaction)
      guard gas <= transaction.gasLimit else {
        throw .transactionGasLimitTooLow(
          height: height, index: index, transaction: transaction.id, required: gas,
          gasLimit: transaction.gasLimit)
      }
      gasUsed += gas
    }
    guard header.gasUsed == gasUsed else {
      throw .gasUsedMismatch(height: height, declared: header.gasUsed, actual: gasUsed)
    }
    guard gasUsed <= limits.maxGas else {
      throw .blockGasExceeded(height: height, gasUsed: gasUsed, limit: limits.maxGas)
    }

    // Recompute every ID rather than trust the stored one: this is the hashing a real
    // validator does, and what ties the signatures and the Merkle root to the contents.
    var ids: [TransactionID] = []
    ids.reserveCapacity(transactions.count)
    var seen = Set<TransactionID>(minimumCapacity: transactions.count)
    for (index, transaction) in transactions.enumerated() {
      let id = transaction.computeID(work: &work)
      guard seen.insert(id).inserted else {
        throw .duplicateTransactionInBlock(height: height, index: index, transaction: id)
      }
      ids.append(id)
    }
    let root = MerkleTree.root(of: ids, work: &work)
    guard root == header.merkleRoot else {
      throw .merkleRootMismatch(height: height, declared: header.merkleRoot, computed: root)
    }

    for (index, transaction) in transactions.enumerated() {
      let id = ids[index]
      let isValid =
        signatureMemo?.isValidSignature(
          transaction.signature, of: id.digest, signer: transaction.sender, work: &work)
        ?? transaction.sender.isValidSignature(
          transaction.signature, for: id.digest.bytes, work: &work)
      guard isValid else {
        throw .invalidTransactionSignature(height: height, index: index, transaction: id)
      }
    }
  }
}
