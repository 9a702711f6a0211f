import Cryptography
import Ledger
import SimCore
import SimKernel
import Testing

struct ByzantineEngineTests {
  private static let delay = SimDuration.milliseconds(10)
  private static let timeout = SimDuration.seconds(1)

  private func makeEngine(validators: Int, heights: Int, commitDelay: SimDuration = .zero)
    -> (ByzantineEngine, Simulation)
  {
    let streams = RandomStreams(seed: 5)
    var work = Work.zero
    let engine = ByzantineEngine(
      configuration: ByzantineConfiguration(
        baseTimeout: Self.timeout, timeoutIncrement: .milliseconds(500), targetHeight: heights,
        commitDelay: commitDelay),
      keys: ConsensusKeys.make(count: validators, streams: streams, work: &work),
      transport: FixedLatencyTransport(latency: Self.delay))
    return (engine, Simulation(streams: streams))
  }

  @Test func allUpCommitsThreeDelaysAfterProposal() {
    let (engine, simulation) = makeEngine(validators: 4, heights: 5)
    engine.start(in: simulation)
    simulation.run()
    #expect(engine.committed.count == 6)
    // Proposal at t, prevotes sent at t + d reach quorum at t + 2d, precommits at t + 3d:
    // height h is proposed at 3d(h − 1) and committed by every validator at 3d·h.
    for height in 1...5 {
      #expect(
        engine.proposalInstants[height - 1] == SimInstant.zero + Self.delay
          * Int64(3 * (height - 1)))
      for node in 0..<4 {
        #expect(
          engine.commitInstants[node][height - 1] == SimInstant.zero + Self.delay
            * Int64(3 * height))
      }
      #expect(engine.committed[height].header.proposer == NodeID(height % 4))
    }
  }

  @Test func aCommitDelayPacesTheHeights() {
    // Tendermint's timeout_commit c = 100 ms: height 1 is proposed at 0 and committed at 3d;
    // each later height is proposed c after the previous commit and committed 3d after that:
    // height h commits at 3d + (h − 1)(c + 3d) = 30 + 130(h − 1) ms.
    let (engine, simulation) = makeEngine(
      validators: 4, heights: 4, commitDelay: .milliseconds(100))
    engine.start(in: simulation)
    simulation.run()
    #expect(engine.committed.count == 5)
    for height in 1...4 {
      let expected = SimInstant.zero + .milliseconds(30 + 130 * Int64(height - 1))
      for node in 0..<4 { #expect(engine.commitInstants[node][height - 1] == expected) }
    }
    // The delay adds no message: still 2n² − n − 1 = 27 per height.
    #expect(engine.messagesPerHeight == [27, 27, 27, 27])
  }

  @Test(arguments: [4, 7, 10])
  func messagesPerHeightAreTwoNSquaredMinusNMinusOne(validators n: Int) {
    let (engine, simulation) = makeEngine(validators: n, heights: 3)
    engine.start(in: simulation)
    simulation.run()
    // n − 1 proposal copies + n(n − 1) prevotes + n(n − 1) precommits = 2n² − n − 1
    // (27, 90, 189 for n = 4, 7, 10).
    #expect(engine.messagesPerHeight == Array(repeating: 2 * n * n - n - 1, count: 3))
  }

  @Test func heightCommitsInNextViewWhenProposerIsDown() {
    let (engine, simulation) = makeEngine(validators: 4, heights: 1)
    // Height 1, view 0 is proposed by (1 + 0) mod 4 = node 1.
    engine.crash(node: NodeID(1), in: simulation)
    engine.start(in: simulation)
    simulation.run()
    #expect(engine.committed.count == 2)
    // Timeout T at 1 s: the 3 live validators prevote nil (quorum 3 at T + d), precommit nil
    // (quorum at T + 2d), enter view 1 whose proposer is node 2, which commits 3d later:
    // T + 5d = 1.05 s.
    let expected = SimInstant.zero + Self.timeout + Self.delay * 5
    for node in [0, 2, 3] { #expect(engine.commitInstants[node] == [expected]) }
    #expect(engine.committed[1].header.seal == .byzantine(view: 1))
    #expect(engine.committed[1].header.proposer == NodeID(2))
    // View 0: 3 × 3 nil prevotes + 3 × 3 nil precommits; view 1: 3 proposal copies + 9 + 9
    // votes (sends to the crashed node count: the senders do not know it is down) = 39.
    #expect(engine.messagesPerHeight == [39])
  }
}
