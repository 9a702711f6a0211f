import Cryptography
import SimCore
import SimKernel
import Testing

// `@testable` to hand a forged block to the engine's transport (`send`): no conduct breaks the
// signer limit, so only a forged block can show that receivers enforce it.
@testable import Ledger

/// PoA under faults: period P = 1 s, wiggle W = 100 ms, one-way latency d = 10 ms (d < W, so a
/// backup's block reaches everyone before the next rank's deadline), full mesh. Slot s starts at
/// s seconds; its in-turn signer is s mod n and the signer k places after it seals at s + k·W.
/// Signer limit: with n signers none seals one of the last ⌊n/2⌋ blocks (genesis not counted).
///
/// Tests that time gossip run with both modes: a block a node passes on reaches a peer k
/// latencies later, k = 1 flooding, k = 3 announcing (inventory, request, block; 3d < W still).
/// Catch-up requests and their replies take one latency each in both modes.
struct ProofOfAuthorityFaultTests {
  private static let modes: [(GossipMode, Int64)] = [(.flood, 1), (.announce, 3)]

  private static let period = SimDuration.seconds(1)
  private static let wiggle = SimDuration.milliseconds(100)
  private static let latency = SimDuration.milliseconds(10)
  /// Five signers' keys for the partition tests, made once (slow in debug builds).
  private static let fiveKeys: [Ed25519.PrivateKey] = {
    var work = Work.zero
    return ConsensusKeys.make(count: 5, streams: RandomStreams(seed: 31), work: &work)
  }()

  private func makeEngine(
    keys: [Ed25519.PrivateKey] = ConsensusFixtures.keys, gossip: GossipMode = .announce
  )
    -> (ProofOfAuthorityEngine, PartitionableTransport, Simulation)
  {
    let transport = PartitionableTransport(latency: Self.latency)
    let engine = ProofOfAuthorityEngine(
      configuration: ProofOfAuthorityConfiguration(
        period: Self.period, wiggle: Self.wiggle, gossip: gossip),
      keys: keys, peers: .fullMesh(nodeCount: keys.count), transport: transport)
    return (engine, transport, Simulation(streams: RandomStreams(seed: 3)))
  }

  private func at(_ milliseconds: Int64) -> SimInstant { .zero + .milliseconds(milliseconds) }

  private func submit(
    _ transactions: [Transaction], at node: Int, atMilliseconds milliseconds: Int64,
    to engine: ProofOfAuthorityEngine, in simulation: Simulation
  ) {
    simulation.schedule(after: .milliseconds(milliseconds)) { simulation in
      for transaction in transactions {
        engine.submit(transaction, at: NodeID(node), in: simulation)
      }
    }
  }

  /// The proposers and header timestamps (ms) of `node`'s main chain, heights 1…head.
  private func mainChain(of engine: ProofOfAuthorityEngine, at node: Int)
    -> (proposers: [Int], milliseconds: [Int64])
  {
    let chain = engine.chains[node]
    let blocks = (0..<chain.height).compactMap { chain.mainChainBlock(atHeight: $0 + 1) }
    return (
      blocks.map(\.header.proposer.index),
      blocks.map { $0.header.timestamp.nanosecondsSinceStart / 1_000_000 }
    )
  }

  // MARK: - (a) Backups and the signer limit

  @Test func crashedInTurnSignerIsCoveredByTheFirstEligibleBackup() {
    // 4 signers, signer 2 down; ⌊4/2⌋ = 2: a signer of either of the last two blocks is barred.
    //   slot 1: in turn 1 seals at 1 s.
    //   slot 2: in turn 2 is down; rank 1 = signer 3 (not barred) seals at 2 s + W.
    //   slot 3: in turn 3 sealed block 2: barred; rank 1 = signer 0 seals at 3 s + W.
    //   slot 4: in turn 0 sealed block 3: barred; rank 1 = signer 1 (block 1 is 3 back) at + W.
    //   slot 5: in turn 1 barred (block 4); rank 1 = signer 2 down; rank 2 = signer 3 at + 2W.
    //   slot 6: in turn 2 down; rank 1 = signer 3 barred (block 5): it passes, and rank 2 =
    //           signer 0 (blocks 4, 5 are 1's and 3's) seals at its own deadline, 6 s + 2W.
    // Block 6 arrives at 6.21 s; stop at 6.5 s.
    let (engine, _, simulation) = makeEngine()
    engine.crash(node: NodeID(2), in: simulation)
    engine.start(in: simulation)
    simulation.run(until: at(6_500))
    let expectedProposers = [1, 3, 0, 1, 3, 0]
    let expectedTimes: [Int64] = [1_000, 2_100, 3_100, 4_100, 5_200, 6_200]
    for node in [0, 1, 3] {
      let (proposers, times) = mainChain(of: engine, at: node)
      #expect(proposers == expectedProposers, "node \(node)")
      #expect(times == expectedTimes, "node \(node)")
    }
    // Barred and covered signers sealed nothing: one block per slot.
    #expect(engine.blockRecords.map(\.proposer.index) == expectedProposers)
    #expect(engine.rejectedBlockCount == 0)
  }

