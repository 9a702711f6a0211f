import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

struct ProofOfAuthorityEngineTests {
  private static let period = SimDuration.seconds(5)
  private static let wiggle = SimDuration.milliseconds(500)

  private func makeEngine(signers: Int, latency: SimDuration, gossip: GossipMode = .announce)
    -> (ProofOfAuthorityEngine, Simulation)
  {
    let streams = RandomStreams(seed: 7)
    var work = Work.zero
    let engine = ProofOfAuthorityEngine(
      configuration: ProofOfAuthorityConfiguration(
        period: Self.period, wiggle: Self.wiggle, gossip: gossip),
      keys: ConsensusKeys.make(count: signers, streams: streams, work: &work),
      peers: .fullMesh(nodeCount: signers), transport: FixedLatencyTransport(latency: latency))
    return (engine, Simulation(streams: streams))
  }

  @Test(arguments: [GossipMode.flood, .announce])
  func blocksArriveExactlyEveryPeriodWithAllSignersUp(gossip: GossipMode) {
    let (engine, simulation) = makeEngine(signers: 4, latency: .zero, gossip: gossip)
    engine.start(in: simulation)
    // Slots 1…10 start at 5 s … 50 s; stop just before slot 11.
    simulation.run(until: .zero + Self.period * 10 + .seconds(1))
    for node in 0..<4 {
      let chain = engine.chains[node]
      #expect(chain.height == 10)
      #expect(chain.staleBlockCount == 0)
      // Zero latency: every node attaches the block of height h at exactly h · 5 s.
      #expect(
        engine.arrivals[node]
          == (1...10).map { BlockArrival(height: $0, instant: .zero + Self.period * Int64($0)) })
      for height in 1...10 {
        let block = chain.mainChainBlock(atHeight: height)!
        // In turn: signer h mod 4 seals slot h.
        #expect(block.header.proposer == NodeID(height % 4))
        #expect(block.header.seal == .proofOfAuthority(slot: UInt64(height)))
      }
    }
    // Flooding, each block goes to 3 peers from its sealer and is forwarded by each of them to
    // the 2 others (who drop the copy): 3 + 3·2 = 9 block messages per block. Announcing, the
    // 9 messages are inventories, and each of the 3 others asks the sealer (the first it
    // heard) once and gets the block once: 3 requests and 3 block messages per block.
    if gossip == .flood {
      #expect(engine.sentMessageCount == 10 * 9)
      #expect(engine.sentInventoryCount == 0 && engine.sentGetDataCount == 0)
    } else {
      #expect(engine.sentMessageCount == 10 * 3)
      #expect(engine.sentInventoryCount == 10 * 9 && engine.sentGetDataCount == 10 * 3)
    }
    #expect(engine.rejectedBlockCount == 0)
  }

  /// Announcing, a block reaches the others 3 latencies after its sealer has it (inventory,
  /// request, block), flooding 1: 300 ms and 100 ms, both below the 500 ms wiggle, so backups
  /// seal exactly as derived below in both modes.
  @Test(arguments: [(GossipMode.flood, 1), (.announce, 3)] as [(GossipMode, Int64)])
  func chainGrowsWithBackupDelayWhenInTurnSignerIsDown(gossip: GossipMode, hops: Int64) throws {
    let latency = SimDuration.milliseconds(100)
    let (engine, simulation) = makeEngine(signers: 4, latency: latency, gossip: gossip)
    engine.crash(node: NodeID(2), in: simulation)
    engine.start(in: simulation)
    // The signer limit (4 signers: none may seal one of the last ⌊4/2⌋ = 2 blocks) makes the
    // three live signers take turns in a fixed cycle: block 1 is signer 1's (in turn); block 2
    // is signer 3's (signer 2 is down, signer 3 ranks first); from then on the one signer of the
    // three that sealed neither of the last two blocks seals, so heights 1, 2, 3, 4, … go to
    // signers 1, 3, 0, 1, 3, 0, …: h ≡ 1, 2, 0 (mod 3) → 1, 3, 0. The sealer ranks
    // (sealer − h) mod 4 places after slot h's in-turn signer h mod 4 and seals that many
    // wiggles into the slot (the signers ranked before it are down or barred):
    //   h:     1  2  3  4  5  6  7  8  9  10
    //   sealer 1  3  0  1  3  0  1  3  0  1
    //   rank   0  1  1  1  2  2  2  3  3  3
    // Block 10 is sealed at 50 s + 3 · 0.5 s = 51.5 s and arrives by 51.8 s; stop at 52 s.
    simulation.run(until: .zero + Self.period * 10 + .seconds(2))
    let sealers = [1, 3, 0, 1, 3, 0, 1, 3, 0, 1]
    let ranks: [Int64] = [0, 1, 1, 1, 2, 2, 2, 3, 3, 3]
    for node in [0, 1, 3] {
      let chain = engine.chains[node]
      #expect(chain.height == 10)
      #expect(chain.staleBlockCount == 0)
      for height in 1...10 {
        let block = try #require(chain.mainChainBlock(atHeight: height))
        let slotStart = SimInstant.zero + Self.period * Int64(height)
        #expect(block.header.proposer == NodeID(sealers[height - 1]))
        #expect(block.header.timestamp == slotStart + Self.wiggle * ranks[height - 1])
      }
    }
    // The crashed signer saw nothing.
    #expect(engine.chains[2].height == 0)
    // Node 0 receives the slot-2 block from signer 3 `hops` latencies after it was sealed.
    #expect(
      engine.arrivals[0][1]
        == BlockArrival(
          height: 2, instant: .zero + Self.period * 2 + Self.wiggle + latency * hops))
  }
}
