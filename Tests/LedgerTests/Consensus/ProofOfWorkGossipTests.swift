import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// PoW block gossip, announced then requested (the default) or flooded, on small peer graphs
/// whose message counts and timings are derived by hand. One-way hops of d = 100 ms; the
/// finder is miner 0, which holds nearly all the hash power, and the run stops at its first
/// block (found at t).
struct ProofOfWorkGossipTests {
  private static let hop = SimDuration.milliseconds(100)
  /// A ring of six miners: 0–1–2–3–4–5–0.
  private static let ring = PeerTable(
    peers: [[1, 5], [0, 2], [1, 3], [2, 4], [3, 5], [0, 4]].map { $0.map(NodeID.init) })

  private func makeEngine(
    peers: PeerTable, gossip: GossipMode, transport: any MessageTransport,
    targetBlockCount: Int? = 1, seed: UInt64 = 1
  ) -> (ProofOfWorkEngine, Simulation) {
    let n = peers.nodeCount
    let streams = RandomStreams(seed: seed)
    var work = Work.zero
    let engine = ProofOfWorkEngine(
      configuration: ProofOfWorkConfiguration(
        meanBlockInterval: .seconds(10),
        hashShares: [1 - 0.001 * Double(n - 1)] + Array(repeating: 0.001, count: n - 1),
        targetBlockCount: targetBlockCount, gossip: gossip),
      keys: ConsensusKeys.make(count: n, streams: streams, work: &work), peers: peers,
      transport: transport, streams: streams)
    return (engine, Simulation(streams: streams))
  }

  /// When each miner accepted block 1 (the finder at t), by miner.
  private func acceptance(_ log: BlockEventLog, miners: Int) -> [SimInstant?] {
    (0..<miners).map { miner in log.accepted(at: miner).first { $0.height == 1 }?.instant }
  }

  // MARK: - Announce then request