  @Test func receivedBlockBreakingTheSignerLimitIsRejected() throws {
    // Fault-free to 3.5 s: blocks 1, 2, 3 by signers 1, 2, 3 at 1, 2, 3 s. Two forged blocks
    // of slot 4 on block 3 are sent to node 0 at 3.5 s (arriving at 3.51 s): signer 2's, which
    // sealed block 2, one of the last ⌊4/2⌋ = 2, is rejected; signer 1's (block 1 is three
    // back) is accepted and becomes node 0's head at height 4.
    let (engine, _, simulation) = makeEngine()
    engine.start(in: simulation)
    simulation.run(until: at(3_500))
    let parent = try #require(engine.chains[0].mainChainBlock(atHeight: 3))
    #expect(engine.chains[0].height == 3)
    var work = Work.zero
    let forged = [2, 1].map { signer in
      Block.make(
        on: parent, transactions: [], timestamp: simulation.now, proposer: NodeID(signer),
        signer: ConsensusFixtures.keys[signer], seal: .proofOfAuthority(slot: 4), work: &work)
    }
    for (signer, block) in zip([2, 1], forged) {
      engine.send(block, from: signer, to: 0, forwards: false, in: simulation)
    }
    simulation.run(until: at(3_600))
    #expect(engine.rejectedBlockCount == 1)
    #expect(engine.chains[0].head.hash == forged[1].hash)
    #expect(!engine.chains[0].contains(forged[0].hash))
  }

  // MARK: - (b), (c) Partitions

  @Test func partitionedMinorityStopsSealingWhileMajoritySealsEverySlot() {
    // 5 signers, minority {3, 4} | majority {0, 1, 2} from the start; ⌊5/2⌋ = 2.
    // Minority: slot 1's ranks 0, 1 (signers 1, 2) are across the partition, so rank 2 =
    // signer 3 seals m1 at 1 s + 2W; slot 2: rank 1 = signer 3 is barred (m1), rank 2 =
    // signer 4 seals m2 at 2 s + 2W. Now both sealed one of the last two blocks: the minority
    // seals 2 blocks (its size) and then nothing, ever.
    // Majority: blocks 1, 2 by the in-turn signers 1, 2; from then on its three signers must
    // take turns: block h is signer h mod 3's, sealed (h mod 3 − h) mod 5 wiggles into slot h
    // (the ranks before it are minority signers or barred):
    //   h:     1  2  3  4  5  6  7  8  9  10 11 12
    //   sealer 1  2  0  1  2  0  1  2  0  1  2  0
    //   rank   0  0  2  2  2  4  4  4  1  1  1  3
    // Block 12 is sealed at 12.3 s; stop at 12.5 s.
    let (engine, transport, simulation) = makeEngine(keys: Self.fiveKeys)
    transport.partition([[3, 4], [0, 1, 2]])
    engine.start(in: simulation)
    simulation.run(until: at(12_500))
    for node in [3, 4] {
      let (proposers, times) = mainChain(of: engine, at: node)
      #expect(proposers == [3, 4], "node \(node)")
      #expect(times == [1_200, 2_200], "node \(node)")
    }
    let expectedProposers = [1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0]
    // h s + rank · 100 ms:
    let expectedTimes: [Int64] = [
      1_000, 2_000, 3_200, 4_200, 5_200, 6_400, 7_400, 8_400, 9_100, 10_100, 11_100, 12_300,
    ]
    for node in [0, 1, 2] {
      let (proposers, times) = mainChain(of: engine, at: node)
      #expect(proposers == expectedProposers, "node \(node)")
      #expect(times == expectedTimes, "node \(node)")
      #expect(engine.chains[node].staleBlockCount == 0)
    }
    #expect(engine.blockRecords.count == 2 + 12)
    // Nobody asked for blocks: nothing crossed the partition.
    #expect(engine.sentRequestCount == 0)
  }

