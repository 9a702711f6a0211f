import Cryptography
import Learning
import Ledger
import SimCore

/// The federated-learning contracts that replace FedAvg's server: a registry of clients, the
/// round's update commitments and stored updates, validation of each update by the validators,
/// an aggregation on chain, and a subjective-logic reputation per client. Deterministic Swift,
/// executed block by block.
///
/// **Life cycle.** Deployed with its `FederationRules`, the initial global model, the scheme's
/// stage values (selection, validation, aggregation rule), the clients' reputation book and a
/// sampling generator. Clients register (`clientRegistration`, whose sample count is the
/// client's stake); the end-of-block step of the block that completes the registry opens round 1
/// by selecting `clientsPerRound` clients — with the same selection, generator and draws as the
/// vanilla twin's server, so a paired vanilla run trains the same clients. Selected clients
/// submit `modelUpdate`s (bytes on chain, or an off-chain reference whose content the executing
/// validator fetched); each is checked (registered sender, open round, selected, first update,
/// a parameter vector of the model's size), judged by the validation stage if there is one (the
/// validators' majority; the verdict feeds the book and the block's `judgements`), and stored if
/// accepted. The end-of-block step aggregates a round when every selected client's update is
/// stored or rejected, or when the block's timestamp is `roundDeadline` past the round's opening
/// (the deadline is only as fine as the block times: a contract has no clock but the blocks');
/// it combines the stored updates with the aggregation rule in ascending client order — the same
/// arithmetic, bit for bit, as the vanilla server — records a no-show against each selected
/// client that sent nothing (and, without validation, a contribution for each that did), and
/// opens the next round, decaying the book's evidence first.
///
/// **End-of-block execution** (as Cosmos SDK's `EndBlock` does) lets the contract act on a
/// deadline without a transaction to trigger it. Its gas is metered and reported like any other
/// but is not bounded by the block gas limit: an Ethereum deployment would need the aggregation
/// to fit in one transaction, and the reported gas shows whether it would.
///
/// **Gas** (`ExecutionGasSchedule`): a registration sets 2 storage words (48 bytes); an update
/// sets ⌈bytes/32⌉ words on chain, or 2 words (its reference) plus the hash check off chain; an
/// aggregation loads every stored update word (on chain), does FedAvg's MUL and ADD per parameter
/// per update and DIV per parameter (another rule: its reported flops at a MUL each), and
/// rewrites the model's words (on chain) or its hash (off chain); each selected client's
/// reputation and each selected client is one word rewritten. Validation is the validators' own
/// computation (inference on their data), charged as work, not gas.
///
/// A `Contract`: a `ContractRuntime` executes each confirmed block once and charges its `work`
/// to every validator that executes it.
public struct FederationContract: Contract {
  /// Where the federation is.
  public enum Phase: Hashable, Sendable {
    /// Waiting for every client to register.
    case registering
    /// Round `round` is open for updates.
    case training(round: Int)
    /// The last round has been aggregated.
    case finished
  }

  /// One stored update.
  /// An accepted update, kept as its wire bytes (checked to decode to the model's size) and
  /// decoded when the round is aggregated: the bytes are the transaction's or the off-chain
  /// store's own buffer, shared, where decoded parameters would be a copy per update per
  /// validator (15.8 GB of placeholder zeros for 10,000 clients over 20 rounds).
  struct StoredUpdate: Sendable {
    var client: ClientID
    var sampleCount: Int
    var payload: [UInt8]
    var byteCount: Int { payload.count }

    /// The update's parameters.
    var parameters: [Float] {
      do {
        return try ParameterWireFormat.decode(payload)
      } catch {
        preconditionFailure("FederationContract: a stored update no longer decodes: \(error)")
      }
    }
  }

