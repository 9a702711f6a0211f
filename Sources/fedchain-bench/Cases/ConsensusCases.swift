import Cryptography
import Ledger
import SimCore
import SimKernel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Consensus-engine benchmarks (issue #5 §7): whole runs of the engines on a fixed-latency
/// transport, reported per block (PoW) or per committed height (BFT). Both are long, so they
/// run only when named; keys and peer tables are made in `prepare`, outside the timed body.
///
/// The harness's rate is per block or height; the event count of a run is known only once it
/// has run, so each run also prints its simulation events and events per second (wall time
/// of the run itself, measured inside the body) on a line of its own.
func consensusBenchmarkCases() -> [BenchmarkCase] {
  [
    proofOfWorkCase(miners: 1_000, blocks: 10_000, gossip: .announce),
    proofOfWorkCase(miners: 1_000, blocks: 10_000, gossip: .flood),
    byzantineCase(validators: 100, heights: 1_000),
  ]
}

/// PoW with `miners` equal miners gossiping over a random graph of degree ≥ 8 with 100 ms
/// hops, T = 600 s, until `blocks` blocks are found; blocks announced then requested (the
/// engine's default, `consensus.pow.…`) or flooded (`consensus.pow.flood.…`), so that both
/// stay measured. Keys are made outside the timed body. Each run also prints its fork
/// statistics (main-chain height, stale blocks, stale rate), the stale rate predicted from the
/// graph (see `predictedStaleRate`), its messages by kind and the bytes they carried.
private func proofOfWorkCase(miners: Int, blocks: Int, gossip: GossipMode) -> BenchmarkCase {
  let isFlood = gossip == .flood
  let name = "consensus.pow.\(isFlood ? "flood." : "")\(miners)x\(blocks)"
  return BenchmarkCase(
    name: name,
    summary:
      "PoW, \(miners) miners, degree-8 \(isFlood ? "flooding" : "announce-then-request") gossip, "
      + "100 ms hops, \(blocks) blocks",
    repetitions: 1, workPerRun: Double(blocks), unit: "blocks",
    prepare: {
      let streams = RandomStreams(seed: 11)
      var work = Work.zero
      let keys = ConsensusKeys.make(count: miners, streams: streams, work: &work)
      let peers = PeerTable.random(nodeCount: miners, degree: 8, streams: streams)
      let predicted = predictedStaleRate(
        peers: peers, hop: .milliseconds(100), hopsPerLink: isFlood ? 1 : 3,
        meanBlockInterval: .seconds(600))
      return {
        reportingEvents(name) {
          runProofOfWork(
            keys: keys, peers: peers, blocks: blocks, gossip: gossip, predicted: predicted,
            streams: streams)
        }
      }
    },
    runsByDefault: false)
}

/// Runs `body`, prints its event count and events per second of wall time, and returns its
/// checksum.
private func reportingEvents(_ name: String, _ body: () -> (events: Int64, checksum: UInt64))
  -> UInt64
{
  let clock = ContinuousClock()
  var result: (events: Int64, checksum: UInt64) = (0, 0)
  let elapsed = clock.measure { result = body() }
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  print(
    "  \(name): \(result.events) events in \(seconds) s = \(Double(result.events) / seconds) events/s"
  )
  return result.checksum
}

/// The stale blocks per main-chain block that equal miners on `peers` should see: a block
/// reaches a miner at distance h (in links) h · `hopsPerLink` · `hop` after its find (1 hop
/// per link flooding; 3 announcing, as every miner asks the first announcer, one on a
/// shortest path), so the mean delay over the other miners is τ = h̄ · hopsPerLink · hop for
/// the mean distance h̄ between two miners, and (as in `ProofOfWorkEngineTests`)
/// q = 1 − exp(−(n − 1)τ / (n T)).
/// - Complexity: O(n · links), one breadth-first search per miner.
private func predictedStaleRate(
  peers: PeerTable, hop: SimDuration, hopsPerLink: Int, meanBlockInterval: SimDuration
) -> Double {
  let n = peers.nodeCount
  var total = 0
  var distance = [Int](repeating: -1, count: n)
  var queue: [Int] = []
  for source in 0..<n {
    for index in distance.indices { distance[index] = -1 }
    distance[source] = 0
    queue.removeAll(keepingCapacity: true)
    queue.append(source)
    var cursor = 0
    while cursor < queue.count {
      let node = queue[cursor]
      cursor += 1
      total += distance[node]
      for peer in peers.peers[node] where distance[peer.index] < 0 {
        distance[peer.index] = distance[node] + 1
        queue.append(peer.index)
      }
    }
  }
  let meanDistance = Double(total) / Double(n * (n - 1))
  let tau = meanDistance * Double(hopsPerLink) * Double(hop.nanoseconds) / 1e9
  let interval = Double(meanBlockInterval.nanoseconds) / 1e9
  return 1 - exp(-Double(n - 1) * tau / (Double(n) * interval))
}

private func runProofOfWork(
  keys: [Ed25519.PrivateKey], peers: PeerTable, blocks: Int, gossip: GossipMode,
  predicted: Double, streams: RandomStreams
) -> (events: Int64, checksum: UInt64) {
  let simulation = Simulation(streams: streams)
  let transport = FixedLatencyTransport(latency: .milliseconds(100))
  let engine = ProofOfWorkEngine(
    configuration: .equalMiners(
      keys.count, meanBlockInterval: .seconds(600), targetBlockCount: blocks, gossip: gossip),
    keys: keys, peers: peers, transport: transport, streams: streams)
  engine.start(in: simulation)
  simulation.run()
  print(
    "  height \(engine.chain.height), stale \(engine.chain.staleBlockCount) "
      + "(rate \(engine.staleRate), predicted \(predicted)); messages: block "
      + "\(engine.sentMessageCount), block-inv \(engine.sentInventoryCount), block-getdata "
      + "\(engine.sentGetDataCount); \(transport.sentBytes.bytes) bytes")
  var checksum = checksumMix(0, UInt64(engine.chain.height))
  checksum = checksumMix(checksum, UInt64(engine.chain.staleBlockCount))
  checksum = checksumMix(checksum, UInt64(simulation.now.nanosecondsSinceStart))
  return (simulation.firedEventCount, checksum)
}

/// BFT with `validators` validators (f = 33), 10 ms hops, until `heights` heights commit:
/// 2n² − n − 1 = 19,899 messages per height; every vote is Ed25519-signed once and verified
/// once for real (2n = 200 of each per height), the other receipts answered by the memo.
private func byzantineCase(validators: Int, heights: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "consensus.bft.\(validators)x\(heights)",
    summary: "BFT, \(validators) validators, signed votes, 10 ms hops, \(heights) heights",
    repetitions: 1, workPerRun: Double(heights), unit: "heights",
    prepare: {
      let streams = RandomStreams(seed: 12)
      var work = Work.zero
      let keys = ConsensusKeys.make(count: validators, streams: streams, work: &work)
      return {
        reportingEvents("consensus.bft.\(validators)x\(heights)") {
          runByzantine(keys: keys, heights: heights, streams: streams)
        }
      }
    },
    runsByDefault: false)
}

private func runByzantine(keys: [Ed25519.PrivateKey], heights: Int, streams: RandomStreams)
  -> (events: Int64, checksum: UInt64)
{
  let simulation = Simulation(streams: streams)
  let engine = ByzantineEngine(
    configuration: ByzantineConfiguration(
      baseTimeout: .seconds(1), timeoutIncrement: .milliseconds(500), targetHeight: heights),
    keys: keys, transport: FixedLatencyTransport(latency: .milliseconds(10)))
  engine.start(in: simulation)
  simulation.run()
  var checksum = checksumMix(0, UInt64(engine.committed.count))
  checksum = checksumMix(checksum, UInt64(engine.sentMessageCount))
  checksum = checksumMix(checksum, UInt64(simulation.now.nanosecondsSinceStart))
  return (simulation.firedEventCount, checksum)
}
