import SimCore

/// One block an engine produced: what a trace row or a scheme's accounting needs, without the
/// block itself.
public struct BlockRecord: Hashable, Sendable {
  /// The block's hash.
  public var hash: BlockHash
  /// Its height.
  public var height: Int
  /// The validator that made it.
  public var proposer: NodeID
  /// When it was made (its header's timestamp; sealing time, if charged, comes after).
  public var created: SimInstant
  /// The number of transactions it includes.
  public var transactionCount: Int
  /// Its encoded size in bytes (`Block.encodedByteCount`).
  public var byteCount: Int
  /// The sum of its transactions' intrinsic gas (`BlockHeader.gasUsed`).
  public var gas: UInt64

  /// A record with the given values.
  public init(
    hash: BlockHash, height: Int, proposer: NodeID, created: SimInstant, transactionCount: Int,
    byteCount: Int, gas: UInt64
  ) {
    self.hash = hash
    self.height = height
    self.proposer = proposer
    self.created = created
    self.transactionCount = transactionCount
    self.byteCount = byteCount
    self.gas = gas
  }

  /// The record of `block`, made at its header's timestamp.
  public init(_ block: Block) {
    self.init(
      hash: block.hash, height: block.height, proposer: block.header.proposer,
      created: block.header.timestamp, transactionCount: block.transactions.count,
      byteCount: block.encodedByteCount, gas: block.header.gasUsed)
  }
}
