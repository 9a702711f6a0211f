import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

/// PoW under faults: four miners (the fixture keys), T = 10 s, full mesh, hops of τ = 100 ms
/// unless a test says otherwise. Peers are listed ascending, so miner 0's are [1, 2, 3].
///
/// Tests that follow blocks hop by hop run with both gossip modes. A block passed on reaches a
/// peer k hops later: k = 1 flooding; k = 3 announcing (inventory, request, block). Requests
/// and answers of the catch-up take one hop each in both modes.
struct ProofOfWorkFaultTests {
  private static let hop = SimDuration.milliseconds(100)

  /// k: the hops a block takes from a miner that has it to a peer.
  private static func blockHops(_ gossip: GossipMode) -> Int64 { gossip == .flood ? 1 : 3 }

  private func makeEngine(
    shares: [Double] = [0.25, 0.25, 0.25, 0.25], transport: any MessageTransport,
    targetBlockCount: Int? = nil, gossip: GossipMode = .announce, seed: UInt64
  ) -> (ProofOfWorkEngine, Simulation) {
    let streams = RandomStreams(seed: seed)
    let engine = ProofOfWorkEngine(
      configuration: ProofOfWorkConfiguration(
        meanBlockInterval: .seconds(10), hashShares: shares, targetBlockCount: targetBlockCount,
        gossip: gossip),
      keys: ConsensusFixtures.keys, peers: .fullMesh(nodeCount: 4), transport: transport,
      streams: streams)
    return (engine, Simulation(streams: streams))
  }

  /// The blocks of `miner`'s main chain, genesis excluded, lowest first.
  private func mainChain(of miner: Int, in engine: ProofOfWorkEngine) -> [Block] {
    let byHash = Dictionary(uniqueKeysWithValues: engine.blocks.map { ($0.hash, $0) })
    var chain: [Block] = []
    var cursor = engine.head(of: NodeID(miner))
    while cursor.height > 0 {
      chain.append(cursor)
      cursor = byHash[cursor.parentHash]!
    }
    return chain.reversed()
  }

  private func heads(_ engine: ProofOfWorkEngine) -> [BlockHash] {
    (0..<4).map { engine.head(of: NodeID($0)).hash }
  }

  /// Runs until a block is found (a published one: a valid block joins `blocks`), and returns
  /// its index.
  private func runToNextFind(_ engine: ProofOfWorkEngine, _ simulation: Simulation) -> Int {
    let found = engine.foundBlockCount
    simulation.run { _ in engine.foundBlockCount == found }
    return found + 1
  }

  // MARK: - Partition, crash

