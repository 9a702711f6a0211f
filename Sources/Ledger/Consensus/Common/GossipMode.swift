import SimCore

/// How validators spread blocks and transactions to their peers.
///
/// **Flooding** sends the whole item to every peer but the one it came from: each node receives
/// one copy per peer that has it, so a block of b bytes crosses every link, once or twice, and
/// a node of d peers downloads it up to d times.
///
/// **Announce, then request** (Bitcoin's `inv`/`getdata`, Ethereum's `NewBlockHashes` and
/// `GetBlockBodies`): a node that has an item sends its peers an inventory naming it (kind
/// "block-inv" or "transaction-inv"); a peer that lacks it asks the first announcer it heard
/// from ("block-getdata", "transaction-getdata") and that announcer sends it ("block",
/// "transaction"). So each node downloads each item once, at the cost of two small messages
/// and two more hops per link crossed: an item reaches a peer three one-way delays after its
/// holder had it, instead of one. A node does not announce an item to the peers that announced
/// it to it (Bitcoin's known-inventory filter). A request unanswered within `requestTimeout`
/// (its announcer crashed or is cut off, or a message was lost) goes to the next announcer
/// heard, in the order heard; when none is left the node waits for a new announcement.
///
/// Both inventory and request carry one 32-byte hash, sized as Bitcoin's payload:
/// `inventoryByteCount`.
public enum GossipMode: Hashable, Sendable {
  /// Every node sends each item it accepts to all its peers but the sender.
  case flood
  /// Inventories, then one request per node to the first announcer, retried at the next one
  /// after `requestTimeout`.
  case announce(requestTimeout: SimDuration)

  /// Announce-then-request with `defaultRequestTimeout`: the default of every engine.
  public static let announce = GossipMode.announce(requestTimeout: defaultRequestTimeout)

  /// 5 s: go-ethereum's block fetcher allows an explicitly requested block or transaction
  /// this long (`fetchTimeout`) before it asks another announcer. It also bounds how long a
  /// node keeps waiting on a crashed or cut-off announcer, so keep it short against the block
  /// interval, yet above the time a block takes to cross the slowest link (a slower answer
  /// still arrives, but a second copy is fetched meanwhile).
  public static let defaultRequestTimeout = SimDuration.seconds(5)

  /// The payload of an inventory or request naming one item, in bytes: Bitcoin's `inv` and
  /// `getdata` with one entry, a 1-byte count, a 4-byte type and the 32-byte hash. As for every
  /// message of the engines, the transport's framing is not counted.
  public static let inventoryByteCount = 37

  /// `inventoryByteCount` as a size.
  static let inventorySize = ByteCount(bytes: Int64(inventoryByteCount))

  /// The request timeout, or nil when flooding.
  public var requestTimeout: SimDuration? {
    if case .announce(let timeout) = self { return timeout }
    return nil
  }
}
