import Cryptography
import Learning
import Ledger
import SimCore
import Testing

@testable import Schemes

/// The federation contract on hand-built blocks: three clients (fixture keys 0, 1, 2), two
/// sampled per round, three-parameter models.
struct FederationContractTests {
  /// Client signing keys (made once per process: key generation is slow in debug builds).
  static let keys: [Ed25519.PrivateKey] = {
    var work = Work.zero
    return ConsensusKeys.make(count: 4, streams: RandomStreams(seed: 2026), work: &work)
  }()
  static let samplerSeed: UInt64 = 7
  static let initialModel = ParameterWireFormat.encode([0, 0, 0])

  static func contract(rounds: Int = 2, deadline: SimDuration? = nil, onChain: Bool = true)
    -> FederationContract
  {
    FederationContract(
      rules: FederationRules(
        clientCount: 3, rounds: rounds, clientsPerRound: 2, roundDeadline: deadline,
        keepsModelOnChain: onChain),
      initialModel: initialModel, sampler: Xoshiro256StarStar(seed: samplerSeed))
  }

  static func transaction(_ payload: TransactionPayload, key: Int, nonce: UInt64 = 0)
    -> Transaction
  {
    var work = Work.zero
    return Transaction.make(
      payload: payload, nonce: nonce, gasLimit: GasSchedule.ethereum.gas(for: payload),
      signedBy: keys[key], work: &work)
  }

  static func registration(_ client: Int) -> Transaction {
    transaction(
      .clientRegistration(
        ClientRegistration(
          client: ClientID(client), node: NodeID(client), sampleCount: 100,
          dataDigest: .zero)), key: client)
  }

  static func update(
    _ client: Int, round: Int = 1, samples: Int = 100, parameters: [Float], key: Int? = nil,
    nonce: UInt64 = 1
  ) -> Transaction {
    transaction(
      .modelUpdate(
        ModelUpdate(
          client: ClientID(client), round: round, sampleCount: samples,
          content: .onChain(ParameterWireFormat.encode(parameters)))), key: key ?? client,
      nonce: nonce)
  }

  /// A chain of blocks, each on the previous one, at the given instants.
  struct Chain {
    var head: Block
    init() {
      var work = Work.zero
      head = Block.makeGenesis(
        proposer: NodeID(0), signer: FederationContractTests.keys[0], work: &work)
    }
    mutating func next(_ transactions: [Transaction], at seconds: Int64) -> Block {
      var work = Work.zero
      head = Block.make(
        on: head, transactions: transactions, timestamp: .zero + .seconds(seconds),
        proposer: NodeID(0), signer: FederationContractTests.keys[0], work: &work)
      return head
    }
  }

  /// The contract after the block registering all three clients (at t = 1 s).
  static func registered(
    rounds: Int = 2, deadline: SimDuration? = nil, onChain: Bool = true
  ) -> (FederationContract, Chain) {
    var contract = contract(rounds: rounds, deadline: deadline, onChain: onChain)
    var chain = Chain()
    _ = contract.execute(chain.next((0..<3).map(registration), at: 1), reading: .none)
    return (contract, chain)
  }

  @Test func completingTheRegistryOpensRoundOneWithTheServersSample() {
    var contract = Self.contract()
    var chain = Chain()
    let execution = contract.execute(
      chain.next((0..<3).map(Self.registration), at: 1), reading: .none)
    #expect(execution.receipts.allSatisfy { $0.rejection == nil })
    #expect(execution.outcome.openedRound == 1 && contract.openRound == 1)
    // The same draw the vanilla server makes from the same stream: sampleIndices(2, from: 3).
    var server = Xoshiro256StarStar(seed: Self.samplerSeed)
    #expect(contract.selected == server.sampleIndices(2, from: 3).map(ClientID.init))
    // 3 registrations × 2 storage words (48 bytes) × 20,000 + the sample, 2 words rewritten ×
    // 5,000 (Yellow Paper G_sset, G_sreset) = 130,000.
    #expect(execution.gasUsed == 130_000)
  }

  @Test func aRegistryMissingAClientOpensNoRound() {
    var contract = Self.contract()
    var chain = Chain()
    let execution = contract.execute(chain.next([Self.registration(0)], at: 1), reading: .none)
    #expect(execution.outcome.openedRound == nil && contract.phase == .registering)
    let again = contract.execute(chain.next([Self.registration(0)], at: 2), reading: .none)
    #expect(again.receipts[0].rejection == .alreadyRegistered(client: 0))
  }