  @Test(arguments: modes)
  func afterHealingEveryNodeAdoptsTheMajorityChainAndRetractedTransactionsReturn(
    gossip: GossipMode, k: Int64
  ) throws {
    // As in the previous test, plus 4 transactions submitted to node 3 at 0.5 s: gossiped to
    // node 4 only, included in m1 (signer 3, 1.2 s). The partition heals at 12.5 s.
    // Slot 13: in turn 3 and rank 1 = 4 are barred on their chain (m1, m2); rank 2 = signer 0
    // is barred on the majority chain (blocks 11, 12 are 2's and 0's); rank 3 = signer 1 seals
    // block 13 at 13 s + 3W = 13.3 s. Nodes 3 and 4 get it at 13.3 s + kd without its parent
    // (block 12): each sends one block-request to signer 1 (locator: m2, m1, genesis), which
    // gets it at 13.3 s + (k+1)d and replies with blocks 1…12 (12 block messages each),
    // arriving at 13.3 s + (k+2)d (13.33 s flooding, 13.35 s announcing): block 3 outgrows m2
    // (a reorganisation retracting m1 and m2, whose transactions return to the mempool), then
    // blocks 4…12 and the held block 13 attach.
    // Slot 14: in turn 4 (blocks 12, 13 are 0's and 1's) seals block 14 at 14 s, carrying the
    // returned transactions; stop at 14.5 s.
    let (engine, transport, simulation) = makeEngine(keys: Self.fiveKeys, gossip: gossip)
    transport.partition([[3, 4], [0, 1, 2]])
    let transactions = ConsensusFixtures.commitments(4)
    submit(transactions, at: 3, atMilliseconds: 500, to: engine, in: simulation)
    engine.start(in: simulation)
    simulation.run(until: at(12_500))
    let m1 = try #require(engine.chains[3].mainChainBlock(atHeight: 1))
    #expect(m1.transactions == transactions)
    transport.heal()
    simulation.run(until: at(13_300 + (k + 1) * 10))
    // Before the reply: the requests are out, the minority still on m2.
    #expect(transport.sentByKind["block-request"] == 2)
    #expect(engine.chains[3].height == 2)
    simulation.run(until: at(13_500))
    for node in [3, 4] {
      #expect(engine.chains[node].height == 13, "node \(node)")
      #expect(engine.chains[node].staleBlockCount == 2, "node \(node)")
      #expect(engine.mempool(of: NodeID(node)).transactions == transactions, "node \(node)")
      #expect(
        engine.arrivals[node].last == BlockArrival(height: 13, instant: at(13_300 + (k + 2) * 10)))
    }
    simulation.run(until: at(14_500))
    let block14 = try #require(engine.chains[0].mainChainBlock(atHeight: 14))
    #expect(block14.header.proposer == NodeID(4))
    #expect(block14.header.timestamp == at(14_000))
    #expect(block14.transactions == transactions)
    for node in 0..<5 {
      #expect(engine.chains[node].head.hash == block14.hash, "node \(node)")
      #expect(engine.mempool(of: NodeID(node)).isEmpty, "node \(node)")
    }
    #expect(engine.sentRequestCount == 2)
    #expect(engine.rejectedBlockCount == 0)
  }

  // MARK: - (d) Recovery

  @Test(arguments: modes)
  func recoveredSignerCatchesUpToTheHeadAndSealsAgain(gossip: GossipMode, k: Int64) throws {
    // 4 signers, signer 2 down from the start and back at 6.5 s. Blocks 1…6 as in
    // `crashedInTurnSignerIsCoveredByTheFirstEligibleBackup` (signers 1, 3, 0, 1, 3, 0).
    // Slot 7: in turn 3 (block 5) and rank 1 = 0 (block 6) are barred; rank 2 = signer 1 seals
    // block 7 at 7.2 s. Node 2 gets it at 7.2 s + kd without block 6: one request to signer 1
    // (locator: genesis only), replies with blocks 1…6 arriving at 7.2 s + (k+2)d (7.23 s
    // flooding, 7.25 s announcing), then the held block 7 attaches — before node 2's own
    // rank-3 deadline at 7.3 s, so it does not seal.
    // Slot 8: in turn 0 (block 6) and rank 1 = 1 (block 7) are barred; rank 2 = signer 2, now
    // on the head, seals block 8 at 8.2 s. Stop at 8.5 s.
    let (engine, transport, simulation) = makeEngine(gossip: gossip)
    engine.crash(node: NodeID(2), in: simulation)
    simulation.schedule(after: .milliseconds(6_500)) { simulation in
      engine.recover(node: NodeID(2), in: simulation)
    }
    engine.start(in: simulation)
    simulation.run(until: at(7_000))
    #expect(engine.chains[2].height == 0)
    simulation.run(until: at(8_500))
    let expected = (1...7).map { BlockArrival(height: $0, instant: at(7_200 + (k + 2) * 10)) }
    #expect(Array(engine.arrivals[2].prefix(7)) == expected)
    let block8 = try #require(engine.chains[0].mainChainBlock(atHeight: 8))
    #expect(block8.header.proposer == NodeID(2))
    #expect(block8.header.timestamp == at(8_200))
    for node in 0..<4 {
      #expect(engine.chains[node].head.hash == block8.hash, "node \(node)")
      #expect(engine.chains[node].staleBlockCount == 0, "node \(node)")
    }
    #expect(transport.sentByKind["block-request"] == 1)
  }

  // MARK: - (e) Conducts

  @Test(arguments: modes)
  func equivocatingSignersForkResolvesOnOneChain(gossip: GossipMode, k: Int64) throws {
    // 4 signers; signer 1 equivocates. 3 transactions reach every mempool by 0.5 s + kd.
    // Slot 1 (1 s): signer 1 seals A (the 3 transactions) and an empty twin B, keeps A, passes
    // A on to peers 0, 2 (the first ⌈3/2⌉) and B to peer 3. At 1 s + kd nodes 0, 2 take A as
    // head and node 3 takes B; each passes it on, so at 1 s + 2kd nodes 0, 2 add B and node 3
    // adds A as stale siblings (node 1 gets B from node 0 at 1 s + 3kd).
    // Slot 2 (2 s): signer 2 builds on A; node 3 reorganises to it at 2 s + kd. Slots 3 and 4
    // are signer 3's and 0's; stop at 4.5 s, before signer 1's next turn.
    let (engine, _, simulation) = makeEngine(gossip: gossip)
    engine.setConduct(.equivocate, of: NodeID(1), in: simulation)
    let transactions = ConsensusFixtures.commitments(3)
    submit(transactions, at: 0, atMilliseconds: 500, to: engine, in: simulation)
    engine.start(in: simulation)
    simulation.run(until: at(1_500))
    let sealed = engine.blockRecords
    #expect(sealed.map(\.proposer.index) == [1, 1])
    #expect(sealed.map(\.transactionCount) == [3, 0])
    let (a, b) = (sealed[0].hash, sealed[1].hash)
    #expect(a != b)
    #expect(engine.chains.map(\.head.hash) == [a, a, a, b])
    #expect(
      engine.arrivals[3] == [
        BlockArrival(height: 1, instant: at(1_000 + k * 10)),
        BlockArrival(height: 1, instant: at(1_000 + 2 * k * 10)),
      ])
    simulation.run(until: at(4_500))
    let head = engine.chains[0].head
    #expect(head.height == 4)
    for node in 0..<4 {
      let chain = engine.chains[node]
      #expect(chain.head.hash == head.hash, "node \(node)")
      #expect(chain.mainChainBlock(atHeight: 1)?.hash == a, "node \(node)")
      #expect(chain.contains(b) && chain.staleBlockCount == 1, "node \(node)")
      #expect(engine.mempool(of: NodeID(node)).isEmpty, "node \(node)")
    }
    #expect(engine.isCanonical(a) && !engine.isCanonical(b))
  }

  @Test func withholdingSignersSlotsAreFilledByBackupsUntilItTurnsHonest() {
    // 4 signers; signer 1 withholds until 7.5 s. ⌊4/2⌋ = 2.
    //   slot 1: in turn 1 withholds; rank 1 = 2 seals at + W.
    //   slot 2: in turn 2 barred; rank 1 = 3 at + W.      slot 3: 3 barred; 0 at + W.
    //   slot 4: 0 barred; rank 1 = 1 withholds; rank 2 = 2 (blocks 2, 3: 3, 0) at + 2W.
    //   slot 5: 1 withholds; 2 barred; rank 2 = 3 at + 2W.
    //   slot 6: 2 barred; 3 barred; rank 2 = 0 at + 2W.
    //   slot 7: 3 barred; 0 barred; 1 withholds; rank 3 = 2 (blocks 5, 6: 3, 0) at + 3W.
    //   slot 8: signer 1 is honest again; in turn 0 is barred (block 6); rank 1 = 1 seals at
    //           8 s + W. Stop at 8.5 s.
    let (engine, _, simulation) = makeEngine()
    engine.setConduct(.withhold, of: NodeID(1), in: simulation)
    simulation.schedule(after: .milliseconds(7_500)) { simulation in
      engine.setConduct(.honest, of: NodeID(1), in: simulation)
    }
    engine.start(in: simulation)
    simulation.run(until: at(8_500))
    let expectedProposers = [2, 3, 0, 2, 3, 0, 2, 1]
    let expectedTimes: [Int64] = [1_100, 2_100, 3_100, 4_200, 5_200, 6_200, 7_300, 8_100]
    for node in 0..<4 {
      let (proposers, times) = mainChain(of: engine, at: node)
      #expect(proposers == expectedProposers, "node \(node)")
      #expect(times == expectedTimes, "node \(node)")
    }
    #expect(engine.blockRecords.map(\.proposer.index) == expectedProposers)
  }

  @Test func invalidBlocksAreRejectedAndBackupsSealTheSlot() {
    // 4 signers; signer 1 sends blocks with a broken signature.
    //   slot 1 (1 s): signer 1's block reaches 0, 2, 3 at 1.01 s: 3 rejections; no valid block
    //           of slot 1 arrived, so rank 1 = signer 2 seals at 1.1 s.
    //   slots 2, 3: in turn 2, 3 barred; signers 3, 0 at + W (as when signer 1 withholds).
    //   slot 4: in turn 0 barred; rank 1 = signer 1 (blocks 2, 3: 3, 0) sends another broken
    //           block at 4.1 s: 3 more rejections; rank 2 = signer 2 seals at 4.2 s.
    // Stop at 4.5 s. Signer 1 never attached its own blocks, so it follows the valid chain.
    let (engine, _, simulation) = makeEngine()
    engine.setConduct(.invalidBlocks, of: NodeID(1), in: simulation)
    engine.start(in: simulation)
    simulation.run(until: at(4_500))
    #expect(engine.rejectedBlockCount == 6)
    #expect(engine.blockRecords.map(\.proposer.index) == [1, 2, 3, 0, 1, 2])
    let created = engine.blockRecords.map { $0.created.nanosecondsSinceStart / 1_000_000 }
    #expect(created == [1_000, 1_100, 2_100, 3_100, 4_100, 4_200])
    for node in 0..<4 {
      let (proposers, times) = mainChain(of: engine, at: node)
      #expect(proposers == [2, 3, 0, 2], "node \(node)")
      #expect(times == [1_100, 2_100, 3_100, 4_200], "node \(node)")
      #expect(engine.chains[node].staleBlockCount == 0, "node \(node)")
    }
    for record in engine.blockRecords where record.proposer == NodeID(1) {
      #expect(!engine.isCanonical(record.hash))
    }
  }

  @Test func censorsBlocksAreEmptyAndTheNextHonestSignerIncludesTheTransactions() throws {
    // 4 signers; signer 1 censors. 3 transactions submitted to node 0 at 0.5 s reach every
    // mempool at 0.51 s (node 0 sends them to all three). Slot 1: signer 1 seals at 1 s, empty;
    // slot 2: signer 2 seals at 2 s with the three. Stop at 2.5 s.
    let (engine, _, simulation) = makeEngine()
    engine.setConduct(.censor, of: NodeID(1), in: simulation)
    let transactions = ConsensusFixtures.commitments(3)
    submit(transactions, at: 0, atMilliseconds: 500, to: engine, in: simulation)
    engine.start(in: simulation)
    simulation.run(until: at(1_500))
    #expect(engine.mempool(of: NodeID(1)).transactions == transactions)
    simulation.run(until: at(2_500))
    let chain = engine.chains[3]
    let first = try #require(chain.mainChainBlock(atHeight: 1))
    let second = try #require(chain.mainChainBlock(atHeight: 2))
    #expect(first.header.proposer == NodeID(1))
    #expect(first.transactions.isEmpty)
    #expect(second.header.proposer == NodeID(2))
    #expect(second.header.timestamp == at(2_000))
    #expect(second.transactions == transactions)
    for node in 0..<4 { #expect(engine.mempool(of: NodeID(node)).isEmpty, "node \(node)") }
  }
}
