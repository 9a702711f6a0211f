import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// BFT with 4 validators (f = 1, quorum 3), one-way delay d = 10 ms, timeout 1 s: with
/// everyone up, height h is proposed by h mod 4 at 3d(h − 1) and committed at 3d·h.
/// Transactions are flooded, so that a transaction submitted at t is at every validator at
/// t + d, as the derivations below assume (announcing: `TransactionGossipTests`).
struct ByzantineTransactionTests {
  private static let delay = SimDuration.milliseconds(10)

  private func makeEngine(heights: Int?, compute: (any ComputeService)? = nil)
    -> (ByzantineEngine, Simulation)
  {
    let engine = ByzantineEngine(
      configuration: ByzantineConfiguration(
        baseTimeout: .seconds(1), timeoutIncrement: .milliseconds(500), targetHeight: heights,
        gossip: .flood),
      keys: ConsensusFixtures.keys, transport: FixedLatencyTransport(latency: Self.delay),
      compute: compute)
    return (engine, Simulation(streams: RandomStreams(seed: 2)))
  }

  @Test func acceptanceAndConfirmationBothFireAtCommit() {
    let (engine, simulation) = makeEngine(heights: 3)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run()
    for node in 0..<4 {
      let expected = (1...3).map {
        BlockEventLog.Entry(node: node, height: $0, instant: .zero + Self.delay * Int64(3 * $0))
      }
      #expect(log.accepted(at: node) == expected)
      #expect(log.confirmed(at: node) == expected)
    }
    #expect(engine.blockRecords.map(\.height) == [1, 2, 3])
    #expect(engine.isCanonical(engine.committed[3].hash))
  }

  @Test func submittedTransactionsEnterTheNextProposal() throws {
    let (engine, simulation) = makeEngine(heights: 2)
    let transactions = ConsensusFixtures.commitments(5)
    var emptyAtCommit: [Int: Bool] = [:]
    engine.onBlockAccepted = { [unowned engine] node, block, _ in
      if block.height == 2 { emptyAtCommit[node.index] = engine.mempool(of: node).isEmpty }
    }
    for transaction in transactions { engine.submit(transaction, at: NodeID(0), in: simulation) }
    engine.start(in: simulation)
    simulation.run()
    // Height 1 is proposed by node 1 at t = 0, before the transactions reach it (10 ms): empty.
    // Height 2 is proposed by node 2 at 30 ms, which holds all five since 10 ms.
    #expect(engine.committed[1].transactions.isEmpty)
    #expect(engine.committed[2].transactions == transactions)
    #expect(emptyAtCommit == [0: true, 1: true, 2: true, 3: true])
    // Full-mesh gossip: 3 + 3 · 2 = 9 messages per transaction.
    #expect(engine.transactionCounts.messageCount == 45)
    #expect(engine.transactionCounts.admittedCount == 20)
  }

  @Test func sealingAndValidationTimeDelayEachCommit() {
    let compute = FixedDelayCompute(delays: [
      "seal-block": .milliseconds(3), "validate-block": .milliseconds(7),
    ])
    let (engine, simulation) = makeEngine(heights: 2, compute: compute)
    engine.start(in: simulation)
    simulation.run()
    // Height 1: the proposer seals 0–3 ms and prevotes at 3 ms; the others receive the
    // proposal at 13 ms and prevote after validation at 20 ms; prevotes reach quorum (3) at
    // 30 ms everywhere, precommits at 40 ms: commit at 3d + 3 + 7 = 40 ms. Height 2 starts
    // there and repeats: 80 ms.
    for node in 0..<4 {
      #expect(
        engine.commitInstants[node] == [.zero + .milliseconds(40), .zero + .milliseconds(80)])
    }
    // Each height: one seal, three validations (the proposer does not validate its own).
    #expect(compute.tasks(labelled: "seal-block").count == 2)
    #expect(compute.tasks(labelled: "validate-block").count == 6)
  }

  @Test func stopLetsTheRunDrain() {
    let (engine, simulation) = makeEngine(heights: nil)
    engine.start(in: simulation)
    // Commits at 30, 60, 90 ms; stopped at 95 ms, during height 4 (proposed at 90 ms), which
    // still commits at 120 ms with the messages in flight; height 5 is not entered.
    simulation.schedule(after: .milliseconds(95)) { simulation in engine.stop(in: simulation) }
    simulation.run()
    #expect(simulation.pendingEventCount == 0)
    #expect(engine.committed.count == 5)
    #expect(engine.commitInstants[0].last == .zero + .milliseconds(120))
  }

  @Test func recoveredValidatorSyncsTheHeightsItMissed() {
    let (engine, simulation) = makeEngine(heights: 4)
    let log = BlockEventLog()
    log.observe(engine)
    // Node 3 is down for heights 1 and 2 (proposers 1 and 2, committed at 30 and 60 ms by the
    // other three, a quorum). Height 3's proposer is (3 + 0) mod 4 = node 3, down at 60 ms, so
    // the others wait for their 1 s timeout. Node 3 recovers at 65 ms.
    engine.crash(node: NodeID(3), in: simulation)
    engine.start(in: simulation)
    simulation.schedule(after: .milliseconds(65)) { simulation in
      engine.recover(node: NodeID(3), in: simulation)
    }
    simulation.run()
    // At 65 ms node 3 syncs heights 1 and 2 (reported at 65 ms), enters height 3 and proposes
    // it at once: the proposal reaches the others at 75 ms, prevotes reach quorum at 85 ms,
    // precommits at 95 ms; height 4 (proposer 0) commits 3d later, at 125 ms.
    let ms = { (value: Int64) in SimInstant.zero + .milliseconds(value) }
    #expect(log.accepted(at: 3).map(\.height) == [1, 2, 3, 4])
    #expect(engine.commitInstants[3] == [ms(65), ms(65), ms(95), ms(125)])
    #expect(engine.commitInstants[0] == [ms(30), ms(60), ms(95), ms(125)])
    #expect(engine.committed.count == 5)
    #expect(log.confirmed(at: 3).map(\.height) == [1, 2, 3, 4])
  }
}
