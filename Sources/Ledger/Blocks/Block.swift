import Cryptography
import SimCore

/// A block of the ledger: a header, the proposer's Ed25519 signature of the block hash, and
/// the transactions, in order.
///
/// # The Ledger target
///
/// `Ledger` holds the data structures every consensus engine and FL contract shares, all with
/// real SHA-256 and Ed25519 and exact encoded sizes:
/// - `Transaction` (typed `TransactionPayload`s for the FL operations), signed over its ID;
/// - `Block` and `BlockHeader`, hashed and signed, committing to the transactions through an
///   RFC 6962 `MerkleTree`, with `MerkleProof`s for light clients;
/// - `GasSchedule` and `BlockLimits`, enforced by `BlockValidator`;
/// - `Mempool` (FIFO, first-fit block filling), `ChainStore` (a block tree with the
///   longest-chain rule, reorganisations, stale blocks and confirmation depth) and
///   `OffChainStore` (content-addressed payloads).
///
/// Every operation that hashes or signs adds its `Work`, which a node's `DeviceProfile` turns
/// into simulated time. Nothing here depends on hash-table order or on a clock: the same inputs
/// give the same bytes.
///
/// **Encoding.** The header (154 bytes, see `BlockHeader`), the 64-byte signature, then each
/// transaction's full encoding (see `Transaction`), back to back; the header's transaction count
/// says how many follow. `encodedByteCount` is this size, which is what the network transfers
/// and what `BlockLimits.maxBlockBytes` bounds.
///
/// **Sharing.** A block is an immutable value whose storage is shared between copies, so every
/// node of a run can hold the same block for the cost of a reference.
public struct Block: Hashable, Sendable {
  /// The bytes of a block besides its transactions: header and signature.
  public static let overheadByteCount = BlockHeader.encodedByteCount + Ed25519.signatureByteCount

  final class Storage: Sendable {
    let header: BlockHeader
    let hash: BlockHash
    let signature: Ed25519.Signature
    let transactions: [Transaction]
    let encodedByteCount: Int

    init(
      header: BlockHeader, hash: BlockHash, signature: Ed25519.Signature,
      transactions: [Transaction]
    ) {
      self.header = header
      self.hash = hash
      self.signature = signature
      self.transactions = transactions
      encodedByteCount = transactions.reduce(Block.overheadByteCount) { $0 + $1.encodedByteCount }
    }
  }

  let storage: Storage

  /// The block made of these parts, as given (nothing is checked: see `BlockValidator`);
  /// computes the block hash from `header` and adds its work (192 bytes hashed) to `work`.
  public init(
    header: BlockHeader, signature: Ed25519.Signature, transactions: [Transaction],
    work: inout Work
  ) {
    storage = Storage(
      header: header, hash: header.computeHash(work: &work), signature: signature,
      transactions: transactions)
  }

  init(
    header: BlockHeader, hash: BlockHash, signature: Ed25519.Signature, transactions: [Transaction]
  ) {
    storage = Storage(header: header, hash: hash, signature: signature, transactions: transactions)
  }

  /// The header.
  public var header: BlockHeader { storage.header }
  /// SHA-256 of the encoded header.
  public var hash: BlockHash { storage.hash }
  /// The proposer's signature of `hash`.
  public var signature: Ed25519.Signature { storage.signature }
  /// The transactions, in block order.
  public var transactions: [Transaction] { storage.transactions }
  /// The block's height (from the header).
  public var height: Int { storage.header.height }
  /// The parent's hash (from the header).
  public var parentHash: BlockHash { storage.header.parentHash }
  /// The size of the block's encoding: 218 bytes plus each transaction's encoding.
  public var encodedByteCount: Int { storage.encodedByteCount }
  /// `encodedByteCount` as a `ByteCount`, for the network.
  public var byteCount: ByteCount { ByteCount(bytes: Int64(storage.encodedByteCount)) }

  /// True when `signature` is the proposer's valid signature of the block hash; adds one
  /// Ed25519 verification's work to `work`.
  public func isValidSignature(work: inout Work) -> Bool {
    header.proposerKey.isValidSignature(signature, for: hash.digest.bytes, work: &work)
  }

  /// Equal hashes, signatures and transactions (a block with a changed transaction keeps its
  /// hash, so the transactions are compared too).
  public static func == (a: Block, b: Block) -> Bool {
    a.storage === b.storage
      || (a.hash == b.hash && a.signature == b.signature && a.transactions == b.transactions)
  }

  /// Hashes the block hash, consistently with `==`.
  public func hash(into hasher: inout Hasher) { hasher.combine(storage.hash) }
}