  /// Sides {0, 1} and {2, 3} are apart from t = 0 to 300 s; each side mines at rate 1 / 20 s,
  /// so each grows a branch of about 15 blocks from the genesis block. Side 0's two
  /// transactions reach miner 0 and side 1's two reach miner 2 at 1 s, and gossip within the
  /// side only. Flooding, seed 1: the side finding first after the heal is the longer
  /// (heights 14 and 6); seed 10: it is the shorter (7 against 22); seed 3: its find makes a
  /// tie (12 + 1 = 13). Announcing, seed 4: the longer (20 and 16); seed 2: the shorter (14
  /// against 17); seed 3: a tie again.
  @Test(
    arguments: [
      (GossipMode.flood, 1), (.flood, 10), (.flood, 3), (.announce, 4), (.announce, 2),
      (.announce, 3),
    ] as [(GossipMode, UInt64)])
  func partitionForksAndHealingAdoptsTheLongerBranch(gossip: GossipMode, seed: UInt64) throws {
    let hop = Self.hop
    let k = Self.blockHops(gossip)
    let transport = PartitionableTransport(latency: hop)
    let (engine, simulation) = makeEngine(transport: transport, gossip: gossip, seed: seed)
    let log = BlockEventLog()
    log.observe(engine)
    let sides = [[0, 1], [2, 3]]
    let sideTransactions = [
      ConsensusFixtures.commitments(2), ConsensusFixtures.commitments(2, firstClient: 2),
    ]
    transport.partition(sides)
    engine.start(in: simulation)
    simulation.schedule(after: .seconds(1)) { simulation in
      for side in 0..<2 {
        for transaction in sideTransactions[side] {
          engine.submit(transaction, at: NodeID(sides[side][0]), in: simulation)
        }
      }
    }
    simulation.run(until: .zero + .seconds(300))

    // During the partition: both sides advanced, every miner's chain holds only its own
    // side's blocks, and each side's chain carries its side's transactions.
    var sideHeads: [Block] = []
    for side in 0..<2 {
      let chains = sides[side].map { mainChain(of: $0, in: engine) }
      try #require(chains[0] == chains[1], "side \(side) has one head at the heal")
      #expect(!chains[0].isEmpty)
      #expect(chains[0].allSatisfy { sides[side].contains($0.header.proposer.index) })
      #expect(chains[0].flatMap(\.transactions) == sideTransactions[side])
      sideHeads.append(engine.head(of: NodeID(sides[side][0])))
    }
    transport.heal()

    // The first find after the heal, by miner f of side F at t1 (the other side is O):
    //   t1             f passes its block b (height hF + 1) on to its three peers;
    //   t1 + kτ        O's miners have b, lack its parent, and lost blocks (or inventories)
    //                  in the partition: each asks f for the missing ancestors;
    //   t1 + (k+1)τ    f answers each with F's branch and, lacking O's head, asks each back;
    //   t1 + (k+2)τ    O's miners connect F's branch and b; they answer with O's branch;
    //   t1 + (k+3)τ    f connects O's branch and passes it on to its side peer p;
    //   t1 + (2k+3)τ   p connects O's branch.
    // If hF + 1 > hO, O's miners move to b at t1 + (k+2)τ; if hO > hF + 1, f moves to O's head
    // at t1 + (k+3)τ and p at t1 + (2k+3)τ (flooding: 3τ, 4τ, 5τ; announcing: 5τ, 6τ, 9τ).
    // Either way all heads agree by t1 + (2k+3)τ, after 2 + 2 requests.
    let b = runToNextFind(engine, simulation)
    let t1 = engine.foundInstants[b]
    let f = engine.blocks[b].header.proposer.index
    let sideF = sides[0].contains(f) ? 0 : 1
    let p = sides[sideF].first { $0 != f }!
    let hF = sideHeads[sideF].height
    let hO = sideHeads[1 - sideF].height
    simulation.run(until: t1 + hop * (2 * k + 3))
    try #require(engine.foundBlockCount == b, "no other find before t1 + (2k+3)τ")
    #expect(engine.sentRequestCount == 4)
    let winner: Int
    let winnerHead: Block
    let adoptions: [(miner: Int, instant: SimInstant)]
    if hF + 1 > hO {
      winner = sideF
      winnerHead = engine.blocks[b]
      adoptions = sides[1 - sideF].map { ($0, t1 + hop * (k + 2)) }
    } else if hO > hF + 1 {
      winner = 1 - sideF
      winnerHead = sideHeads[1 - sideF]
      adoptions = [(f, t1 + hop * (k + 3)), (p, t1 + hop * (2 * k + 3))]
    } else {
      // A tie stands: each side keeps the head it had first, though by t1 + (2k+3)τ every
      // miner has connected both branches. So the next block c (at t2) carries every miner
      // over on arrival, at t2 + kτ, without a request.
      for miner in 0..<4 {
        let expected = sides[sideF].contains(miner) ? engine.blocks[b] : sideHeads[1 - sideF]
        #expect(engine.head(of: NodeID(miner)) == expected)
      }
      let c = runToNextFind(engine, simulation)
      let t2 = engine.foundInstants[c]
      simulation.run(until: t2 + hop * k)
      try #require(engine.foundBlockCount == c, "no other find before t2 + kτ")
      #expect(engine.sentRequestCount == 4)
      winner = sides[0].contains(engine.blocks[c].header.proposer.index) ? 0 : 1
      winnerHead = engine.blocks[c]
      adoptions = sides[1 - winner].map { ($0, t2 + hop * k) }
    }
    let loser = 1 - winner
    #expect(heads(engine) == Array(repeating: winnerHead.hash, count: 4))
    for (miner, instant) in adoptions {
      // The whole winning branch is accepted at once, in height order.
      #expect(
        log.accepted(at: miner).filter { $0.instant == instant }
          == (1...winnerHead.height).map { .init(node: miner, height: $0, instant: instant) })
    }
    // The losing branch's transactions are back in its side's mempools; the winning side
    // never received them (transaction gossip was cut).
    for miner in sides[loser] {
      #expect(engine.mempool(of: NodeID(miner)).transactions == sideTransactions[loser])
    }
    for miner in sides[winner] { #expect(engine.mempool(of: NodeID(miner)).isEmpty) }

    // Later the losing side's miners mine them on the winning chain: all four transactions
    // end on the one main chain, once each, and every mempool is empty.
    simulation.run(until: .zero + .seconds(600))
    engine.stop(in: simulation)
    simulation.run()
    let final = heads(engine)
    #expect(final == Array(repeating: final[0], count: 4))
    let included = mainChain(of: 0, in: engine).flatMap(\.transactions).map(\.id)
    #expect(included.count == 4)
    #expect(Set(included) == Set(sideTransactions.joined().map(\.id)))
    for miner in 0..<4 { #expect(engine.mempool(of: NodeID(miner)).isEmpty) }
  }

  /// Miner 3 is down from 50 s to 200 s while the others mine about 11 blocks (rate 3/4 per
  /// T). The first block b found by another miner f after the recovery, at t1:
  ///   t1 + kτ       b reaches 3 (from f), whose head h3 is b's ancestor but not its parent; 3
  ///                 dropped blocks (or inventories) while down, so it asks f (one request;
  ///                 what the other two pass on arrives later and is dropped);
  ///   t1 + (k+1)τ   f has 3's head, so the fork is h3: it sends the blocks above h3 up to b's
  ///                 parent, and does not ask back;
  ///   t1 + (k+2)τ   3 connects them and b, accepting heights h3 + 1 … height(b) at once.
  @Test(arguments: [GossipMode.flood, .announce])
  func crashedMinerCatchesUpOnTheFirstBlockAfterRecovery(gossip: GossipMode) throws {
    let hop = Self.hop
    let k = Self.blockHops(gossip)
    let (engine, simulation) = makeEngine(
      transport: FixedLatencyTransport(latency: hop), gossip: gossip, seed: 3)
    let log = BlockEventLog()
    log.observe(engine)
    engine.start(in: simulation)
    simulation.run(until: .zero + .seconds(50))
    engine.crash(node: NodeID(3), in: simulation)
    let crashedHead = engine.head(of: NodeID(3))
    simulation.run(until: .zero + .seconds(200))
    #expect(engine.head(of: NodeID(3)) == crashedHead)
    try #require(engine.head(of: NodeID(0)).height > crashedHead.height + 1)
    // The last block before the recovery and what its receivers passed on ((k+1)τ) have all
    // arrived: what miner 3 dropped is not resent.
    try #require(engine.foundInstants.last! + hop * (k + 1) < simulation.now)
    engine.recover(node: NodeID(3), in: simulation)
    #expect(engine.sentRequestCount == 0)
    // Its head is below the others' (not on a branch they left): the fork is that head.
    try #require(mainChain(of: 0, in: engine).contains(crashedHead))

    let b = runToNextFind(engine, simulation)
    let t1 = engine.foundInstants[b]
    try #require(engine.blocks[b].header.proposer != NodeID(3))
    simulation.run(until: t1 + hop * (k + 2))
    try #require(engine.foundBlockCount == b, "no other find before t1 + (k+2)τ")
    #expect(heads(engine) == Array(repeating: engine.blocks[b].hash, count: 4))
    #expect(engine.sentRequestCount == 1)
    #expect(
      log.accepted(at: 3).filter { $0.instant > t1 }
        == (crashedHead.height + 1...engine.blocks[b].height).map {
          .init(node: 3, height: $0, instant: t1 + hop * (k + 2))
        })
  }