  @Test func updatesAreCheckedBeforeTheyAreStored() throws {
    var (contract, chain) = Self.registered()
    let selected = contract.selected.map(\.index)
    let outsider = try #require((0..<3).first { !selected.contains($0) })
    let (a, b) = (selected[0], selected[1])
    let transactions = [
      Self.update(a, parameters: [1, 2, 3], key: 3),  // signed by a key a did not register
      Self.update(outsider, parameters: [1, 2, 3]),
      Self.update(a, round: 2, parameters: [1, 2, 3]),
      Self.update(a, parameters: [1, 2]),  // two parameters; the model has three
      Self.transaction(
        .modelUpdate(
          ModelUpdate(
            client: ClientID(a), round: 1, sampleCount: 1, content: .onChain([1, 2, 3]))),
        key: a, nonce: 5),
      Self.transaction(
        .aggregateResult(
          AggregateResult(
            round: 1, contributorCount: 1, modelHash: .zero, model: .onChain([]))), key: b),
      Self.update(a, parameters: [1, 2, 3], nonce: 7),
      Self.update(a, parameters: [4, 5, 6], nonce: 8),
    ]
    let execution = contract.execute(chain.next(transactions, at: 2), reading: .none)
    let rejections = execution.receipts.map(\.rejection)
    #expect(rejections[0] == .wrongSender(client: a))
    #expect(rejections[1] == .notSelected(client: outsider, round: 1))
    #expect(rejections[2] == .wrongRound(round: 2, open: 1))
    if case .malformedUpdate(let client, _) = rejections[3] {
      #expect(client == a)
    } else {
      Issue.record("a short vector was accepted: \(String(describing: rejections[3]))")
    }
    if case .malformedUpdate(let client, _) = rejections[4] {
      #expect(client == a)
    } else {
      Issue.record("bytes that do not decode were accepted: \(String(describing: rejections[4]))")
    }
    #expect(rejections[5] == .reservedPayload(.aggregateResult))
    #expect(rejections[6] == nil)
    #expect(rejections[7] == .duplicateUpdate(client: a, round: 1))
    // Only one of the two sampled clients is in: the round stays open.
    #expect(execution.outcome.aggregation == nil && contract.storedUpdateCount == 1)
  }

  @Test func theAggregateIsTheSampleWeightedMeanBitForBit() throws {
    var (contract, chain) = Self.registered()
    let (a, b) = (contract.selected[0].index, contract.selected[1].index)
    // Weighted by 100 and 300 samples: (1·100 + 4·300)/400 = 3.25, then 4.25 and 5.25, all
    // exact in binary.
    let execution = contract.execute(
      chain.next(
        [
          Self.update(a, samples: 100, parameters: [1, 2, 3]),
          Self.update(b, samples: 300, parameters: [4, 5, 6]),
        ], at: 2), reading: .none)
    let aggregation = try #require(execution.outcome.aggregation)
    #expect(aggregation.round == 1 && !aggregation.closedByDeadline)
    #expect(aggregation.contributors == [ClientID(a), ClientID(b)].sorted())
    #expect(contract.globalModel == ParameterWireFormat.encode([3.25, 4.25, 5.25]))
    var hashing = Work.zero
    #expect(contract.modelHash == Digest256.sha256(contract.globalModel, work: &hashing))
    #expect(aggregation.modelHash == contract.modelHash)
    // Stored without validation: one acceptance each, decayed by 0.9 when round 2 opened.
    #expect(contract.reputationBook.evidence(of: ClientID(a)) == (accepted: 0.9, rejected: 0))
    #expect(contract.reputationBook.evidence(of: ClientID(b)) == (accepted: 0.9, rejected: 0))
    #expect(execution.outcome.openedRound == 2 && contract.openRound == 2)
    // Gas (ExecutionGasSchedule, Ethereum prices): each 24-byte update is 1 storage word set:
    // 2 × 20,000; averaging 2 updates × 3 parameters × (MUL 5 + ADD 3) + 3 DIV × 5 = 63; the
    // model's SHA-256 over 24 bytes 60 + 12 = 72; loading the 2 stored words 2 × 800; the model
    // rewritten, 1 word × 5,000; 2 reputations × 5,000; round 2's sample 2 × 5,000. Total 66,735.
    #expect(execution.gasUsed == 66_735)
  }

  @Test func aDeadlineClosesTheRoundWithWhatArrived() throws {
    var (contract, chain) = Self.registered(deadline: .seconds(10))
    let (a, b) = (contract.selected[0].index, contract.selected[1].index)
    // Round 1 opened at t = 1 s; at t = 5 s the deadline (11 s) has not passed.
    let early = contract.execute(
      chain.next([Self.update(a, parameters: [2, 2, 2])], at: 5), reading: .none)
    #expect(early.outcome.aggregation == nil)
    // An empty block at t = 11 s is the first past the deadline: it closes the round.
    let late = contract.execute(chain.next([], at: 11), reading: .none)
    let aggregation = try #require(late.outcome.aggregation)
    #expect(aggregation.closedByDeadline && aggregation.contributors == [ClientID(a)])
    #expect(contract.globalModel == ParameterWireFormat.encode([2, 2, 2]))
    // a contributed, b sent nothing: evidence for a, against b (decayed by 0.9 at round 2).
    #expect(contract.reputationBook.evidence(of: ClientID(a)) == (accepted: 0.9, rejected: 0))
    #expect(contract.reputationBook.evidence(of: ClientID(b)) == (accepted: 0, rejected: 0.9))
  }