  /// The deployment parameters.
  public let rules: FederationRules
  /// The execution prices.
  public let gas: ExecutionGasSchedule
  /// The hash prices (the SHA256 precompile's), from the transaction schedule.
  public let hashGas: GasSchedule
  /// Where the federation is.
  public internal(set) var phase = Phase.registering
  /// The key each client registered with, by client index.
  public internal(set) var registeredKeys: [Ed25519.PublicKey?]
  /// The clients sampled in the open (or last) round, in sampling order.
  public internal(set) var selected: [ClientID] = []
  /// The global model's bytes (`ParameterWireFormat`).
  public internal(set) var globalModel: [UInt8]
  /// SHA-256 of `globalModel`.
  public internal(set) var modelHash: Digest256
  /// When the open round opened (its opening block's timestamp).
  public internal(set) var roundOpened = SimInstant.zero
  /// When the open round's deadline started counting: the timestamp of the block
  /// `rules.noticeDepth` past the opening one; nil until that block.
  public internal(set) var deadlineStart: SimInstant?
  /// Blocks executed since the open round's opening block.
  var blocksSinceOpening = 0
  /// The number of registered clients.
  public internal(set) var registeredCount = 0
  /// Which clients each round trains: the same value the vanilla twin's server uses.
  public let selection: any ClientSelection
  /// How the round's accepted updates are combined: the same value the vanilla twin uses.
  public let aggregation: any AggregationRule
  /// Each client's subjective-logic reputation, read by a `reputation` selection.
  public internal(set) var reputationBook: ReputationBook
  /// Each client's stake: the sample count it registered (read by a `stake` selection).
  public internal(set) var stakes: [Double]
  /// Judges each update before it is stored (validators' verdicts by majority); nil stores
  /// every well-formed update.
  public let validation: (any UpdateValidation)?
  /// Judgements made since the last end-of-block step, handed out in its outcome.
  var judgements: [FederationBlockOutcome.Judgement] = []
  /// The open round's selected clients whose update has been stored or rejected.
  var decidedCount = 0
  var dimension: Int
  var sampler: Xoshiro256StarStar
  var stored: [StoredUpdate] = []
  var submitted: [Bool]
  var isSelected: [Bool]

  /// A contract deployed with `rules`, starting from `initialModel` (a `ParameterWireFormat`
  /// vector) and sampling clients with `sampler`.
  /// - Precondition: `initialModel` decodes.
  public init(
    rules: FederationRules, initialModel: [UInt8],
    selection: any ClientSelection = UniformSelection(),
    aggregation: any AggregationRule = FederatedAveraging(),
    validation: (any UpdateValidation)? = nil, reputationBook: ReputationBook? = nil,
    sampler: Xoshiro256StarStar,
    gas: ExecutionGasSchedule = .ethereum, hashGas: GasSchedule = .ethereum
  ) {
    let parameters: [Float]
    do {
      parameters = try ParameterWireFormat.decode(initialModel)
    } catch {
      preconditionFailure("FederationContract: the initial model does not decode: \(error)")
    }
    self.rules = rules
    self.gas = gas
    self.hashGas = hashGas
    self.sampler = sampler
    self.selection = selection
    self.aggregation = aggregation
    self.validation = validation
    self.reputationBook = reputationBook ?? .neutral(clientCount: rules.clientCount)
    precondition(
      self.reputationBook.clientCount == rules.clientCount,
      "FederationContract: a reputation book of \(self.reputationBook.clientCount) clients for \(rules.clientCount)"
    )
    stakes = Array(repeating: 0, count: rules.clientCount)
    dimension = parameters.count
    globalModel = initialModel
    // Deployment happens before the run: its hashing is not charged to anyone.
    var deploymentWork = Work.zero
    modelHash = Digest256.sha256(initialModel, work: &deploymentWork)
    registeredKeys = Array(repeating: nil, count: rules.clientCount)
    submitted = Array(repeating: false, count: rules.clientCount)
    isSelected = Array(repeating: false, count: rules.clientCount)
  }

  /// The open round, or nil.
  public var openRound: Int? {
    if case .training(let round) = phase { return round }
    return nil
  }

  /// Updates stored for the open round.
  public var storedUpdateCount: Int { stored.count }

  // MARK: - Transactions

  /// The off-chain payload an update transaction references, if any.
  public func offChainReferences(of transaction: Transaction) -> [ContentReference] {
    guard case .modelUpdate(let update) = transaction.payload,
      case .offChain(let reference) = update.content
    else { return [] }
    return [reference]
  }

  /// Applies one transaction: registers a client, records a commitment, or checks and stores an
  /// update (an off-chain one read from `content`); aggregates and reputations are refused, as
  /// the contract computes them itself.
  /// - Complexity: O(bytes of the update).
  public mutating func apply(
    _ transaction: Transaction, reading content: FetchedContent, gasUsed: inout UInt64,
    work: inout Work
  ) -> FederationRejection? {
    switch transaction.payload {
    case .clientRegistration(let registration):
      return register(registration, sender: transaction.sender, gasUsed: &gasUsed)
    case .updateCommitment(let commitment):
      // A commitment ahead of its update (commit-then-reveal designs) is recorded as one word.
      if let refusal = checkSender(commitment.client, transaction.sender) { return refusal }
      gasUsed += gas.storageSetCost
      return nil
    case .modelUpdate(let update):
      return store(
        update, sender: transaction.sender, reading: content, gasUsed: &gasUsed, work: &work)
    case .aggregateResult, .reputationUpdate:
      return .reservedPayload(transaction.payload.kind)
    }
  }

