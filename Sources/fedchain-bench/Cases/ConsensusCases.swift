import Cryptography
import Ledger
import SimCore
import SimKernel

/// Consensus-engine benchmarks (issue #5 §7): whole runs of the engines on a fixed-latency
/// transport, reported per block (PoW) or per committed height (BFT). Both are long, so they
/// run only when named; keys and peer tables are made in `prepare`, outside the timed body.
///
/// The harness's rate is per block or height; the event count of a run is known only once it
/// has run, so each run also prints its simulation events and events per second (wall time
/// of the run itself, measured inside the body) on a line of its own.
func consensusBenchmarkCases() -> [BenchmarkCase] {
  [proofOfWorkCase(miners: 1_000, blocks: 10_000), byzantineCase(validators: 100, heights: 1_000)]
}

/// PoW with `miners` equal miners gossiping over a random graph of degree ≥ 8 with 100 ms
/// hops, T = 600 s, until `blocks` blocks are found. Keys are made outside the timed body.
private func proofOfWorkCase(miners: Int, blocks: Int) -> BenchmarkCase {
  BenchmarkCase(
    name: "consensus.pow.\(miners)x\(blocks)",
    summary: "PoW, \(miners) miners, degree-8 gossip, 100 ms hops, \(blocks) blocks",
    repetitions: 1, workPerRun: Double(blocks), unit: "blocks",
    prepare: {
      let streams = RandomStreams(seed: 11)
      var work = Work.zero
      let keys = ConsensusKeys.make(count: miners, streams: streams, work: &work)
      let peers = PeerTable.random(nodeCount: miners, degree: 8, streams: streams)
      return {
        reportingEvents("consensus.pow.\(miners)x\(blocks)") {
          runProofOfWork(keys: keys, peers: peers, blocks: blocks, streams: streams)
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

private func runProofOfWork(
  keys: [Ed25519.PrivateKey], peers: PeerTable, blocks: Int, streams: RandomStreams
) -> (events: Int64, checksum: UInt64) {
  let simulation = Simulation(streams: streams)
  let engine = ProofOfWorkEngine(
    configuration: .equalMiners(
      keys.count, meanBlockInterval: .seconds(600), targetBlockCount: blocks),
    keys: keys, peers: peers, transport: FixedLatencyTransport(latency: .milliseconds(100)),
    streams: streams)
  engine.start(in: simulation)
  simulation.run()
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
