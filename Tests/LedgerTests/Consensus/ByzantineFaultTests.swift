import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// BFT under crashes, partitions and misbehaving validators. One-way delay d = 10 ms, timeout
/// T = 1 s, increment 500 ms (view v waits T_v = T + v · 500 ms for each of its timeouts).
///
/// Reference timings, all derived from the engine's rules:
/// - a view whose proposer is up and every vote arrives commits 3d after the proposal (the
///   proposal arrives at +d, prevotes reach quorum at +2d, precommits at +3d);
/// - a view whose proposer sends nothing valid ends T_v after it starts: the live validators
///   prevote nil then, reach a nil-prevote quorum d later and a nil-precommit quorum 2d later,
///   and enter the next view; if that view's proposer is up, the height commits T_v + 5d after
///   the failed view started.
/// Transactions are flooded (one hop to every validator), as the derivations assume.
struct ByzantineFaultTests {
  private static let d = SimDuration.milliseconds(10)
  private static let timeout = SimDuration.seconds(1)
  private static let increment = SimDuration.milliseconds(500)
  /// Seven validators' keys, made once (key generation is slow in debug builds).
  private static let sevenKeys: [Ed25519.PrivateKey] = {
    var work = Work.zero
    return ConsensusKeys.make(count: 7, streams: RandomStreams(seed: 47), work: &work)
  }()

  private func makeEngine(
    keys: [Ed25519.PrivateKey] = ConsensusFixtures.keys, heights: Int,
    transport: (any MessageTransport)? = nil, peers: PeerTable? = nil,
    compute: (any ComputeService)? = nil
  ) -> (ByzantineEngine, Simulation) {
    let engine = ByzantineEngine(
      configuration: ByzantineConfiguration(
        baseTimeout: Self.timeout, timeoutIncrement: Self.increment, targetHeight: heights,
        gossip: .flood),
      keys: keys, peers: peers,
      transport: transport ?? FixedLatencyTransport(latency: Self.d), compute: compute)
    return (engine, Simulation(streams: RandomStreams(seed: 9)))
  }

  /// The instant `ms` milliseconds into the run.
  private func at(_ ms: Int64) -> SimInstant { .zero + .milliseconds(ms) }