  mutating func register(
    _ registration: ClientRegistration, sender: Ed25519.PublicKey, gasUsed: inout UInt64
  ) -> FederationRejection? {
    let client = registration.client.index
    guard client < rules.clientCount else {
      return .unknownClient(client: client, clientCount: rules.clientCount)
    }
    guard registeredKeys[client] == nil else { return .alreadyRegistered(client: client) }
    registeredKeys[client] = sender
    registeredCount += 1
    stakes[client] = Double(registration.sampleCount)
    gasUsed += gas.storageSetCost * ExecutionGasSchedule.words(ClientRegistration.encodedByteCount)
    return nil
  }

  func checkSender(_ client: ClientID, _ sender: Ed25519.PublicKey) -> FederationRejection? {
    guard client.index < rules.clientCount, let key = registeredKeys[client.index] else {
      return .notRegistered(client: client.index)
    }
    return key == sender ? nil : .wrongSender(client: client.index)
  }

  mutating func store(
    _ update: ModelUpdate, sender: Ed25519.PublicKey, reading content: FetchedContent,
    gasUsed: inout UInt64, work: inout Work
  ) -> FederationRejection? {
    let client = update.client.index
    if let refusal = checkSender(update.client, sender) { return refusal }
    guard case .training(let round) = phase else { return .noOpenRound(round: update.round) }
    guard update.round == round else { return .wrongRound(round: update.round, open: round) }
    guard isSelected[client] else { return .notSelected(client: client, round: round) }
    guard !submitted[client] else { return .duplicateUpdate(client: client, round: round) }
    let bytes: [UInt8]
    switch update.content {
    case .onChain(let onChainBytes):
      bytes = onChainBytes
      gasUsed += gas.storageSetCost * ExecutionGasSchedule.words(onChainBytes.count)
    case .offChain(let reference):
      // The size is the client's claim and prices the hash check below: one far from the
      // model's (up to 2⁶³ − 1 bytes) would overflow the gas; no such update can be accepted.
      let expected = ParameterWireFormat.wireSize(parameterCount: dimension)
      guard reference.byteCount == expected else {
        return .malformedUpdate(
          client: client,
          reason: "off-chain reference to \(reference.byteCount.bytes) bytes; an update of "
            + "\(dimension) parameters is \(expected.bytes) bytes")
      }
      gasUsed +=
        gas.storageSetCost * ExecutionGasSchedule.words(ContentReference.encodedByteCount)
        + hashGas.gas(forHashing: Int(reference.byteCount.bytes))
      guard let fetched = content.bytes(for: reference, work: &work) else {
        return .payloadUnavailable(reference)
      }
      bytes = fetched
    }
    let parameters: [Float]
    do {
      parameters = try ParameterWireFormat.decode(bytes)
    } catch {
      return .malformedUpdate(client: client, reason: "\(error)")
    }
    guard parameters.count == dimension else {
      return .malformedUpdate(
        client: client,
        reason: "\(parameters.count) parameters; the global model has \(dimension)")
    }
    submitted[client] = true
    decidedCount += 1
    if let validation {
      // The global model is decoded for each judgement rather than kept beside its bytes: the
      // runtime keeps a contract state per executed height, and a second copy of the model in
      // each would double the chain's memory. Decoding is O(d); the judgement is inference.
      let global: [Float]
      do {
        global = try ParameterWireFormat.decode(globalModel)
      } catch {
        preconditionFailure("FederationContract: the global model does not decode: \(error)")
      }
      let decision = validation.decide(update: parameters, global: global)
      // Each validator runs its own judgement on its own machine; the runtime charges this
      // work to every validator, so it is one validator's share (the largest).
      work += decision.work
      reputationBook.record(client: update.client, accepted: decision.accepted)
      judgements.append(
        FederationBlockOutcome.Judgement(
          client: update.client, round: round, accepted: decision.accepted,
          score: decision.score))
      guard decision.accepted else {
        return .failedValidation(
          client: client, round: round, score: decision.score, rule: "\(validation)")
      }
    }
    stored.append(
      StoredUpdate(client: update.client, sampleCount: update.sampleCount, payload: bytes))
    return nil
  }
}
