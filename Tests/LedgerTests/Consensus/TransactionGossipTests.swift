import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// Transaction gossip, announced then requested (the default) or flooded: four PoA signers (the
/// fixture keys), one-way latency d = 10 ms, never started (no slot seals a block), so the
/// transactions only travel between mempools. A client submits at signer 0 at t = 0.
struct TransactionGossipTests {
  private static let latency = SimDuration.milliseconds(10)

  private func makeEngine(peers: PeerTable, gossip: GossipMode, transport: any MessageTransport)
    -> (ProofOfAuthorityEngine, Simulation)
  {
    let engine = ProofOfAuthorityEngine(
      configuration: ProofOfAuthorityConfiguration(
        period: .seconds(1), wiggle: .milliseconds(500), gossip: gossip),
      keys: ConsensusFixtures.keys, peers: peers, transport: transport)
    return (engine, Simulation(streams: RandomStreams(seed: 1)))
  }

  private func holders(of transaction: Transaction, in engine: ProofOfAuthorityEngine) -> [Int] {
    (0..<4).filter { engine.mempool(of: NodeID($0)).contains(transaction.id) }
  }

  /// Full mesh, announcing: 0 admits at once and announces to 1, 2, 3; each asks 0 at d, gets
  /// the transaction at 3d, admits it and announces it to its 2 other peers (not to 0, which
  /// announced it), whose inventories cross and are dropped: 3 + 6 = 9 inventories, 3 requests
  /// and 3 transaction messages; flooding sends 3 + 6 = 9 whole transactions instead, 6 of
  /// them duplicates.
  @Test func announcedTransactionIsDownloadedOncePerSigner() {
    let recorder = GossipRecorder(latency: Self.latency)
    let (engine, simulation) = makeEngine(
      peers: .fullMesh(nodeCount: 4), gossip: .announce, transport: recorder)
    let transaction = ConsensusFixtures.commitments(1)[0]
    engine.submit(transaction, at: NodeID(0), in: simulation)
    simulation.run(until: .zero + Self.latency * 3 - .nanoseconds(1))
    #expect(holders(of: transaction, in: engine) == [0])
    simulation.run(until: .zero + Self.latency * 3)
    #expect(holders(of: transaction, in: engine) == [0, 1, 2, 3])
    simulation.run()
    let counts = engine.transactionCounts
    #expect(counts.inventoryCount == 9 && counts.requestCount == 3 && counts.messageCount == 3)
    #expect(counts.admittedCount == 4 && counts.duplicateCount == 0)
    #expect(recorder.messages("transaction-inv").count == 9)
    #expect(recorder.messages("transaction-getdata").map(\.destination) == [0, 0, 0])
    #expect(
      recorder.messages("transaction").map(\.size)
        == Array(repeating: .bytes(Int64(transaction.encodedByteCount)), count: 3))
    for miner in 1..<4 { #expect(recorder.sent("transaction-inv", by: miner) == 2) }
  }

  @Test func floodedTransactionReachesEverySignerInOneHop() {
    let recorder = GossipRecorder(latency: Self.latency)
    let (engine, simulation) = makeEngine(
      peers: .fullMesh(nodeCount: 4), gossip: .flood, transport: recorder)
    let transaction = ConsensusFixtures.commitments(1)[0]
    engine.submit(transaction, at: NodeID(0), in: simulation)
    simulation.run(until: .zero + Self.latency)
    #expect(holders(of: transaction, in: engine) == [0, 1, 2, 3])
    simulation.run()
    let counts = engine.transactionCounts
    #expect(counts.messageCount == 9 && counts.duplicateCount == 6)
    #expect(counts.inventoryCount == 0 && counts.requestCount == 0)
    #expect(recorder.messages.allSatisfy { $0.kind == "transaction" })
  }

  /// BFT proposals go straight to every validator, but transactions are gossiped over the
  /// peers as in the other engines: the same 9 inventories, 3 requests and 3 transactions on a
  /// full mesh of four, every validator holding the transaction at 3d.
  @Test func byzantineValidatorsAnnounceTransactionsToo() {
    let recorder = GossipRecorder(latency: Self.latency)
    let engine = ByzantineEngine(
      configuration: ByzantineConfiguration(
        baseTimeout: .seconds(1), timeoutIncrement: .milliseconds(500)),
      keys: ConsensusFixtures.keys, transport: recorder)
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let transaction = ConsensusFixtures.commitments(1)[0]
    engine.submit(transaction, at: NodeID(0), in: simulation)
    simulation.run(until: .zero + Self.latency * 3)
    #expect((0..<4).allSatisfy { engine.mempool(of: NodeID($0)).contains(transaction.id) })
    simulation.run()
    let counts = engine.transactionCounts
    #expect(counts.inventoryCount == 9 && counts.requestCount == 3 && counts.messageCount == 3)
    #expect(recorder.messages("transaction-getdata").map(\.destination) == [0, 0, 0])
  }

  /// The square 0–1–3–2–0: 1 and 2 hold the transaction at 3d and announce it to 3, which asks
  /// 1 (heard first) at 4d; 1 crashes at 4.5d, so at 4d + R (R = 200 ms) 3 asks 2, and holds
  /// the transaction at 4d + R + 2d.
  @Test func transactionRequestToACrashedAnnouncerIsRetriedAtTheNext() {
    let square = PeerTable(peers: [[1, 2], [0, 3], [0, 3], [1, 2]].map { $0.map(NodeID.init) })
    let timeout = SimDuration.milliseconds(200)
    let recorder = GossipRecorder(latency: Self.latency)
    let (engine, simulation) = makeEngine(
      peers: square, gossip: .announce(requestTimeout: timeout), transport: recorder)
    let transaction = ConsensusFixtures.commitments(1)[0]
    let d = Self.latency
    engine.submit(transaction, at: NodeID(0), in: simulation)
    simulation.run(until: .zero + d * 4 + .milliseconds(5))
    #expect(
      recorder.messages("transaction-getdata").map { [$0.source, $0.destination] }
        == [[1, 0], [2, 0], [3, 1]])
    engine.crash(node: NodeID(1), in: simulation)
    let arrival = SimInstant.zero + d * 4 + timeout + d * 2
    simulation.run(until: arrival - .nanoseconds(1))
    #expect(holders(of: transaction, in: engine) == [0, 2])
    simulation.run(until: arrival)
    #expect(holders(of: transaction, in: engine) == [0, 2, 3])
    #expect(
      recorder.messages("transaction-getdata").last.map { [$0.source, $0.destination] }
        == [3, 2])
    simulation.run()
    #expect(engine.transactionCounts.requestCount == 4)
    #expect(simulation.pendingEventCount == 0)
  }
}