  /// The ring, announcing:
  ///   t      0 announces to 1 and 5;            t + d    1 and 5 ask 0;
  ///   t + 2d 0 sends them the block;            t + 3d   1 and 5 connect it and announce it
  ///                                                      on, to 2 and 4 (not back to 0);
  ///   t + 6d 2 and 4 connect it, and both announce it to 3;
  ///   t + 7d 3 asks 2, the first it heard (1 got the block before 5, so 2 before 4);
  ///   t + 9d 3 connects it and announces it to no one: 2 sent it and 4 announced it.
  /// One inventory per link (6), one request and one block per miner but the finder (5 each):
  /// three hops per link crossed.
  @Test func announcedBlockCrossesEachLinkOnceInThreeHops() throws {
    let recorder = GossipRecorder(latency: Self.hop)
    let (engine, simulation) = makeEngine(
      peers: Self.ring, gossip: .announce, transport: recorder)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run()
    try #require(engine.foundBlockCount == 1 && engine.blocks[1].header.proposer == NodeID(0))
    let t = engine.foundInstants[1]
    let d = Self.hop
    #expect(
      acceptance(log, miners: 6) == [t, t + d * 3, t + d * 6, t + d * 9, t + d * 6, t + d * 3])
    #expect(
      recorder.messages("block-inv").map { [$0.source, $0.destination] }
        == [[0, 1], [0, 5], [1, 2], [5, 4], [2, 3], [4, 3]])
    #expect(
      recorder.messages("block-getdata").map { [$0.source, $0.destination] }
        == [[1, 0], [5, 0], [2, 1], [4, 5], [3, 2]])
    #expect(
      recorder.messages("block").map { [$0.source, $0.destination] }
        == [[0, 1], [0, 5], [1, 2], [5, 4], [2, 3]])
    // Inventories and requests carry one hash (37 bytes); blocks their encoded size.
    #expect(
      (recorder.messages("block-inv") + recorder.messages("block-getdata")).allSatisfy {
        $0.size == .bytes(Int64(GossipMode.inventoryByteCount))
      })
    #expect(recorder.messages("block").allSatisfy { $0.size == engine.blocks[1].byteCount })
    #expect(engine.sentInventoryCount == 6 && engine.sentGetDataCount == 5)
    #expect(engine.sentMessageCount == 5 && engine.timedOutRequestCount == 0)
  }

  /// A full mesh of four, announcing. The finder has d = 3 peers and announces to all 3; each
  /// of them asks it at t + d, gets the block at t + 3d and announces it to its 2 other peers
  /// (not to the finder, which announced it), whose copies cross and are dropped: 3 + 3 · 2 = 9
  /// inventories, against 9 block copies when flooding. Each miner but the finder sends one
  /// request and receives one block; it receives 1 + 2 = 3 inventories.
  @Test func everyMinerButTheFinderRequestsAndReceivesTheBlockOnce() throws {
    let recorder = GossipRecorder(latency: Self.hop)
    let (engine, simulation) = makeEngine(
      peers: .fullMesh(nodeCount: 4), gossip: .announce, transport: recorder)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run()
    try #require(engine.foundBlockCount == 1 && engine.blocks[1].header.proposer == NodeID(0))
    let t = engine.foundInstants[1]
    #expect(acceptance(log, miners: 4) == [t] + Array(repeating: t + Self.hop * 3, count: 3))
    #expect(recorder.sent("block-inv", by: 0) == 3)
    #expect(recorder.received("block-getdata", at: 0) == 3)
    #expect(recorder.sent("block", by: 0) == 3)
    for miner in 1..<4 {
      #expect(recorder.sent("block-inv", by: miner) == 2)
      #expect(recorder.received("block-inv", at: miner) == 3)
      #expect(recorder.sent("block-getdata", by: miner) == 1)
      #expect(recorder.received("block", at: miner) == 1)
    }
    #expect(recorder.messages.count == 9 + 3 + 3)
  }

  /// 40 miners on a random graph of degree ≥ 3, T = 10 s, 40 blocks: every miner receives
  /// every block found (stale ones too, if any: a miner connects every block whose parent it
  /// has) exactly once, by one request; no request times out; each link carries one inventory
  /// per block, or two when its ends got the block at once and announced it across.
  @Test func announcedBlocksReachEveryMinerOfARandomGraphOnce() throws {
    let n = 40
    let streams = RandomStreams(seed: 4)
    let peers = PeerTable.random(nodeCount: n, degree: 3, streams: streams)
    let recorder = GossipRecorder(latency: Self.hop)
    var work = Work.zero
    let engine = ProofOfWorkEngine(
      configuration: .equalMiners(n, meanBlockInterval: .seconds(10), targetBlockCount: 40),
      keys: ConsensusKeys.make(count: n, streams: streams, work: &work), peers: peers,
      transport: recorder, streams: streams)
    let simulation = Simulation(streams: streams)
    engine.start(in: simulation)
    simulation.run()
    let found = engine.foundBlockCount
    #expect(found == 40)
    for miner in 0..<n { #expect(engine.head(of: NodeID(miner)) == engine.chain.head) }
    #expect(engine.sentMessageCount == (n - 1) * found)
    #expect(engine.sentGetDataCount == (n - 1) * found)
    #expect(engine.timedOutRequestCount == 0)
    for miner in 0..<n {
      let own = engine.blocks.dropFirst().count { $0.header.proposer == NodeID(miner) }
      #expect(recorder.received("block", at: miner) == found - own)
      #expect(recorder.sent("block-inv", by: miner) <= peers.peers[miner].count * found)
      for peer in peers.peers[miner] where peer.index > miner {
        let there = recorder.messages.count {
          $0.kind == "block-inv" && $0.source == miner && $0.destination == peer.index
        }
        let back = recorder.messages.count {
          $0.kind == "block-inv" && $0.source == peer.index && $0.destination == miner
        }
        #expect(there <= found && back <= found)
        #expect((found...2 * found).contains(there + back), "link \(miner)–\(peer.index)")
      }
    }
  }

  /// The square 0–1–3–2–0: 1 and 2 get the block from 0 at t + 3d and both announce it to 3,
  /// which asks 1 (heard first) at t + 4d. Miner 1 crashes at t + 4.5d, before the request
  /// reaches it, so nothing comes back; at t + 4d + R (timeout R = 1 s) miner 3 asks 2, the
  /// next announcer, and connects the block at t + 4d + R + 2d.
  @Test func requestToACrashedAnnouncerIsRetriedAtTheNext() throws {
    let square = PeerTable(peers: [[1, 2], [0, 3], [0, 3], [1, 2]].map { $0.map(NodeID.init) })
    let timeout = SimDuration.seconds(1)
    let recorder = GossipRecorder(latency: Self.hop)
    let (engine, simulation) = makeEngine(
      peers: square, gossip: .announce(requestTimeout: timeout), transport: recorder)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run { _ in engine.foundBlockCount == 0 }
    try #require(engine.blocks[1].header.proposer == NodeID(0))
    let t = engine.foundInstants[1]
    let d = Self.hop
    simulation.run(until: t + d * 4 + .milliseconds(50))
    #expect(recorder.messages("block-getdata").last.map { [$0.source, $0.destination] } == [3, 1])
    engine.crash(node: NodeID(1), in: simulation)
    simulation.run()
    #expect(acceptance(log, miners: 4)[3] == t + d * 4 + timeout + d * 2)
    #expect(engine.timedOutRequestCount == 1)
    #expect(
      recorder.messages("block-getdata").map { [$0.source, $0.destination] }
        == [[1, 0], [2, 0], [3, 1], [3, 2]])
    #expect(recorder.messages("block-getdata").last?.sent == t + d * 4 + timeout)
    #expect(recorder.messages("block").last.map { [$0.source, $0.destination] } == [2, 3])
    #expect(simulation.pendingEventCount == 0)
  }

  /// Same seed, same messages; another seed, other find times.
  @Test func announcingIsDeterministic() {
    func run(seed: UInt64) -> (ProofOfWorkEngine, [GossipRecorder.Message]) {
      let recorder = GossipRecorder(latency: Self.hop)
      let (engine, simulation) = makeEngine(
        peers: PeerTable.random(nodeCount: 12, degree: 3, streams: RandomStreams(seed: 2)),
        gossip: .announce, transport: recorder, targetBlockCount: 30, seed: seed)
      engine.start(in: simulation)
      simulation.run()
      return (engine, recorder.messages)
    }
    let (first, firstMessages) = run(seed: 9)
    let (second, secondMessages) = run(seed: 9)
    let (other, _) = run(seed: 10)
    #expect(first.blocks.map(\.hash) == second.blocks.map(\.hash))
    #expect(firstMessages == secondMessages)
    #expect(first.foundInstants != other.foundInstants)
  }

  // MARK: - Flooding

  /// The ring, flooding: each miner sends the block to its peers but the sender, at once. 1 and
  /// 5 have it at t + d, 2 and 4 at t + 2d, 3 at t + 3d (from 2, first), which passes it on to
  /// 4 (a dropped copy); 4's copy to 3 is dropped too: 7 block messages, no inventory.
  @Test func floodedBlockCrossesEachLinkInOneHop() throws {
    let recorder = GossipRecorder(latency: Self.hop)
    let (engine, simulation) = makeEngine(peers: Self.ring, gossip: .flood, transport: recorder)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run()
    try #require(engine.foundBlockCount == 1 && engine.blocks[1].header.proposer == NodeID(0))
    let t = engine.foundInstants[1]
    let d = Self.hop
    #expect(acceptance(log, miners: 6) == [t, t + d, t + d * 2, t + d * 3, t + d * 2, t + d])
    #expect(
      recorder.messages.map { [$0.source, $0.destination] }
        == [[0, 1], [0, 5], [1, 2], [5, 4], [2, 3], [4, 3], [3, 4]])
    #expect(recorder.messages.allSatisfy { $0.kind == "block" })
    #expect(engine.sentMessageCount == 7)
    #expect(engine.sentInventoryCount == 0 && engine.sentGetDataCount == 0)
  }
}
