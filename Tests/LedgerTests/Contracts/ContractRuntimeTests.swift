import Cryptography
import SimCore
import SimKernel
import Testing

@testable import Ledger

/// The contract runtime with a contract that knows nothing of federated learning: two validators
/// (platform nodes 10 and 11) and a third that confirms a fork, a storage node 20, execution
/// taking 1 s on every validator and every message 100 ms.
struct ContractRuntimeTests {
  /// Counts what it executes: each transaction costs 1 flop and 1 gas; a model update naming an
  /// off-chain payload reads it (refused when it is missing); the end-of-block step costs 10 gas
  /// and reports how many blocks the contract has executed.
  private struct CounterContract: Contract {
    enum Rejection: Hashable, Sendable, CustomStringConvertible {
      case payloadMissing
      var description: String { "the off-chain payload was not fetched" }
    }
    var transactionCount = 0
    var blockCount = 0

    func offChainReferences(of transaction: Transaction) -> [ContentReference] {
      guard case .modelUpdate(let update) = transaction.payload,
        case .offChain(let reference) = update.content
      else { return [] }
      return [reference]
    }

    mutating func apply(
      _ transaction: Transaction, reading content: FetchedContent, gasUsed: inout UInt64,
      work: inout Work
    ) -> Rejection? {
      for reference in offChainReferences(of: transaction) {
        guard content.bytes(for: reference, work: &work) != nil else { return .payloadMissing }
      }
      transactionCount += 1
      gasUsed += 1
      work += .flops(1)
      return nil
    }

    mutating func endBlock(at timestamp: SimInstant, gasUsed: inout UInt64, work: inout Work)
      -> Int
    {
      blockCount += 1
      gasUsed += 10
      return blockCount
    }
  }

  /// A transport that loses the first `losses` messages it is given (reporting each at its
  /// arrival time) and delivers the rest, each `latency` after it is sent.
  private final class LosingTransport: MessageTransport {
    let latency: SimDuration
    var losses: Int
    private(set) var sentCount = 0

    init(latency: SimDuration, losses: Int) {
      self.latency = latency
      self.losses = losses
    }

    func send(
      from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
      in simulation: Simulation, onLoss: Simulation.Action?,
      onDelivery: @escaping Simulation.Action
    ) {
      sentCount += 1
      if losses > 0 {
        losses -= 1
        simulation.schedule(after: latency) { simulation in onLoss?(simulation) }
      } else {
        simulation.schedule(after: latency, onDelivery)
      }
    }
  }

  /// A model update whose bytes are off chain at `reference`, with a placeholder signature.
  static func offChainUpdate(_ reference: ContentReference) -> Transaction {
    var work = Work.zero
    let payload = TransactionPayload.modelUpdate(
      ModelUpdate(client: ClientID(1), round: 1, sampleCount: 1, content: .offChain(reference)))
    return Transaction(
      sender: LedgerFixtures.keys[1].publicKey, nonce: 0,
      gasLimit: LedgerFixtures.schedule.gas(for: payload), payload: payload,
      signature: LedgerFixtures.placeholderSignature, work: &work)
  }

  @Test func eachValidatorExecutesInHeightOrderEachBlockOnceChargedToAll() throws {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let compute = FixedDelayCompute(delays: ["execute-block": .seconds(1)])
    let transport = LosingTransport(latency: .milliseconds(100), losses: 1)
    let runtime = ContractRuntime(
      contract: CounterContract(), validatorNodes: [NodeID(10), NodeID(11), NodeID(12)],
      storage: NodeID(20), transport: transport, compute: compute)
    let payload = [UInt8](repeating: 7, count: 24)
    var work = Work.zero
    let reference = runtime.offChainStore.put(payload, work: &work)

    // Blocks 1 (one commitment), 2 (an off-chain update and a commitment), 3 (three
    // commitments), and a sibling of block 1 that validator 2 confirms instead.
    let key = LedgerFixtures.keys[0]
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: key, work: &work)
    let block1 = Block.make(
      on: genesis, transactions: [LedgerFixtures.unsignedCommitment(client: 0)],
      timestamp: .zero + .seconds(1), proposer: NodeID(0), signer: key, work: &work)
    let block2 = Block.make(
      on: block1,
      transactions: [
        Self.offChainUpdate(reference), LedgerFixtures.unsignedCommitment(client: 2, nonce: 1),
      ],
      timestamp: .zero + .seconds(2), proposer: NodeID(0), signer: key, work: &work)
    let block3 = Block.make(
      on: block2,
      transactions: (3..<6).map { LedgerFixtures.unsignedCommitment(client: $0, nonce: 2) },
      timestamp: .zero + .seconds(3), proposer: NodeID(0), signer: key, work: &work)
    let sibling1 = Block.make(
      on: genesis, transactions: [], timestamp: .zero + .seconds(1), proposer: NodeID(1),
      signer: key, work: &work)

