/// What adding a block to a `ChainStore` changed: whether it was attached, kept as an orphan
/// or already known, which blocks were attached (it and any orphans waiting for it), and how
/// the head moved.
public struct ChainUpdate: Hashable, Sendable {
  /// What happened to the block added.
  public enum Status: Hashable, Sendable {
    /// It was attached to the tree (with the orphans listed in `connected` after it).
    case connected
    /// Its parent is unknown: it waits in the orphan pool until the parent arrives.
    case orphaned
    /// It was already stored or waiting; nothing changed.
    case duplicate
  }

  /// What happened to the block added.
  public var status: Status
  /// The blocks attached by this call, in the order they were attached: the block added, then
  /// orphans that were waiting for it (breadth first, each level in arrival order).
  public var connected: [BlockHash]
  /// Orphans that were waiting for an attached block but had the wrong height, and their
  /// waiting descendants, dropped from the pool.
  public var discardedOrphans: [BlockHash]
  /// How the head moved, or `nil` when it stayed.
  public var headChange: HeadChange?

  /// An update with the given parts.
  public init(
    status: Status, connected: [BlockHash] = [], discardedOrphans: [BlockHash] = [],
    headChange: HeadChange? = nil
  ) {
    self.status = status
    self.connected = connected
    self.discardedOrphans = discardedOrphans
    self.headChange = headChange
  }
}

/// A move of the chain's head: the main-chain blocks given up and those taken on, around their
/// common ancestor (the fork point).
///
/// An engine returns the transactions of `retracted` blocks to its mempool and removes those of
/// `adopted` blocks.
public struct HeadChange: Hashable, Sendable {
  /// The head before.
  public var previousHead: BlockHash
  /// The head after.
  public var newHead: BlockHash
  /// The height of the last block both chains share.
  public var forkHeight: Int
  /// Blocks that left the main chain, from the previous head down to just above the fork
  /// point (empty when the head simply advanced).
  public var retracted: [BlockHash]
  /// Blocks that joined the main chain, from just above the fork point up to the new head.
  public var adopted: [BlockHash]

  /// A head change with the given parts.
  public init(
    previousHead: BlockHash, newHead: BlockHash, forkHeight: Int, retracted: [BlockHash],
    adopted: [BlockHash]
  ) {
    self.previousHead = previousHead
    self.newHead = newHead
    self.forkHeight = forkHeight
    self.retracted = retracted
    self.adopted = adopted
  }

  /// True when main-chain blocks were given up: a reorganisation.
  public var isReorganisation: Bool { !retracted.isEmpty }
}
