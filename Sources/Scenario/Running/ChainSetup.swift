import Cryptography
import Ledger
import Platform
import Schemes
import SimCore
import SimKernel

/// Builds a blockchain scheme's consensus engine from the scenario's `chain`, checks that its
/// payloads fit in its blocks, and sums up its chain after a run.
enum ChainSetup {
  /// The engine the chain names, its validators on their topology nodes (validator i is
  /// `chain.validators[i]`), gossiping over a full mesh of routes as `chain.gossip` says (with
  /// go-ethereum's 5 s request timeout when announcing), charging its work on the validators'
  /// compute.
  static func makeEngine(
    _ chain: ScenarioSpec.ChainSpec, network: FlowNetwork, compute: ComputeCluster,
    streams: RandomStreams
  ) -> any ConsensusEngine {
    let n = chain.validators.count
    var keyWork = Work.zero
    let keys = ConsensusKeys.make(count: n, streams: streams, work: &keyWork)
    let limits = BlockLimits(maxBlockBytes: chain.maxBlockBytes, maxGas: chain.maxBlockGas)
    let transport = MappedTransport(base: network, nodes: chain.validators)
    let validatorCompute = MappedCompute(base: compute, nodes: chain.validators)
    let peers = PeerTable.fullMesh(nodeCount: n)
    let gossip: GossipMode =
      switch chain.gossip {
      case .announce: .announce(requestTimeout: chain.gossipTimeout)
      case .flood: .flood
      }
    switch chain.consensus {
    case .proofOfAuthority(let period, let wiggle):
      return ProofOfAuthorityEngine(
        configuration: ProofOfAuthorityConfiguration(
          period: period, wiggle: wiggle, limits: limits, confirmationDepth: chain.confirmations,
          gossip: gossip),
        keys: keys, peers: peers, transport: transport, compute: validatorCompute)
    case .proofOfWork(let meanInterval):
      return ProofOfWorkEngine(
        configuration: .equalMiners(
          n, meanBlockInterval: meanInterval, limits: limits,
          confirmationDepth: chain.confirmations, gossip: gossip),
        keys: keys, peers: peers, transport: transport, streams: streams,
        compute: validatorCompute)
    case .byzantine(let timeout, let increment, let commitDelay):
      return ByzantineEngine(
        configuration: ByzantineConfiguration(
          baseTimeout: timeout, timeoutIncrement: increment, limits: limits,
          commitDelay: commitDelay, gossip: gossip),
        keys: keys, peers: peers, transport: transport, compute: validatorCompute)
    }
  }

  /// How long a blockchain run may sit with nothing in flight before it is declared stalled:
  /// an hour, or 100 times the time the chain takes to include and confirm a transaction,
  /// whichever is longer — so a slow chain is never mistaken for a stalled one.
  static func stallLimit(_ chain: ScenarioSpec.ChainSpec) -> SimDuration {
    let confirmation: SimDuration
    switch chain.consensus {
    case .proofOfAuthority(let period, _): confirmation = period * Int64(chain.confirmations + 1)
    case .proofOfWork(let interval): confirmation = interval * Int64(chain.confirmations + 1)
    case .byzantine(let timeout, _, let commitDelay): confirmation = timeout + commitDelay
    }
    return max(.seconds(3_600), confirmation * 100)
  }

  /// Throws when an on-chain update transaction could not fit in an empty block, by bytes or by
  /// intrinsic gas: no block could ever include it.
  static func checkPayloadsFit(_ chain: ScenarioSpec.ChainSpec, backend: any TrainingBackend)
    throws(ScenarioError)
  {
    guard chain.storage == nil else { return }
    // The update transaction a client sends, bytes on chain, priced without building it (a
    // placeholder model may be gigabytes): an update with empty content, plus the bytes.
    let emptyUpdate = ModelUpdate(
      client: ClientID(0), round: 0, sampleCount: 0, content: .onChain([]))
    let payloadBytes = emptyUpdate.encodedByteCount + Int(backend.updateWireSize.bytes)
    let transactionBytes =
      Transaction.envelopeByteCount + payloadBytes + Ed25519.signatureByteCount
    let blockBytes = Block.overheadByteCount + transactionBytes
    let gas = GasSchedule.ethereum.gas(forPayloadByteCount: payloadBytes)
    let location = chain.location
    if Int64(blockBytes) > chain.maxBlockBytes.bytes {
      throw .invalidValue(
        file: location.file, line: location.line, path: location.path + ".blockBytes",
        value: "\(chain.maxBlockBytes)",
        accepted:
          "blocks large enough for one on-chain update (\(blockBytes) bytes with its block's "
          + "header), or \"payloads\": \"off-chain\"")
    }
    if gas > chain.maxBlockGas {
      throw .invalidValue(
        file: location.file, line: location.line, path: location.path + ".blockGas",
        value: "\(chain.maxBlockGas)",
        accepted:
          "a gas limit of at least \(gas), the intrinsic gas of one on-chain update, or "
          + "\"payloads\": \"off-chain\"")
    }
  }

  /// The chain a blockchain scheme's run left: its blocks, which are canonical, the gas.
  static func outcome(of scheme: ChainCoordinator) -> ChainOutcome {
    let engine = scheme.engine
    let blocks = engine.blockRecords
    var executionGas: [BlockHash: UInt64] = [:]
    for execution in scheme.runtime.executions {
      executionGas[execution.blockHash] = execution.gasUsed
    }
    let canonical = blocks.map { engine.isCanonical($0.hash) }
    var bytes: Int64 = 0
    var gas: UInt64 = 0
    for (block, isCanonical) in zip(blocks, canonical) where isCanonical {
      bytes += Int64(block.byteCount)
      gas += block.gas + (executionGas[block.hash] ?? 0)
    }
    return ChainOutcome(
      blocks: blocks, isCanonical: canonical,
      executionGas: blocks.map { executionGas[$0.hash] }, onChainBytes: bytes, gas: gas)
  }
}