    var log: [String] = []
    runtime.onExecuted = { execution, validator, confirmedAt, simulation in
      log.append(
        "v\(validator.index) h\(execution.height) confirmed \(confirmedAt) done \(simulation.now)")
    }
    for block in [block1, block2, block3] {
      runtime.enqueue(block, confirmedAt: NodeID(0), in: simulation)
    }
    runtime.enqueue(block1, confirmedAt: NodeID(1), in: simulation)
    runtime.enqueue(sibling1, confirmedAt: NodeID(2), in: simulation)
    simulation.schedule(after: .seconds(5)) { simulation in
      runtime.enqueue(block2, confirmedAt: NodeID(1), in: simulation)
      runtime.enqueue(block3, confirmedAt: NodeID(1), in: simulation)
    }
    simulation.run()

    // Validator 0 confirms all three at 0 s and executes them one after the other: block 1 at
    // 0–1 s; block 2 waits for its payload, whose first fetch (sent at 1 s) is lost at 1.1 s and
    // whose second arrives at 1.2 s, so it runs 1.2–2.2 s; block 3 runs 2.2–3.2 s. Validator 1
    // runs block 1 at 0–1 s beside validator 0 (its task was submitted second, so it finishes
    // second); it confirms blocks 2 and 3 at 5 s: fetch 5–5.1 s, block 2 5.1–6.1 s, block 3
    // 6.1–7.1 s. Validator 2's sibling of block 1 is not executed: a divergent confirmation.
    let s = SimInstant.zero
    #expect(
      log == [
        "v0 h1 confirmed \(s) done \(s + .seconds(1))",
        "v1 h1 confirmed \(s) done \(s + .seconds(1))",
        "v0 h2 confirmed \(s) done \(s + .milliseconds(2_200))",
        "v0 h3 confirmed \(s) done \(s + .milliseconds(3_200))",
        "v1 h2 confirmed \(s + .seconds(5)) done \(s + .milliseconds(6_100))",
        "v1 h3 confirmed \(s + .seconds(5)) done \(s + .milliseconds(7_100))",
      ])
    #expect(runtime.divergentConfirmations == 1)
    #expect(transport.sentCount == 3)  // the lost fetch, its retry, validator 1's fetch

    // Each block executed once: 3 end-of-block steps and 1 + 2 + 3 transactions, although six
    // (validator, block) executions were charged.
    #expect(runtime.contract.blockCount == 3 && runtime.contract.transactionCount == 6)
    #expect(runtime.executions.map(\.height) == [1, 2, 3])
    #expect(runtime.executions.map(\.outcome) == [1, 2, 3])
    #expect(runtime.executions.flatMap(\.receipts).allSatisfy { $0.rejection == nil })
    // Gas: 1 per transaction plus 10 per block: 11, 12, 13.
    #expect(runtime.executions.map(\.gasUsed) == [11, 12, 13])

    // Each validator is charged each block's work: 1 flop per transaction, plus for block 2 the
    // payload's SHA-256 (24 bytes pad to one 64-byte block), charged although the
    // content-addressed store already knows the hash.
    let blockWork = [Work.flops(1), Work(floatingPointOperations: 2, bytesHashed: 64), .flops(3)]
    let tasks = compute.tasks(labelled: "execute-block")
    #expect(tasks.count == 6)
    for node in [NodeID(10), NodeID(11)] {
      #expect(tasks.filter { $0.node == node }.map(\.work) == blockWork)
    }
    #expect(tasks.filter { $0.node == NodeID(12) }.isEmpty)
  }

  @Test func aPayloadMissingFromTheStoreIsRefusedNotAwaited() {
    // The store never received the payload: the fetch still moves its bytes (the storage node
    // answers), and the contract refuses the update instead of the runtime waiting forever.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    let compute = FixedDelayCompute(delays: [:])
    let runtime = ContractRuntime(
      contract: CounterContract(), validatorNodes: [NodeID(0)], storage: NodeID(1),
      transport: FixedLatencyTransport(latency: .milliseconds(100)), compute: compute)
    var work = Work.zero
    let reference = ContentReference(content: [1, 2, 3], work: &work)
    let key = LedgerFixtures.keys[0]
    let genesis = Block.makeGenesis(proposer: NodeID(0), signer: key, work: &work)
    let block = Block.make(
      on: genesis, transactions: [Self.offChainUpdate(reference)], timestamp: .zero,
      proposer: NodeID(0), signer: key, work: &work)
    runtime.enqueue(block, confirmedAt: NodeID(0), in: simulation)
    simulation.run()
    #expect(runtime.executions.map { $0.receipts.map(\.rejection) } == [[.payloadMissing]])
    #expect(runtime.contract.transactionCount == 0 && runtime.contract.blockCount == 1)
  }
}