  /// Without a lost message or a crash nothing is asked: the catch-up costs a lossless run no
  /// message, and no announced block's request times out.
  @Test(arguments: [GossipMode.flood, .announce])
  func losslessRunSendsNoRequest(gossip: GossipMode) {
    let transport = PartitionableTransport(latency: .seconds(2))
    let (engine, simulation) = makeEngine(
      transport: transport, targetBlockCount: 60, gossip: gossip, seed: 3)
    engine.start(in: simulation)
    simulation.run()
    // 2k s to cross a hop against T = 10 s: forks are common (q ≈ 1 − e^(−0.15k), 14% per block
    // flooding, 36% announcing).
    #expect(engine.chain.staleBlockCount > 0)
    #expect(engine.sentRequestCount == 0)
    #expect(transport.sentByKind["block-request"] == nil)
    #expect(transport.lostCount == 0)
    #expect(engine.timedOutRequestCount == 0)
  }

  // MARK: - Conducts

  /// Miner 0 equivocates; a transaction reaches every miner at t = 0. With seed 5 miner 0 finds
  /// first, at t_e, and makes twins on the genesis block: A (carrying the transaction) goes to
  /// the first half of its peers, ⌈3/2⌉ = 2 of them, [1, 2], and the empty B to [3]. At
  /// t_e + kτ miners 1, 2 accept A and 3 accepts B; by t_e + 2kτ what they pass on has crossed
  /// (1, 2 → 3 and 3 → 1, 2) and, at equal height, each keeps the one it received first.
  /// Later blocks settle the fork.
  @Test(arguments: [GossipMode.flood, .announce])
  func equivocationForksThenResolvesOnOneChain(gossip: GossipMode) throws {
    let hop = Self.hop
    let k = Self.blockHops(gossip)
    let (engine, simulation) = makeEngine(
      transport: FixedLatencyTransport(latency: hop), gossip: gossip, seed: 5)
    let log = BlockEventLog()
    log.observe(engine)
    engine.setConduct(.equivocate, of: NodeID(0), in: simulation)
    let transaction = ConsensusFixtures.commitments(1)[0]
    for miner in 0..<4 { engine.submit(transaction, at: NodeID(miner), in: simulation) }
    engine.start(in: simulation)
    let b = runToNextFind(engine, simulation)
    try #require(engine.blocks[b].header.proposer == NodeID(0), "miner 0 finds first")
    // The twins are the two blocks found, at one instant, on the genesis block.
    let a = engine.blocks[b]
    let twin = engine.blocks[b + 1]
    let tE = engine.foundInstants[b]
    #expect(engine.foundInstants[b + 1] == tE)
    #expect(twin.header.proposer == NodeID(0))
    #expect(twin.parentHash == a.parentHash && twin.height == a.height)
    #expect(twin.hash != a.hash)
    #expect(a.transactions == [transaction])
    #expect(twin.transactions.isEmpty)
    simulation.run(until: tE + hop * (2 * k))
    try #require(engine.foundBlockCount == b + 1, "no other find before t_e + 2kτ")
    #expect(heads(engine) == [a.hash, a.hash, a.hash, twin.hash])
    for (miner, block) in [(1, a), (2, a), (3, twin)] {
      #expect(
        log.accepted(at: miner).last
          == .init(node: miner, height: block.height, instant: tE + hop * k))
    }

