import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// PoA block gossip, announced then requested (the default) or flooded: four signers (the
/// fixture keys), period P = 1 s, wiggle W = 500 ms, one-way latency d = 10 ms. Signer 1 is in
/// turn in slot 1, which starts at 1 s.
struct ProofOfAuthorityGossipTests {
  private static let latency = SimDuration.milliseconds(10)
  private static let slot1 = SimInstant.zero + .seconds(1)

  private func makeEngine(peers: PeerTable, gossip: GossipMode, transport: any MessageTransport)
    -> (ProofOfAuthorityEngine, Simulation)
  {
    let engine = ProofOfAuthorityEngine(
      configuration: ProofOfAuthorityConfiguration(
        period: .seconds(1), wiggle: .milliseconds(500), gossip: gossip),
      keys: ConsensusFixtures.keys, peers: peers, transport: transport)
    return (engine, Simulation(streams: RandomStreams(seed: 1)))
  }

  /// Full mesh: signer 1 announces the slot-1 block to 0, 2, 3, which ask it at 1 s + d and
  /// attach the block at 1 s + 3d (flooding: 1 s + d). Per block, announcing: 3 + 3 · 2 = 9
  /// inventories, 3 requests, 3 blocks; flooding: 3 + 3 · 2 = 9 blocks.
  @Test(arguments: [(GossipMode.announce, 3), (.flood, 1)] as [(GossipMode, Int64)])
  func blockReachesEverySignerInOneOrThreeLatencies(gossip: GossipMode, hops: Int64) throws {
    let recorder = GossipRecorder(latency: Self.latency)
    let (engine, simulation) = makeEngine(
      peers: .fullMesh(nodeCount: 4), gossip: gossip, transport: recorder)
    engine.start(in: simulation)
    simulation.run(until: Self.slot1 + .milliseconds(400))
    for node in 0..<4 {
      #expect(
        engine.arrivals[node]
          == [
            BlockArrival(height: 1, instant: Self.slot1 + (node == 1 ? .zero : Self.latency * hops))
          ])
    }
    if gossip == .flood {
      #expect(engine.sentMessageCount == 9 && engine.sentInventoryCount == 0)
    } else {
      #expect(engine.sentInventoryCount == 9 && engine.sentGetDataCount == 3)
      #expect(engine.sentMessageCount == 3)
      #expect(recorder.messages("block-getdata").map(\.destination) == [1, 1, 1])
    }
  }

  /// Signer 1 is down: backup signer 2 seals slot 1 at 1 s + W, and the others attach its
  /// block at 1 s + W + 3d when announcing.
  @Test func backupBlockArrivesThreeLatenciesAfterItsWiggle() {
    let (engine, simulation) = makeEngine(
      peers: .fullMesh(nodeCount: 4), gossip: .announce,
      transport: FixedLatencyTransport(latency: Self.latency))
    engine.crash(node: NodeID(1), in: simulation)
    engine.start(in: simulation)
    simulation.run(until: Self.slot1 + .milliseconds(900))
    let sealed = Self.slot1 + .milliseconds(500)
    #expect(engine.arrivals[2] == [BlockArrival(height: 1, instant: sealed)])
    for node in [0, 3] {
      #expect(
        engine.arrivals[node] == [BlockArrival(height: 1, instant: sealed + Self.latency * 3)])
    }
    #expect(engine.arrivals[1].isEmpty)
  }

  /// The square 0–1–3–2–0: 0 and 3 attach signer 1's block at 1 s + 3d and announce it to 2,
  /// which asks 0 (heard first: 1 answered 0 first) at 1 s + 4d; 0 crashes at 1 s + 4.5d, so
  /// at 1 s + 4d + R (R = 200 ms) 2 asks 3 and attaches the block at 1 s + 4d + R + 2d, before
  /// its own backup turn at 1 s + W.
  @Test func requestToACrashedAnnouncerIsRetriedAtTheNext() {
    let square = PeerTable(peers: [[1, 2], [0, 3], [0, 3], [1, 2]].map { $0.map(NodeID.init) })
    let timeout = SimDuration.milliseconds(200)
    let recorder = GossipRecorder(latency: Self.latency)
    let (engine, simulation) = makeEngine(
      peers: square, gossip: .announce(requestTimeout: timeout), transport: recorder)
    let d = Self.latency
    engine.start(in: simulation)
    simulation.run(until: Self.slot1 + d * 4 + .milliseconds(5))
    #expect(
      recorder.messages("block-getdata").map { [$0.source, $0.destination] }
        == [[0, 1], [3, 1], [2, 0]])
    engine.crash(node: NodeID(0), in: simulation)
    simulation.run(until: Self.slot1 + .milliseconds(400))
    #expect(
      engine.arrivals[2] == [BlockArrival(height: 1, instant: Self.slot1 + d * 4 + timeout + d * 2)]
    )
    #expect(engine.timedOutRequestCount == 1)
    #expect(
      recorder.messages("block-getdata").last.map { [$0.source, $0.destination] } == [2, 3])
  }
}