  @Test func offChainUpdatesAreAcceptedOnlyWhenTheirBytesMatchTheHash() throws {
    var (contract, chain) = Self.registered(rounds: 1, onChain: false)
    let (a, b) = (contract.selected[0].index, contract.selected[1].index)
    let bytes = ParameterWireFormat.encode([1, 1, 1])
    var work = Work.zero
    let reference = ContentReference(content: bytes, work: &work)
    func offChain(_ client: Int) -> Transaction {
      Self.transaction(
        .modelUpdate(
          ModelUpdate(
            client: ClientID(client), round: 1, sampleCount: 10, content: .offChain(reference))),
        key: client, nonce: 1)
    }
    let tampered = contract.execute(
      chain.next([offChain(a)], at: 2), reading: FetchedContent { _ in bytes.map { $0 ^ 1 } })
    #expect(tampered.receipts[0].rejection == .payloadUnavailable(reference))
    let honest = contract.execute(
      chain.next([offChain(a), offChain(b)], at: 3), reading: FetchedContent { _ in bytes })
    #expect(honest.receipts.allSatisfy { $0.rejection == nil })
    // One round only: the federation finishes with this aggregation.
    #expect(honest.outcome.finished && contract.phase == .finished)
    #expect(contract.globalModel == bytes)
  }

  @Test func contentFromAnAddressedStoreIsChargedTheSameHashWork() throws {
    // Two identical contracts execute the same off-chain update; one checks the bytes' hash, the
    // other is told they come from a content-addressed store. Same outcome, same work charged:
    // SHA-256 of 24 bytes is one 64-byte block.
    let bytes = ParameterWireFormat.encode([1, 1, 1])
    var work = Work.zero
    let reference = ContentReference(content: bytes, work: &work)
    var executions: [BlockExecution<FederationContract>] = []
    for addressed in [false, true] {
      var (contract, chain) = Self.registered(rounds: 1, onChain: false)
      let client = contract.selected[0].index
      let update = Self.transaction(
        .modelUpdate(
          ModelUpdate(
            client: ClientID(client), round: 1, sampleCount: 10, content: .offChain(reference))),
        key: client, nonce: 1)
      executions.append(
        contract.execute(
          chain.next([update], at: 2),
          reading: FetchedContent(isContentAddressed: addressed) { _ in bytes }))
    }
    #expect(executions.allSatisfy { $0.receipts[0].rejection == nil })
    #expect(executions[0].work == executions[1].work)
    #expect(executions[1].work.bytesHashed == 64)
  }

  @Test func implausibleClientClaimsAreRefusedNotTrapped() throws {
    var (contract, chain) = Self.registered(rounds: 1, onChain: false)
    let (a, b) = (contract.selected[0].index, contract.selected[1].index)
    // A reference claiming 2⁶³ − 1 bytes, the most a decoded one can hold. Priced as a hash of
    // that size (60 + 12 × 2⁵⁸ gas), six such receipts would overflow a UInt64 gas total; the
    // model's 24-byte size is what an update must have, so each is refused before any gas.
    let huge = ContentReference(hash: ContentHash(.zero), byteCount: ByteCount(bytes: .max))
    let claims = (1...6).map { nonce in
      Self.transaction(
        .modelUpdate(
          ModelUpdate(client: ClientID(a), round: 1, sampleCount: 1, content: .offChain(huge))),
        key: a, nonce: UInt64(nonce))
    }
    let refused = contract.execute(chain.next(claims, at: 2), reading: .none)
    for receipt in refused.receipts {
      guard case .malformedUpdate(let client, _) = receipt.rejection else {
        Issue.record("a 2⁶³ − 1-byte claim was not refused: \(receipt)")
        continue
      }
      #expect(client == a && receipt.gasUsed == 0)
    }
    #expect(refused.gasUsed == 0 && contract.storedUpdateCount == 0)
    // Sample counts of 2⁶³ − 1 each are stored, but their total overflows: the aggregation
    // refuses them (FederatedAveraging's sampleCountOverflow) and keeps the model.
    let bytes = ParameterWireFormat.encode([1, 1, 1])
    var work = Work.zero
    let reference = ContentReference(content: bytes, work: &work)
    let heavy = [a, b].map { client in
      Self.transaction(
        .modelUpdate(
          ModelUpdate(
            client: ClientID(client), round: 1, sampleCount: .max, content: .offChain(reference))),
        key: client, nonce: 9)
    }
    let closing = contract.execute(chain.next(heavy, at: 3), reading: FetchedContent { _ in bytes })
    #expect(closing.receipts.allSatisfy { $0.rejection == nil })
    let aggregation = try #require(closing.outcome.aggregation)
    #expect(aggregation.refusal != nil && aggregation.contributors.count == 2)
    #expect(contract.globalModel == Self.initialModel)
  }
}