    // Until 400 s every find of miner 0 makes a pair, at most one of which ends on the final
    // chain: each pair leaves at least one stale block. Then miner 0 turns honest, and the
    // next block (a single one, whoever finds it) settles the last fork.
    let restore = SimInstant.zero + .seconds(400)
    simulation.run(until: restore)
    engine.setConduct(.honest, of: NodeID(0), in: simulation)
    _ = runToNextFind(engine, simulation)
    engine.stop(in: simulation)
    simulation.run()
    let final = heads(engine)
    #expect(final == Array(repeating: final[0], count: 4))
    let byZero = engine.blocks.indices.dropFirst().filter {
      engine.blocks[$0].header.proposer == NodeID(0) && engine.foundInstants[$0] <= restore
    }
    let pairs = stride(from: 0, to: byZero.count - 1, by: 2).map { (byZero[$0], byZero[$0 + 1]) }
    #expect(byZero.count == 2 * pairs.count)
    let mainChain = Set(mainChain(of: 0, in: engine).map(\.hash))
    for (first, second) in pairs {
      #expect(second == first + 1)
      #expect(engine.blocks[first].parentHash == engine.blocks[second].parentHash)
      #expect(
        !(mainChain.contains(engine.blocks[first].hash)
          && mainChain.contains(engine.blocks[second].hash)))
    }
    #expect(engine.chain.staleBlockCount >= pairs.count)
    #expect(engine.chain.height + engine.chain.staleBlockCount == engine.foundBlockCount)
    // The last find came after the restore: a single block.
    #expect(engine.foundInstants[engine.foundBlockCount] > restore)
    #expect(engine.foundInstants[engine.foundBlockCount - 1] < engine.foundInstants.last!)
  }

  /// Miner 0, with half the hash power, withholds; zero latency (no forks). The public chain
  /// then grows only by the other miners' finds, a Poisson process of rate (1 − 0.5) / T:
  /// over W = 2,000 s its length is Poisson(100), sd 10, and so is the withheld count; the
  /// bound is ±4 sd. With miner 0 honest the same window gives Poisson(200) (sd 14.1), at
  /// least 143 blocks within 4 sd, so the two ranges, [60, 140] and [143, 257], are apart.
  @Test func withheldBlocksNeverReachThePublicChain() {
    let shares = [0.5, 1.0 / 6, 1.0 / 6, 1.0 / 6]
    let window = SimInstant.zero + .seconds(2_000)
    let (engine, simulation) = makeEngine(
      shares: shares, transport: FixedLatencyTransport(latency: .zero), seed: 5)
    engine.setConduct(.withhold, of: NodeID(0), in: simulation)
    engine.start(in: simulation)
    simulation.run(until: window)
    engine.stop(in: simulation)
    simulation.run()
    #expect(engine.blocks.dropFirst().allSatisfy { $0.header.proposer != NodeID(0) })
    #expect(engine.chain.staleBlockCount == 0)
    #expect(engine.chain.height == engine.foundBlockCount)
    // Miner 0 follows (and relays) the public chain.
    #expect(heads(engine) == Array(repeating: engine.chain.head.hash, count: 4))
    #expect(abs(engine.chain.height - 100) <= 40, "public chain \(engine.chain.height)")
    #expect(abs(engine.withheldBlockCount - 100) <= 40, "withheld \(engine.withheldBlockCount)")

    let (honest, honestSimulation) = makeEngine(
      shares: shares, transport: FixedLatencyTransport(latency: .zero), seed: 5)
    honest.start(in: honestSimulation)
    honestSimulation.run(until: window)
    #expect(abs(honest.chain.height - 200) <= 57, "honest chain \(honest.chain.height)")
    #expect(honest.withheldBlockCount == 0)
  }

  /// Miner 0 publishes blocks with broken signatures until 20 valid blocks are found. Each is
  /// passed on to its 3 peers (sent, or announced and then requested), who reject it and pass
  /// nothing on, so the rejections are 3 per invalid find; none is connected anywhere.
  @Test(arguments: [GossipMode.flood, .announce])
  func invalidBlocksAreRejectedByEveryReceiver(gossip: GossipMode) throws {
    let hop = Self.hop
    let k = Self.blockHops(gossip)
    let (engine, simulation) = makeEngine(
      transport: FixedLatencyTransport(latency: hop), targetBlockCount: 20, gossip: gossip,
      seed: 6)
    engine.setConduct(.invalidBlocks, of: NodeID(0), in: simulation)
    engine.start(in: simulation)
    // At the first invalid find (t_i) the others keep their heads when it arrives (t_i + kτ).
    simulation.run { _ in engine.invalidBlocks.isEmpty }
    let found = engine.foundBlockCount
    let before = heads(engine)
    let tI = simulation.now
    simulation.run(until: tI + hop * k)
    try #require(engine.foundBlockCount == found, "no valid find before t_i + kτ")
    #expect(engine.rejectedBlockCount == 3)
    #expect(heads(engine) == before)

    simulation.run()
    #expect(engine.foundBlockCount == 20)
    #expect(!engine.invalidBlocks.isEmpty)
    #expect(engine.rejectedBlockCount == 3 * engine.invalidBlocks.count)
    #expect(engine.blocks.dropFirst().allSatisfy { $0.header.proposer != NodeID(0) })
    let final = heads(engine)
    #expect(final == Array(repeating: final[0], count: 4))
    // Each fails validation on its signature, against the block it was made on.
    let byHash = Dictionary(uniqueKeysWithValues: engine.blocks.map { ($0.hash, $0) })
    for block in engine.invalidBlocks {
      let parent = try #require(byHash[block.parentHash])
      var work = Work.zero
      #expect(throws: LedgerError.invalidBlockSignature(height: block.height, block: block.hash)) {
        try BlockValidator().validate(
          block: block, parent: parent, limits: engine.limits, work: &work)
      }
      #expect(!engine.isCanonical(block.hash))
    }
  }

  /// Miner 0 (share 0.7) censors; three transactions reach every miner at t = 0 (zero
  /// latency). Its blocks stay empty though its mempool holds them; the first block of another
  /// miner includes all three (they fit one block), and every miner accepts it.
  @Test func censorsBlocksAreEmptyAndOthersMineTheTransactions() throws {
    let (engine, simulation) = makeEngine(
      shares: [0.7, 0.1, 0.1, 0.1], transport: FixedLatencyTransport(latency: .zero),
      targetBlockCount: 10, seed: 7)
    engine.setConduct(.censor, of: NodeID(0), in: simulation)
    let transactions = ConsensusFixtures.commitments(3)
    for transaction in transactions { engine.submit(transaction, at: NodeID(1), in: simulation) }
    engine.start(in: simulation)
    simulation.run()
    let blocks = engine.blocks.dropFirst()
    try #require(blocks.first?.header.proposer == NodeID(0), "the censor finds first")
    let censored = blocks.filter { $0.header.proposer == NodeID(0) }
    #expect(censored.allSatisfy { $0.transactions.isEmpty })
    let firstHonest = try #require(blocks.first { $0.header.proposer != NodeID(0) })
    #expect(firstHonest.transactions == transactions)
    #expect(mainChain(of: 0, in: engine).flatMap(\.transactions) == transactions)
    for miner in 0..<4 { #expect(engine.mempool(of: NodeID(miner)).isEmpty) }
  }
}
