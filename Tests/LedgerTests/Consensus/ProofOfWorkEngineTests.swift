import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

struct ProofOfWorkEngineTests {
  private func run(
    shares: [Double], blocks: Int, meanBlockInterval: SimDuration, latency: SimDuration,
    gossip: GossipMode = .announce, seed: UInt64
  ) -> ProofOfWorkEngine {
    let streams = RandomStreams(seed: seed)
    var work = Work.zero
    let engine = ProofOfWorkEngine(
      configuration: ProofOfWorkConfiguration(
        meanBlockInterval: meanBlockInterval, hashShares: shares, targetBlockCount: blocks,
        gossip: gossip),
      keys: ConsensusKeys.make(count: shares.count, streams: streams, work: &work),
      peers: .fullMesh(nodeCount: shares.count), transport: FixedLatencyTransport(latency: latency),
      streams: streams)
    let simulation = Simulation(streams: streams)
    engine.start(in: simulation)
    simulation.run()
    return engine
  }

  @Test func meanBlockIntervalIsTWithinMonteCarloError() {
    // Zero latency: no forks, and the finds of all miners form one Poisson process of rate
    // Σ share / T = 1/T. The n-th find time is a sum of n exponentials of mean T, so
    // (time / n) / T has mean 1 and relative standard deviation 1/√n = 0.0316 for n = 1,000;
    // the bound is ±4 sd.
    let n = 1_000
    let shares = [0.5, 0.3, 0.2]
    let engine = run(
      shares: shares, blocks: n, meanBlockInterval: .seconds(10), latency: .zero, seed: 1)
    #expect(engine.chain.height == n)
    #expect(engine.chain.staleBlockCount == 0)
    let meanInterval = engine.foundInstants[n].nanosecondsSinceStart / Int64(n)
    let relative = Double(meanInterval) / 1e10
    #expect(abs(relative - 1) <= 4 / Double(n).squareRoot(), "mean interval \(relative) T")
    // Each block is miner i's with probability share_i: its count is Binomial(n, share_i),
    // sd √(n p (1 − p)) (≤ 15.8 blocks here); the bound is ±4 sd.
    for (miner, share) in shares.enumerated() {
      let count = engine.blocks.dropFirst().filter { $0.header.proposer == NodeID(miner) }.count
      let sd = (Double(n) * share * (1 - share)).squareRoot()
      #expect(abs(Double(count) - Double(n) * share) <= 4 * sd, "miner \(miner): \(count) blocks")
    }
  }

  /// Flooding, one-way hops of 1 s; announcing, hops of 1/3 s (333,333,333 ns).
  @Test(
    arguments: [
      (GossipMode.flood, .seconds(1)), (.announce, .nanoseconds(333_333_333)),
    ] as [(GossipMode, SimDuration)])
  func staleRateMatchesSingleHopForkProbability(gossip: GossipMode, hop: SimDuration) {
    // n equal miners, full mesh, T = 10 s. A block found at t reaches every other miner at
    // t + τ, where τ is the time a block takes to cross one link: one hop flooding; announcing,
    // three (the finder's inventory, the request, the block: every miner hears the finder
    // first), so τ = 3 · 333,333,333 ns = 0.999999999 s, and τ = 1 s in both runs. During
    // (t, t + τ) the n − 1 others, holding share (n − 1)/n, still mine on its parent, so a
    // competitor appears with probability
    //   q = 1 − exp(−(n − 1)τ / (n T)) = 1 − e^(−0.09) = 0.08607  (n = 10),
    // which tends to the single-hop 1 − e^(−τ/T) = 0.0952 as n grows. Each challenged
    // main-chain block leaves one stale block, so stale / main-chain blocks estimates q
    // (races of three or more are O(q²) and inside the bound). With M main-chain blocks the
    // count of challenges is ≈ Binomial(M, q): sd of the rate √(q(1 − q)/M); bound ±4 sd.
    // Release: 20,000 blocks (M ≈ 18,400, 4 sd = 0.0083); debug: 1,500 (4 sd = 0.030).
    #if DEBUG
      let blocks = 1_500
    #else
      let blocks = 20_000
    #endif
    let n = 10
    let engine = run(
      shares: Array(repeating: 0.1, count: n), blocks: blocks, meanBlockInterval: .seconds(10),
      latency: hop, gossip: gossip, seed: 3)
    let tau = Double((hop * (gossip == .flood ? 1 : 3)).nanoseconds) / 1e9
    let q = 1 - (-0.9 * tau / 10.0).exp
    let mainChain = Double(engine.chain.height)
    let sd = (q * (1 - q) / mainChain).squareRoot()
    #expect(engine.chain.height + engine.chain.staleBlockCount == blocks)
    #expect(abs(engine.staleRate - q) <= 4 * sd, "stale rate \(engine.staleRate), q \(q)")
    // The share of stale blocks among all blocks is q / (1 + q).
    #expect(abs(engine.staleFraction - q / (1 + q)) <= 4 * sd)
  }

  @Test func sameSeedGivesSameChain() {
    let shares = [0.25, 0.25, 0.25, 0.25]
    let first = run(
      shares: shares, blocks: 100, meanBlockInterval: .seconds(10), latency: .seconds(2), seed: 9)
    let second = run(
      shares: shares, blocks: 100, meanBlockInterval: .seconds(10), latency: .seconds(2), seed: 9)
    let other = run(
      shares: shares, blocks: 100, meanBlockInterval: .seconds(10), latency: .seconds(2), seed: 10)
    #expect(first.blocks.map(\.hash) == second.blocks.map(\.hash))
    #expect(first.foundInstants == second.foundInstants)
    #expect(first.chain.head.hash == second.chain.head.hash)
    // Another seed draws other find times: the chains differ.
    #expect(first.foundInstants != other.foundInstants)
    // Every miner ends on the longest chain once gossip has drained.
    for miner in 0..<4 {
      #expect(first.head(of: NodeID(miner)).height == first.chain.height)
    }
  }
}

extension Double {
  fileprivate var exp: Double {
    // e^x by its Taylor series (|x| < 1 here: 30 terms are exact to double precision).
    var term = 1.0
    var sum = 1.0
    for k in 1..<30 {
      term *= self / Double(k)
      sum += term
    }
    return sum
  }
}