  /// Runs the first minute and expects nothing left pending by then: a validator stuck for good
  /// would ask its peers for news every timeout, forever.
  private func drain(
    _ simulation: Simulation, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    simulation.run(until: .zero + .seconds(60))
    #expect(
      simulation.pendingEventCount == 0, "a validator is stuck", sourceLocation: sourceLocation)
  }

  // MARK: - Crashes

  @Test func fourValidatorsCommitEveryHeightWithOneCrashed() {
    let (engine, simulation) = makeEngine(heights: 6)
    let log = ChainLog(engine)
    engine.crash(node: NodeID(3), in: simulation)
    engine.start(in: simulation)
    drain(simulation)
    // Proposers h mod 4: heights 1 and 2 (nodes 1, 2) commit at 30 and 60 ms. Height 3's
    // proposer, node 3, is down: view 0 fails and view 1 (node 0) commits T + 5d after 60 ms,
    // at 1110 ms. Heights 4–6 (nodes 0, 1, 2) follow 3d apart.
    let expected = [30, 60, 1110, 1140, 1170, 1200].map(at)
    for node in 0..<3 { #expect(engine.commitInstants[node] == expected) }
    #expect(engine.commitInstants[3].isEmpty)
    #expect(engine.committed[3].header.seal == .byzantine(view: 1))
    #expect(engine.committed[3].header.proposer == NodeID(0))
    // Sends to the crashed validator still count (the senders cannot tell), but it sends
    // nothing: a one-view height has 3 proposal copies and 3 × 3 prevotes and precommits
    // (21, not 2n² − n − 1 = 27); height 3 has 9 + 9 nil votes in view 0, then 21 in view 1.
    #expect(engine.messagesPerHeight == [21, 21, 39, 21, 21, 21])
    log.expectAgreement(with: engine, nodes: 0..<3)
  }

  @Test func sevenValidatorsCommitEveryHeightWithTwoCrashed() {
    let (engine, simulation) = makeEngine(keys: Self.sevenKeys, heights: 9)
    let log = ChainLog(engine)
    // f = 2, quorum 5: the five live validators must all vote. Nodes 1 and 2 propose view 0
    // of heights 1, 2, 8 and 9, and node 2 also view 1 of heights 1 and 8.
    engine.crash(node: NodeID(1), in: simulation)
    engine.crash(node: NodeID(2), in: simulation)
    engine.start(in: simulation)
    drain(simulation)
    // Height 1: view 0 (node 1) ends at T + 2d = 1020 ms; view 1 (node 2) waits
    // T + 500 ms and ends 2d later, at 2540 ms; view 2 (node 3) commits 3d later: 2570 ms.
    // Height 2: view 0 (node 2) fails, view 1 (node 3) commits T + 5d later: 3620 ms.
    // Heights 3–7 (nodes 3, 4, 5, 6, 0): 3650, 3680, 3710, 3740, 3770 ms.
    // Height 8 repeats height 1 (+2570 ms): 6340 ms; height 9 repeats height 2: 7390 ms.
    let expected = [2570, 3620, 3650, 3680, 3710, 3740, 3770, 6340, 7390].map(at)
    for node in [0, 3, 4, 5, 6] { #expect(engine.commitInstants[node] == expected) }
    #expect(engine.committed[1].header.seal == .byzantine(view: 2))
    #expect(engine.committed[1].header.proposer == NodeID(3))
    log.expectAgreement(with: engine, nodes: [0, 3, 4, 5, 6])
  }

  @Test func twoOfFourCrashedStopsCommitsUntilOneRecovers() {
    let (engine, simulation) = makeEngine(heights: 3)
    let log = ChainLog(engine)
    engine.start(in: simulation)
    // Height 1 commits at 30 ms. Height 2's proposer, node 2, proposes and prevotes at 30 ms;
    // nodes 2 and 3 crash at 35 ms, before either receives anything of height 2.
    simulation.schedule(after: .milliseconds(35)) { simulation in
      engine.crash(node: NodeID(2), in: simulation)
      engine.crash(node: NodeID(3), in: simulation)
    }
    simulation.schedule(after: .milliseconds(2500)) { simulation in
      engine.recover(node: NodeID(2), in: simulation)
    }
    drain(simulation)
    // Nodes 0 and 1 get the proposal at 40 ms and prevote it; with node 2's prevote that is a
    // quorum at 50 ms, so they lock on the block and precommit it, but two precommits are not
    // a quorum: nothing commits while two validators are down (their statuses every T from
    // 2030 ms reach only each other). Node 2 recovers at R = 2500 ms with its prevote but
    // without the others' votes, which were lost; its status reaches 0 and 1 at R + d, their
    // proposal, prevotes and precommits reach it at R + 2d: with its own precommit that is a
    // quorum, it commits at 2520 ms; its precommit completes 0's and 1's at 2530 ms.
    #expect(engine.commitInstants[0] == [at(30), at(2530), at(3580)])
    #expect(engine.commitInstants[1] == [at(30), at(2530), at(3580)])
    #expect(engine.commitInstants[2] == [at(30), at(2520), at(3580)])
    #expect(engine.commitInstants[3] == [at(30)])
    // The block committed at height 2 is the one locked before the crash.
    #expect(engine.committed[2].header.proposer == NodeID(2))
    #expect(engine.proposalInstants[1] == at(30))
    // Height 3's proposer, node 3, stays down. Node 2 enters height 3 at 2520 ms and prevotes
    // nil at 3520 ms; nodes 0 and 1 enter at 2530 ms and prevote nil at 3530 ms, their
    // nil-prevote quorum completes at 3540 ms, the nil-precommit quorum at 3550 ms, and view
    // 1's proposer, node 0, commits 3d later: 3580 ms.
    #expect(engine.committed[3].header.seal == .byzantine(view: 1))
    #expect(engine.committed[3].header.proposer == NodeID(0))
    log.expectAgreement(with: engine, nodes: 0..<3)
  }

  @Test func recoveredValidatorSkipsToItsPeersView() {
    let (engine, simulation) = makeEngine(keys: Self.sevenKeys, heights: 5)
    let log = ChainLog(engine)
    // n = 7, f = 2, quorum 5. Nodes 5 and 6 are down from the start; heights 1–4 (proposers
    // 1–4) commit at 30, 60, 90 and 120 ms. Height 5's view 0 (proposer 5) fails at
    // 120 + T + 2d = 1140 ms, with nodes 0–4's nil votes; view 1's proposer is node 6.
    engine.crash(node: NodeID(5), in: simulation)
    engine.crash(node: NodeID(6), in: simulation)
    engine.start(in: simulation)
    // Node 4 crashes during view 1: the four left prevote nil at 1140 + 1500 = 2640 ms and
    // are stuck.
    simulation.schedule(after: .milliseconds(1200)) { simulation in
      engine.crash(node: NodeID(4), in: simulation)
    }
    simulation.schedule(after: .milliseconds(3000)) { simulation in
      engine.recover(node: NodeID(5), in: simulation)
    }
    drain(simulation)
    // Node 5 recovers at 3000 ms: it syncs heights 1–4 and enters height 5, view 0 (it
    // proposes there, in vain). The replies to its status reach it at 3020 ms: view 0's nil
    // precommits come from four validators only (node 4's is lost), so view 0 never ends for
    // it, but view 1's nil prevotes come from four (≥ f + 1 = 3): it skips to view 1 at once.
    // Its view-1 propose timeout fires at 3020 + 1500 = 4520 ms: its nil prevote completes
    // the quorum (5) at every live validator by 4530 ms, the nil precommits at 4540 ms, and
    // view 2's proposer, node 0, commits 3d later: 4570 ms. (Without the skip, node 5 would
    // reach view 1 only by its view-0 timeouts, at 4020 ms, and wait 1.5 s more there.)
    #expect(engine.commitInstants[0] == [30, 60, 90, 120, 4570].map(at))
    #expect(engine.commitInstants[5] == [3000, 3000, 3000, 3000, 4570].map(at))
    #expect(engine.committed[5].header.seal == .byzantine(view: 2))
    log.expectAgreement(with: engine, nodes: [0, 1, 2, 3, 5])
  }

  @Test func crashDropsTheMempoolAndAResubmissionIsCommitted() throws {
    // Node 2 relays to nobody, so a transaction submitted there stays in its mempool alone.
    let peers = PeerTable(
      peers: [[1, 2, 3], [0, 2, 3], [], [0, 1, 2]].map { $0.map(NodeID.init) })
    let (engine, simulation) = makeEngine(heights: 6, peers: peers)
    let transaction = try #require(ConsensusFixtures.commitments(1).first)
    engine.submit(transaction, at: NodeID(2), in: simulation)
    #expect(engine.mempool(of: NodeID(2)).contains(transaction.id))
    engine.start(in: simulation)
    simulation.schedule(after: .milliseconds(15)) { simulation in
      engine.crash(node: NodeID(2), in: simulation)
    }
    simulation.schedule(after: .milliseconds(1085)) { simulation in
      engine.recover(node: NodeID(2), in: simulation)
    }
    simulation.schedule(after: .milliseconds(1086)) { simulation in
      engine.submit(transaction, at: NodeID(2), in: simulation)
    }
    drain(simulation)
    // The crash at 15 ms lost the one transaction node 2 held.
    #expect(engine.transactionCounts.lostInCrashCount == 1)
    // Height 1 (node 1) commits at 30 ms; height 2's proposer, node 2, is down: view 1
    // (node 3) commits at 30 + T + 5d = 1080 ms. Node 2 recovers at 1085 ms, syncs heights 1
    // and 2, and receives height 3's proposal (node 3, sent at 1080 ms) at 1090 ms: height 3
    // commits at 1110 ms everywhere. The resubmission at 1086 ms is admitted again (the crash
    // forgot it), so it is admitted twice in all; node 2 proposes next at height 6 (proposed
    // at 1170 ms, committed at 1200 ms), with it.
    #expect(engine.transactionCounts.admittedCount == 2)
    #expect(engine.transactionCounts.duplicateCount == 0)
    #expect(engine.commitInstants[2] == [1085, 1085, 1110, 1140, 1170, 1200].map(at))
    #expect(engine.committed[6].header.proposer == NodeID(2))
    #expect(engine.committed[6].transactions == [transaction])
    #expect(engine.committed[1...5].map(\.transactions.count) == [0, 0, 0, 0, 0])
  }

  @Test func lockedValidatorsReproposeTheirBlockInsteadOfANewOne() {
    // Node 3's first validation takes 3 s, so it misses view 0's proposal; every other task
    // is instant.
    let compute = SlowValidationCompute(node: NodeID(3), delay: .seconds(3))
    let (engine, simulation) = makeEngine(heights: 1, compute: compute)
    let log = ChainLog(engine)
    engine.start(in: simulation)
    simulation.schedule(after: .milliseconds(15)) { simulation in
      engine.crash(node: NodeID(2), in: simulation)
    }
    drain(simulation)
    // View 0: node 1 proposes P at 0 and prevotes it; nodes 0 and 2 prevote it at 10 ms, so 0
    // and 1 see 3 prevotes at 20 ms: they lock on P and precommit it. Node 2 crashed at 15 ms,
    // so two precommits are all P gets. Node 3 prevotes nil at T (1000 ms), sees 4 prevoters
    // without a quorum it can use, and precommits nil at its prevote timeout (2000 ms); with
    // 0's and 1's precommits that is 3 precommitters without a commit, so each precommit
    // timeout runs (until 3000 ms at node 3, 3010 ms at 0 and 1, which saw its precommit at
    // 2010 ms).
    // View 1 (proposer 2, down): propose timeouts at 4500 and 4510 ms, nil quorums at 4520 and
    // 4530 ms. View 2 (proposer 3, never locked) proposes a new block Q at 4530 ms; 0 and 1,
    // locked on P, prevote nil, and the prevote timeout (T_2 = 2 s from 4550 ms) moves everyone
    // on at 6560 ms. View 3's proposer, node 0, re-proposes P with view 0's prevotes, which
    // every live validator holds: P commits 3d later, at 6590 ms, in view 3.
    for node in [0, 1, 3] { #expect(engine.commitInstants[node] == [at(6590)]) }
    #expect(engine.committed[1].header.timestamp == at(0))
    #expect(engine.committed[1].header.seal == .byzantine(view: 0))
    // Two blocks were made (P and Q); the re-proposal is not a new block.
    #expect(engine.blockRecords.map(\.created) == [at(0), at(4530)])
    log.expectAgreement(with: engine, nodes: [0, 1, 3])
  }

  // MARK: - Partitions

  @Test func partitionIntoHalvesStopsCommitsAndHealingResumesThem() {
    let transport = PartitionableTransport(latency: Self.d)
    let (engine, simulation) = makeEngine(heights: 3, transport: transport)
    let log = ChainLog(engine)
    engine.start(in: simulation)
    simulation.schedule(after: .milliseconds(35)) { _ in transport.partition([[0, 1], [2, 3]]) }
    simulation.schedule(after: .milliseconds(2500)) { _ in transport.heal() }
    drain(simulation)
    // Height 1 commits at 30 ms. Height 2's proposer, node 2, proposes at 30 ms; the copies
    // for 0 and 1 arrive at 40 ms, after the split, and are lost: 2 and 3 prevote the block,
    // 0 and 1 prevote nil at their timeout (1030 ms); no side has a quorum. Every validator
    // is still in view 0 when its propose timeout fires at 1030 ms, so it sends its status to
    // the others every T from 2030 ms. The first statuses after healing (2500 ms), sent at
    // 3030 ms, are answered at 3040 ms with each validator's proposal and prevote, which
    // arrive at 3050 ms: all four prevotes are now everywhere, two for the block and two for
    // nil, so each validator's prevote timeout runs until 4050 ms; the nil precommits form a
    // quorum at 4060 ms, and view 1's proposer, node 3, commits 3d later: 4090 ms. Height 3
    // (node 3) follows at 4120 ms.
    for node in 0..<4 {
      #expect(engine.commitInstants[node] == [at(30), at(4090), at(4120)])
    }
    #expect(engine.committed[2].header.seal == .byzantine(view: 1))
    #expect(transport.lostCount > 0)
    log.expectAgreement(with: engine, nodes: 0..<4)
  }

  // MARK: - Conducts

  @Test func equivocatingProposerOfFourCannotSplitTheChain() {
    let (engine, simulation) = makeEngine(heights: 5)
    let log = ChainLog(engine)
    engine.setConduct(.equivocate, of: NodeID(1), in: simulation)
    engine.start(in: simulation)
    drain(simulation)
    // Node 1 proposes heights 1 and 5. Its first block (timestamp t) goes to nodes 0 and 2,
    // the second (empty, t + 1 ns) to node 3, and it prevotes and precommits both. The first
    // has 3 prevotes (1, 0, 2) at 2d and 3 precommits at 3d: it commits at 3d everywhere,
    // node 3 taking it from its peers. Every height keeps its fault-free instant 3d·h.
    for node in 0..<4 {
      #expect(engine.commitInstants[node] == [30, 60, 90, 120, 150].map(at))
    }
    #expect(engine.committed[1].header.timestamp == at(0))
    #expect(engine.committed[5].header.timestamp == at(120))
    // Both blocks of each equivocation were made, one committed.
    #expect(engine.blockRecords.filter { $0.height == 1 }.count == 2)
    #expect(engine.blockRecords.filter { $0.height == 5 }.count == 2)
    log.expectAgreement(with: engine, nodes: 0..<4)
  }

  @Test func equivocatingProposerOfSevenCostsAViewChange() {
    let (engine, simulation) = makeEngine(keys: Self.sevenKeys, heights: 8)
    let log = ChainLog(engine)
    engine.setConduct(.equivocate, of: NodeID(1), in: simulation)
    engine.start(in: simulation)
    drain(simulation)
    // Node 1 proposes heights 1 and 8: nodes 0, 2, 3 get one block and 4, 5, 6 the other, so
    // each block has 3 honest prevotes and node 1's: 4 < 5. At 2d every honest validator has
    // prevotes from all 7 that agree on nothing it can precommit: its prevote timeout ends at
    // 2d + T, the 6 nil precommits form a quorum at 3d + T, and view 1 (node 2) commits at
    // 6d + T = 1060 ms. Heights 2–7 follow 3d apart; height 8 repeats height 1: 2300 ms.
    let expected = [1060, 1090, 1120, 1150, 1180, 1210, 1240, 2300].map(at)
    for node in 0..<7 { #expect(engine.commitInstants[node] == expected) }
    #expect(engine.committed[1].header.seal == .byzantine(view: 1))
    #expect(engine.committed[8].header.proposer == NodeID(2))
    log.expectAgreement(with: engine, nodes: 0..<7)
  }

  @Test func withholdingValidatorCostsOneViewChangePerTurn() {
    let (engine, simulation) = makeEngine(heights: 9)
    let log = ChainLog(engine)
    engine.setConduct(.withhold, of: NodeID(1), in: simulation)
    engine.start(in: simulation)
    // Back to honest during height 8, before its next turn (height 9).
    simulation.schedule(after: .milliseconds(2279)) { simulation in
      engine.setConduct(.honest, of: NodeID(1), in: simulation)
    }
    drain(simulation)
    // Node 1's turns (heights 1 and 5) end by a view change: T + 5d each. Height 1 commits at
    // 1050 ms, heights 2–4 at 1080, 1110, 1140 ms; height 5 at 1140 + 1050 = 2190 ms, heights
    // 6–8 at 2220, 2250, 2280 ms; height 9, proposed by node 1 again, 3d later: 2310 ms.
    let expected = [1050, 1080, 1110, 1140, 2190, 2220, 2250, 2280, 2310].map(at)
    for node in 0..<4 { #expect(engine.commitInstants[node] == expected) }
    #expect(engine.committed[5].header.proposer == NodeID(2))
    #expect(engine.committed[9].header.proposer == NodeID(1))
    // Node 1 sends no vote while withholding: a one-view height has 3 proposal copies and
    // 3 × 3 prevotes and precommits (21); its turns add view 0's 9 + 9 nil votes (39).
    #expect(engine.messagesPerHeight == [39, 21, 21, 21, 39, 21, 21, 21, 27])
    log.expectAgreement(with: engine, nodes: 0..<4)
  }

  @Test func invalidBlocksAreRejectedAndTheNextViewCommits() {
    let (engine, simulation) = makeEngine(heights: 5)
    let log = ChainLog(engine)
    engine.setConduct(.invalidBlocks, of: NodeID(1), in: simulation)
    engine.start(in: simulation)
    drain(simulation)
    // Node 1's proposals (heights 1 and 5) have a broken signature: each of the 3 others
    // rejects each one (6), prevotes nil at T, and view 1 (node 2) commits T + 5d after the
    // height began: 1050 ms; heights 2–4 at 1080, 1110, 1140 ms; height 5 at 2190 ms.
    #expect(engine.rejectedProposalCount == 6)
    let expected = [1050, 1080, 1110, 1140, 2190].map(at)
    for node in 0..<4 { #expect(engine.commitInstants[node] == expected) }
    #expect(engine.committed[1].header.proposer == NodeID(2))
    #expect(engine.committed[1].header.seal == .byzantine(view: 1))
    // Height 1: 3 invalid proposal copies, 4 × 3 nil prevotes and precommits in view 0 (node 1
    // votes honestly), then 3 + 12 + 12 in view 1: 54.
    #expect(engine.messagesPerHeight[0] == 54)
    log.expectAgreement(with: engine, nodes: 0..<4)
  }

  @Test func censorsBlockIsEmptyAndTheNextHonestProposerCommitsTheTransactions() {
    let (engine, simulation) = makeEngine(heights: 6)
    engine.setConduct(.censor, of: NodeID(2), in: simulation)
    let transactions = ConsensusFixtures.commitments(5)
    for transaction in transactions { engine.submit(transaction, at: NodeID(0), in: simulation) }
    engine.start(in: simulation)
    let late = ConsensusFixtures.commitments(1, firstClient: 5)
    simulation.schedule(after: .milliseconds(65)) { simulation in
      engine.setConduct(.honest, of: NodeID(2), in: simulation)
    }
    simulation.schedule(after: .milliseconds(125)) { simulation in
      for transaction in late { engine.submit(transaction, at: NodeID(0), in: simulation) }
    }
    drain(simulation)
    // Height 1 (node 1, at 0 ms) precedes the transactions' arrival (10 ms). Height 2 is
    // node 2's, at 30 ms: it holds all five but censors them. Height 3 (node 3, 60 ms) carries
    // them. Heights keep their fault-free instants 3d·h.
    #expect(engine.committed[1].transactions.isEmpty)
    #expect(engine.committed[2].transactions.isEmpty)
    #expect(engine.committed[3].transactions == transactions)
    // Honest again from 65 ms: the transaction submitted at 125 ms misses height 5 (node 1,
    // proposed at 120 ms) and enters node 2's height 6 (proposed at 150 ms).
    #expect(engine.committed[6].transactions == late)
    for node in 0..<4 {
      #expect(engine.commitInstants[node] == [30, 60, 90, 120, 150, 180].map(at))
    }
    // Gossip of the five: node 0 sends 3 copies, nodes 1 and 3 relay 2 each, node 2 relays
    // none: 7 each (35). The late one is relayed by node 2 too: 3 + 2 + 2 + 2 = 9.
    #expect(engine.transactionCounts.messageCount == 35 + 9)
  }
}

/// The hashes each validator committed, in order, from the engine's acceptance callback.
private final class ChainLog {
  private(set) var hashes: [[BlockHash]]

  init(_ engine: ByzantineEngine) {
    hashes = Array(repeating: [], count: engine.validatorCount)
    engine.onBlockAccepted = { [self] node, block, _ in hashes[node.index].append(block.hash) }
  }

  /// Expects each of `nodes` to have committed exactly the engine's chain.
  func expectAgreement(
    with engine: ByzantineEngine, nodes: some Sequence<Int>,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let chain = engine.committed.dropFirst().map(\.hash)
    for node in nodes {
      #expect(hashes[node] == chain, "validator \(node)", sourceLocation: sourceLocation)
    }
  }
}

/// A compute service where the first block validation on one node takes `delay` and every
/// other task takes no time.
private final class SlowValidationCompute: ComputeService {
  let node: NodeID
  let delay: SimDuration
  private var isFirst = true

  init(node: NodeID, delay: SimDuration) {
    self.node = node
    self.delay = delay
  }

  func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onDone: @escaping Simulation.Action
  ) {
    let isSlow = isFirst && node == self.node && label == "validate-block"
    if isSlow { isFirst = false }
    simulation.schedule(after: isSlow ? delay : .zero, onDone)
  }
}
