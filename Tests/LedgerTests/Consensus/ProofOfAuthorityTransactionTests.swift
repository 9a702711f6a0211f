import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// PoA with 4 signers, period 1 s, wiggle 500 ms, one-way latency 10 ms, full mesh: slot s
/// starts at s seconds and is sealed by signer s mod 4. Tests that time gossip run with both
/// modes: what a signer passes on reaches a peer `hops` latencies later, 1 flooding, 3
/// announcing (inventory, request, item).
struct ProofOfAuthorityTransactionTests {
  private static let modes: [(GossipMode, Int64)] = [(.flood, 1), (.announce, 3)]

  private static let latency = SimDuration.milliseconds(10)
  private static let period = SimDuration.seconds(1)

  private func makeEngine(
    limits: BlockLimits = .standard, confirmationDepth: Int = 0,
    compute: (any ComputeService)? = nil, gossip: GossipMode = .announce
  ) -> (ProofOfAuthorityEngine, Simulation) {
    let engine = ProofOfAuthorityEngine(
      configuration: ProofOfAuthorityConfiguration(
        period: Self.period, wiggle: .milliseconds(500), limits: limits,
        confirmationDepth: confirmationDepth, gossip: gossip),
      keys: ConsensusFixtures.keys, peers: .fullMesh(nodeCount: 4),
      transport: FixedLatencyTransport(latency: Self.latency), compute: compute)
    return (engine, Simulation(streams: RandomStreams(seed: 1)))
  }

  private func submit(
    _ transactions: [Transaction], at node: Int, after delay: SimDuration,
    to engine: ProofOfAuthorityEngine, in simulation: Simulation
  ) {
    simulation.schedule(after: delay) { simulation in
      for transaction in transactions {
        engine.submit(transaction, at: NodeID(node), in: simulation)
      }
    }
  }

