import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// PoW with two equal miners (fixture keys 0 and 1), T = 10 s, full mesh.
struct ProofOfWorkTransactionTests {
  private func makeEngine(
    latency: SimDuration, blocks: Int?, confirmationDepth: Int = 6,
    compute: (any ComputeService)? = nil, gossip: GossipMode = .announce, seed: UInt64 = 4
  ) -> (ProofOfWorkEngine, Simulation) {
    let streams = RandomStreams(seed: seed)
    let engine = ProofOfWorkEngine(
      configuration: .equalMiners(
        2, meanBlockInterval: .seconds(10), targetBlockCount: blocks,
        confirmationDepth: confirmationDepth, gossip: gossip),
      keys: Array(ConsensusFixtures.keys.prefix(2)), peers: .fullMesh(nodeCount: 2),
      transport: FixedLatencyTransport(latency: latency), streams: streams, compute: compute)
    return (engine, Simulation(streams: streams))
  }

  @Test func transactionsAreMinedAndConfirmedAtDepth() throws {
    let (engine, simulation) = makeEngine(latency: .zero, blocks: 6, confirmationDepth: 2)
    let log = BlockEventLog()
    log.observe(engine)
    let transactions = ConsensusFixtures.commitments(3)
    for transaction in transactions { engine.submit(transaction, at: NodeID(0), in: simulation) }
    engine.start(in: simulation)
    simulation.run()
    // Zero latency: both miners hold the transactions from t = 0, the first block (found
    // after t = 0) includes them all, and every block reaches both miners when found, so
    // there are no forks and block h is accepted everywhere at its find instant.
    try #require(engine.foundInstants[1] > .zero)
    #expect(engine.blocks[1].transactions == transactions)
    #expect(engine.chain.height == 6 && engine.chain.staleBlockCount == 0)
    for miner in 0..<2 {
      #expect(engine.mempool(of: NodeID(miner)).isEmpty)
      #expect(
        log.accepted(at: miner)
          == (1...6).map { .init(node: miner, height: $0, instant: engine.foundInstants[$0]) })
      // Depth 2: block h is confirmed when block h + 2 is accepted: heights 1…4.
      #expect(
        log.confirmed(at: miner)
          == (1...4).map { .init(node: miner, height: $0, instant: engine.foundInstants[$0 + 2]) })
    }
  }

  @Test(arguments: [(GossipMode.flood, 1), (.announce, 3)] as [(GossipMode, Int64)])
  func sealingAndValidationTimeDelayAcceptance(gossip: GossipMode, hops: Int64) throws {
    let compute = FixedDelayCompute(delays: [
      "seal-block": .milliseconds(3), "validate-block": .milliseconds(7),
    ])
    let (engine, simulation) = makeEngine(
      latency: .milliseconds(10), blocks: 1, compute: compute, gossip: gossip)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run()
    // Found at t1 by miner m: sealed and accepted by m at t1 + 3 ms, received by the other
    // `hops` latencies later (1 flooding; 3 announcing: inventory, request, block), at
    // t1 + 13 ms or t1 + 33 ms, and accepted after validation 7 ms later.
    let found = engine.foundInstants[1]
    let miner = engine.blocks[1].header.proposer.index
    let sealed = found + .milliseconds(3)
    let received: SimInstant = sealed + .milliseconds(10) * hops
    let expected: [BlockEventLog.Entry] = [
      .init(node: miner, height: 1, instant: sealed),
      .init(node: 1 - miner, height: 1, instant: received + .milliseconds(7)),
    ]
    #expect(log.accepted == expected)
    #expect(compute.tasks.map(\.label) == ["seal-block", "validate-block"])
  }

  @Test func stopLetsTheRunDrain() {
    let (engine, simulation) = makeEngine(latency: .milliseconds(10), blocks: nil)
    engine.start(in: simulation)
    simulation.schedule(after: .seconds(100)) { simulation in engine.stop(in: simulation) }
    simulation.run()
    #expect(simulation.pendingEventCount == 0)
    #expect(engine.foundInstants.last! <= .zero + .seconds(100))
    #expect(engine.foundBlockCount > 0)
  }

  /// A partition by latency: hops take 100 s and mining stops at 50 s, so each miner builds
  /// its own chain from the genesis block, the first block of each carrying the transaction
  /// submitted to it at t = 0. At 100 s the transactions cross, then the blocks: the miner
  /// with the shorter chain reorganises onto the longer one, and its own transaction, now
  /// in no main-chain block, returns to its mempool. The other miner admitted that
  /// transaction at 100 s. So both mempools end holding exactly the loser's transaction.
  @Test func reorganisationReturnsTransactionsToTheMempool() throws {
    let (engine, simulation) = makeEngine(latency: .seconds(100), blocks: nil, seed: 4)
    let log = BlockEventLog()
    log.observe(engine)
    let transactions = ConsensusFixtures.commitments(2)
    engine.submit(transactions[0], at: NodeID(0), in: simulation)
    engine.submit(transactions[1], at: NodeID(1), in: simulation)
    engine.start(in: simulation)
    simulation.schedule(after: .seconds(50)) { simulation in engine.stop(in: simulation) }
    simulation.run()
    let heights = [0, 1].map { engine.head(of: NodeID($0)).height }
    // Before the crossing each miner's chain is its own: lengths a and b. Seed 4 gives a ≠ b.
    let minedBy = [0, 1].map { miner in
      engine.blocks.dropFirst().filter { $0.header.proposer == NodeID(miner) }.count
    }
    try #require(minedBy[0] != minedBy[1] && minedBy.allSatisfy { $0 > 0 })
    let winner = minedBy[0] > minedBy[1] ? 0 : 1
    let loser = 1 - winner
    #expect(heights == [minedBy[winner], minedBy[winner]])
    #expect(engine.chain.staleBlockCount == minedBy[loser])
    #expect(
      engine.blocks.first { $0.height == 1 && $0.header.proposer == NodeID(loser) }?
        .transactions == [transactions[loser]])
    for miner in 0..<2 {
      #expect(engine.mempool(of: NodeID(miner)).transactions == [transactions[loser]])
    }
    // The loser accepted its own blocks, then every winner block in height order at the
    // crossing (after 100 s).
    let crossing = log.accepted(at: loser).dropFirst(minedBy[loser])
    #expect(crossing.map(\.height) == Array(1...minedBy[winner]))
    #expect(crossing.allSatisfy { $0.instant > .zero + .seconds(100) })
    #expect(engine.isCanonical(engine.head(of: NodeID(winner)).hash))
  }
}
