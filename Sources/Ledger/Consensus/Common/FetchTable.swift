import SimCore
import SimKernel

/// The items (blocks or transactions) each node has heard announced and not yet received, under
/// announce-then-request gossip (`GossipMode.announce`): for each, the peers that announced it,
/// in the order heard, which of them was asked last, and the timeout of that request.
///
/// A request is outstanding exactly while its timeout is pending, so the table needs no other
/// flag: `heard` asks the announcer when nothing is outstanding, `timedOut` moves to the next
/// announcer, and `received` ends the fetch and returns the announcers, the peers the node
/// then need not announce the item to. Each node asks one peer at a time, so an item is
/// requested at most once per announcer, and a fetch whose announcers are all exhausted waits,
/// with no event pending, for a new announcement: no run hangs on a fetch.
///
/// Dictionaries serve lookups only; `dropAll` cancels timers in key order.
struct FetchTable<Item: Hashable & Comparable> {
  struct Fetch {
    /// The peers that announced the item, each once, in the order heard.
    var announcers: [Int32]
    /// The position in `announcers` of the peer asked last.
    var asked: Int
    /// The timeout of the request to `announcers[asked]`; pending while it is outstanding.
    var timeout: EventHandle
  }

  private var fetches: [[Item: Fetch]]

  /// A table for `nodeCount` nodes, with nothing announced.
  init(nodeCount: Int) { fetches = Array(repeating: [:], count: nodeCount) }

  /// True when `node` has heard no announcement it still waits on.
  func isEmpty(at node: Int) -> Bool { fetches[node].isEmpty }

  /// `peer` announced `item` to `node`: records it and returns the peer to ask now (`peer`
  /// itself), or nil when a request for the item is already outstanding.
  /// - Complexity: O(announcers of the item), a handful.
  mutating func heard(_ item: Item, from peer: Int, at node: Int, in simulation: Simulation)
    -> Int?
  {
    // One look-up, and the announcer list mutated in place (the dictionary's `_modify`).
    Self.record(Int32(truncatingIfNeeded: peer), in: &fetches[node][item], in: simulation)
      ? peer : nil
  }

  /// Adds `announcer` to `fetch` (made if nil); true when it is to be asked now.
  private static func record(
    _ announcer: Int32, in fetch: inout Fetch?, in simulation: Simulation
  ) -> Bool {
    guard fetch != nil else {
      fetch = Fetch(announcers: [announcer], asked: 0, timeout: EventHandle())
      return true
    }
    // Each peer announces an item once; a repeat (a peer that crashed and recovered) is not
    // asked again.
    guard !fetch!.announcers.contains(announcer) else { return false }
    fetch!.announcers.append(announcer)
    // Untried announcers exist only while a request is outstanding (`timedOut` moves on at
    // once), so with none outstanding every earlier announcer was asked: ask this one.
    guard !simulation.isPending(fetch!.timeout) else { return false }
    fetch!.asked = fetch!.announcers.count - 1
    return true
  }

  /// Keeps `timeout`, the timeout of the request `node` just sent for `item`.
  mutating func armed(_ item: Item, at node: Int, timeout: EventHandle) {
    fetches[node][item]?.timeout = timeout
  }

  /// `node`'s request for `item` timed out: returns the next announcer to ask, or nil when
  /// every announcer heard so far was asked (the fetch then waits for a new announcement).
  mutating func timedOut(_ item: Item, at node: Int) -> Int? {
    guard let fetch = fetches[node][item], fetch.asked + 1 < fetch.announcers.count else {
      return nil
    }
    fetches[node][item]?.asked += 1
    return Int(fetch.announcers[fetch.asked + 1])
  }

  /// `node` received `item`: ends its fetch (cancelling an outstanding request's timeout) and
  /// returns the peers that announced it, who have it.
  mutating func received(_ item: Item, at node: Int, in simulation: Simulation) -> [Int32] {
    guard let fetch = fetches[node].removeValue(forKey: item) else { return [] }
    simulation.cancel(fetch.timeout)
    return fetch.announcers
  }

  /// Forgets every fetch of `node` (a crash loses them), cancelling their timeouts.
  /// - Complexity: O(k log k) for k fetches.
  mutating func dropAll(at node: Int, in simulation: Simulation) {
    // Cancelled in key order: hash order must not reach the event queue.
    for item in fetches[node].keys.sorted() {
      simulation.cancel(fetches[node][item].unsafelyUnwrapped.timeout)
    }
    fetches[node] = [:]
  }
}