  @Test(arguments: modes)
  func submittedTransactionsAreIncludedInTheNextSlot(gossip: GossipMode, hops: Int64) throws {
    let (engine, simulation) = makeEngine(gossip: gossip)
    let transactions = ConsensusFixtures.commitments(10)
    submit(transactions, at: 2, after: .milliseconds(100), to: engine, in: simulation)
    var emptyAtAcceptance: [Int: Bool] = [:]
    engine.onBlockAccepted = { [unowned engine] node, block, _ in
      if block.height == 1 { emptyAtAcceptance[node.index] = engine.mempool(of: node).isEmpty }
    }
    engine.start(in: simulation)
    simulation.run(until: .zero + .milliseconds(1_500))
    // Submitted at 0.1 s, gossiped by 0.13 s: signer 1 fills slot 1 (1 s) with all ten, in
    // submission order (FIFO; 10 × 158 bytes fit easily in 1 MB).
    let block = try #require(engine.chains[0].mainChainBlock(atHeight: 1))
    #expect(block.header.proposer == NodeID(1))
    #expect(block.transactions == transactions)
    #expect(emptyAtAcceptance == [0: true, 1: true, 2: true, 3: true])
    for node in 0..<4 { #expect(engine.mempool(of: NodeID(node)).isEmpty) }
    // Per transaction: admitted by all 4. Flooding, node 2 sends 3 copies, each receiver
    // forwards 2 (9 messages); each of nodes 0, 1, 3 gets 2 copies it already has (6
    // duplicates). Announcing, those 9 messages are inventories; each of nodes 0, 1, 3 asks
    // node 2 and gets 1 copy (3 requests, 3 messages, no duplicate).
    let counts = engine.transactionCounts
    #expect(counts.admittedCount == 40)
    if gossip == .flood {
      #expect(counts.messageCount == 90 && counts.duplicateCount == 60)
      #expect(counts.inventoryCount == 0 && counts.requestCount == 0)
    } else {
      #expect(counts.messageCount == 30 && counts.duplicateCount == 0)
      #expect(counts.inventoryCount == 90 && counts.requestCount == 30)
    }
    #expect(engine.blockRecords.map(\.transactionCount) == [10])
    #expect(engine.blockRecords[0].byteCount == 218 + 10 * 158)
    #expect(engine.blockRecords[0].gas == 10 * 24_736)
  }

  @Test func blocksRespectTheByteLimit() throws {
    // 1,000-byte on-chain updates: 54 + 21 + 1,000 + 64 = 1,139 bytes each. A limit of
    // 218 + 20 · 1,139 = 22,998 bytes holds exactly 20: slots 1, 2, 3 carry 20, 20 and 10.
    // Gas per update: 21,000 + 16 · 1,021 payload bytes + 3,000 + (60 + 12 · ⌈1,075 / 32⌉)
    // = 40,804, far under 30 M.
    let limits = BlockLimits(maxBlockBytes: .bytes(22_998), maxGas: 30_000_000)
    let (engine, simulation) = makeEngine(limits: limits)
    let updates = (0..<50).map {
      LedgerFixtures.modelUpdate(client: $0, byteCount: 1_000, nonce: UInt64($0), key: $0 % 4)
    }
    submit(updates, at: 2, after: .milliseconds(100), to: engine, in: simulation)
    engine.start(in: simulation)
    simulation.run(until: .zero + .milliseconds(3_500))
    let chain = engine.chains[3]
    #expect(chain.height == 3)
    let counts = (1...3).compactMap { chain.mainChainBlock(atHeight: $0)?.transactions.count }
    #expect(counts == [20, 20, 10])
    let expectedBytes = [22_998, 22_998, 218 + 10 * 1_139]
    let expectedGas: [UInt64] = [20 * 40_804, 20 * 40_804, 10 * 40_804]
    #expect(engine.blockRecords.map(\.byteCount) == expectedBytes)
    #expect(engine.blockRecords.map(\.gas) == expectedGas)
    let included = (1...3).flatMap { chain.mainChainBlock(atHeight: $0)?.transactions ?? [] }
    #expect(included == updates)
    #expect(engine.rejectedBlockCount == 0)
  }

  @Test func transactionTooLargeForAnEmptyBlockIsDroppedAndCounted() {
    // 218 + 1,000 bytes cannot hold a 1,139-byte update.
    let limits = BlockLimits(maxBlockBytes: .bytes(1_218), maxGas: 30_000_000)
    let (engine, simulation) = makeEngine(limits: limits)
    let update = LedgerFixtures.modelUpdate(client: 0, byteCount: 1_000)
    engine.submit(update, at: NodeID(0), in: simulation)
    engine.submit(update, at: NodeID(0), in: simulation)
    simulation.run()
    #expect(engine.transactionCounts.unfitCount == 1)
    #expect(engine.transactionCounts.duplicateCount == 1)
    #expect(engine.transactionCounts.messageCount == 0)
    #expect(engine.mempool(of: NodeID(0)).isEmpty)
  }

  @Test(arguments: modes)
  func confirmationsFireOnceInHeightOrderAtDepth(gossip: GossipMode, hops: Int64) {
    let (engine, simulation) = makeEngine(confirmationDepth: 2, gossip: gossip)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run(until: .zero + .milliseconds(5_500))
    // Block k is sealed at k s by signer k mod 4, who accepts it then; the others accept it
    // 10 ms · hops later. With depth 2, block h is confirmed at the acceptance of block h + 2: heights
    // 1, 2, 3 (blocks 3, 4, 5 exist by 5.5 s).
    for node in 0..<4 {
      let expected = (1...3).map { height in
        let sealer = (height + 2) % 4
        let instant =
          SimInstant.zero + Self.period * Int64(height + 2)
          + (node == sealer ? .zero : Self.latency * hops)
        return BlockEventLog.Entry(node: node, height: height, instant: instant)
      }
      #expect(log.confirmed(at: node) == expected)
      #expect(log.accepted(at: node).map(\.height) == [1, 2, 3, 4, 5])
    }
  }

  @Test(arguments: modes)
  func sealingValidationAndAdmissionTimeShiftAcceptance(gossip: GossipMode, hops: Int64) {
    let compute = FixedDelayCompute(delays: [
      "seal-block": .milliseconds(3), "validate-block": .milliseconds(7),
      "admit-transaction": .milliseconds(2),
    ])
    let (engine, simulation) = makeEngine(compute: compute, gossip: gossip)
    let log = BlockEventLog()
    log.observe(engine)
    let transaction = ConsensusFixtures.commitments(1)[0]
    submit([transaction], at: 2, after: .milliseconds(100), to: engine, in: simulation)
    engine.start(in: simulation)
    simulation.run(until: .zero + .milliseconds(1_500))
    // Admission: node 2 at 0.100 + 0.002; the others receive 10 ms · hops later (0.112 s
    // flooding, 0.132 s announcing) and admit 2 ms after.
    let admissions = compute.tasks(labelled: "admit-transaction")
    #expect(admissions.map(\.node.index) == [2, 0, 1, 3])
    let received = SimInstant.zero + .milliseconds(102) + Self.latency * hops
    let expectedAdmissions = [SimInstant.zero + .milliseconds(100), received, received, received]
    #expect(admissions.map(\.submitted) == expectedAdmissions)
    // Slot 1: signer 1 seals at 1 s and accepts at 1.003 s; the block arrives 10 ms · hops
    // later and is accepted after validation 7 ms after (1.020 s flooding, 1.040 s
    // announcing). Forwarded copies and crossing inventories are dropped.
    let sealed = SimInstant.zero + .milliseconds(1_003)
    let validated = sealed + Self.latency * hops + .milliseconds(7)
    let expectedAccepted: Set<BlockEventLog.Entry> = [
      .init(node: 1, height: 1, instant: sealed), .init(node: 0, height: 1, instant: validated),
      .init(node: 2, height: 1, instant: validated), .init(node: 3, height: 1, instant: validated),
    ]
    #expect(Set(log.accepted) == expectedAccepted)
    #expect(compute.tasks(labelled: "seal-block").count == 1)
    #expect(compute.tasks(labelled: "validate-block").count == 3)
    // Real work is charged: the seal signs (scalar multiplications), validation verifies.
    for task in compute.tasks {
      #expect(task.work.curveScalarMultiplications > 0, "\(task.label)")
    }
    #expect(engine.chains[0].mainChainBlock(atHeight: 1)?.transactions == [transaction])
  }

  @Test func stopLetsTheRunDrain() {
    let (engine, simulation) = makeEngine()
    engine.start(in: simulation)
    simulation.schedule(after: .milliseconds(3_500)) { simulation in
      engine.stop(in: simulation)
    }
    simulation.run()
    // Slots 1–3 ran; slot 4 (4 s) was cancelled, so the queue empties.
    #expect(simulation.pendingEventCount == 0)
    #expect(engine.blockRecords.count == 3)
    #expect(engine.chains[0].height == 3)
    #expect(engine.isCanonical(engine.blockRecords[2].hash))
  }
}
