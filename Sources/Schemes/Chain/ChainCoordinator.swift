import Cryptography
import Ledger
import Platform
import SimCore
import SimKernel

/// The first blockchain FL scheme: a federation contract replaces FedAvg's server.
///
/// **A run.** Every client signs a registration and sends it to its *gateway* (the validator
/// with the shortest route from it; ties to the lower index), which admits it to the chain. The
/// block that completes the registry opens round 1: the contract samples the round's clients
/// exactly as the vanilla server would. Each validator executes confirmed blocks in height order
/// (`execute-block` on its compute, after fetching any off-chain payload the block references);
/// when a client's gateway has executed the opening block, the client downloads the global model
/// (from the gateway, or from the storage node when payloads are off chain), trains, signs its
/// update as a transaction (bytes on chain, or uploaded to the storage node with only the hash on
/// chain), and sends it to its gateway. The contract aggregates the round in the end-of-block step
/// of the block that holds the last sampled update, or of the first block past the deadline, and
/// opens the next round. The round ends when the first validator has executed that block (and,
/// off chain, uploaded the new model to the storage node); the run ends with the last round,
/// when the engine is stopped.
///
/// **Real work.** Training, signatures, hashes, Merkle roots and the on-chain averaging are all
/// computed for real; each is charged to the node that would do it. The `ContractRuntime` runs
/// the `FederationContract` on the validators: it computes each confirmed block's execution once
/// and charges its work to every validator.
///
/// **Pairing.** The contract samples with the `clientSampling` stream, as `FedAvgScheme` does, and
/// averages with the same `FederatedAveraging` in the same order; with the same backend seed, a
/// round in which every sampled client is counted yields a global model identical, bit for bit,
/// to the vanilla run's.
public final class BlockchainFedAvgScheme {
  /// The configuration.
  public let configuration: BlockchainFedAvgConfiguration
  /// The scheme's name in traces.
  public let name: String
  /// The consensus engine carrying the transactions.
  public let engine: any ConsensusEngine
  let backend: any TrainingBackend
  let gasSchedule: GasSchedule
  /// The validators' execution of the federation contract, and the storage node's content
  /// (used when `configuration.storage` is set).
  public let runtime: ContractRuntime<FederationContract>
  /// The door the scheme's messages and tasks go through (see `ActivityMonitor`).
  let activity: ActivityMonitor
  let clientKeys: [Ed25519.PrivateKey]
  var nonces: [UInt64]
  /// `gateways[c]`: the engine-local validator client c talks to.
  public let gateways: [NodeID]

  /// Finished rounds in order.
  public internal(set) var records: [RoundRecord] = []
  /// Called after each round with its record.
  public var onRoundEnd: ((RoundRecord) -> Void)?

  // Round state.
  var current: RoundRecord?
  var selectedClients: [ClientID] = []
  var progress: [ClientRoundProgress] = []
  var position: [Int]
  var trainingWork: [Work] = []
  /// Update transactions in flight: transaction → (client, round).
  var pendingUpdates: [TransactionID: (client: ClientID, round: Int)] = [:]
  /// Off chain: whether the latest model has reached the storage node (the initial model is
  /// there from deployment), and the clients waiting for it.
  var modelUploadDone = true
  var waitingForModel: [ClientID] = []
  /// Every sampled client's update, and the round and client of each update transaction sent.
  var updates = UpdateLog()
  var updateTransactions: [TransactionID: (client: ClientID, round: Int)] = [:]

  /// A scheme over `engine`, whose validator i runs on `configuration.validators[i]`.
  /// - Precondition: the engine has as many validators as the configuration lists; the backend
  ///   as many clients.
  public init(
    name: String = "bcfl", configuration: BlockchainFedAvgConfiguration,
    engine: any ConsensusEngine, network: FlowNetwork, compute: ComputeCluster,
    backend: any TrainingBackend, streams: RandomStreams, gasSchedule: GasSchedule = .ethereum
  ) {
    let federation = configuration.federation
    precondition(
      engine.validatorCount == configuration.validators.count,
      "BlockchainFedAvg: engine has \(engine.validatorCount) validators, configuration \(configuration.validators.count)"
    )
    precondition(
      backend.sampleCounts.count == federation.clients.count,
      "BlockchainFedAvg: backend has \(backend.sampleCounts.count) clients, configuration \(federation.clients.count)"
    )
    self.name = name
    self.configuration = configuration
    self.engine = engine
    self.backend = backend
    self.gasSchedule = gasSchedule
    activity = ActivityMonitor(
      network: network, compute: compute,
      stallLimit: configuration.stallLimit + (federation.roundDeadline ?? .zero)
    ) { [engine] simulation in engine.stop(in: simulation) }
    let contract = FederationContract(
      rules: FederationRules(
        clientCount: federation.clients.count, rounds: federation.rounds,
        clientsPerRound: federation.clientsPerRound, roundDeadline: federation.roundDeadline,
        keepsModelOnChain: configuration.keepsPayloadsOnChain),
      initialModel: backend.globalPayload(), sampler: streams.make(.clientSampling))
    // Fetches go through the activity monitor: a validator waiting for a payload is progress.
    // Executing blocks is not: it is the chain's own steady work, which goes on whether or not
    // the federation progresses, so it is charged on the plain compute, where it cannot keep
    // the stall watchdog from firing.
    runtime = ContractRuntime(
      contract: contract, validatorNodes: configuration.validators, storage: configuration.storage,
      transport: activity, compute: compute, fetchKind: "update-fetch")
    var keyWork = Work.zero
    clientKeys = federation.clients.indices.map { index in
      var generator = streams.make(.clientKeys, index: index)
      return Ed25519.PrivateKey(using: &generator, work: &keyWork)
    }
    nonces = Array(repeating: 0, count: federation.clients.count)
    position = Array(repeating: -1, count: federation.clients.count)
    gateways = federation.clients.map { client in
      Self.nearestValidator(to: client, among: configuration.validators, network: network)
    }
  }

  /// The contract's state as of the last block executed (by any validator).
  public var contract: FederationContract { runtime.contract }

  /// True when the run stopped because nothing progressed for `configuration.stallLimit`.
  public var stalled: Bool { activity.hasStalled }

  /// Every sampled client's update in every round so far, those still undecided at `end` (the
  /// run's end) decided then; ordered by decision instant, round and client.
  public func updateRecords(endingAt end: SimInstant) -> [UpdateRecord] {
    updates.records(endingAt: end)
  }

  /// Update transactions the contract refused, with the reason, in execution order.
  /// - Complexity: O(transactions executed).
  public var rejections: [FederationRejection] {
    runtime.executions.flatMap { execution in
      execution.receipts.compactMap { receipt in
        receipt.payloadKind == .modelUpdate ? receipt.rejection : nil
      }
    }
  }

  /// The validator with the lowest route latency from `client` (ties to the lower index).
  static func nearestValidator(
    to client: NodeID, among validators: [NodeID], network: FlowNetwork
  ) -> NodeID {
    var best = 0
    var bestLatency = SimDuration.nanoseconds(Int64.max)
    for (index, validator) in validators.enumerated() {
      guard let route = network.route(from: client, to: validator) else { continue }
      if route.latency < bestLatency {
        best = index
        bestLatency = route.latency
      }
    }
    return NodeID(best)
  }

  /// Starts the engine and sends every client's registration at the current instant.
  public func start(in simulation: Simulation) {
    engine.onBlockAccepted = { [unowned self] validator, block, simulation in
      self.blockAccepted(block, at: validator, in: simulation)
    }
    engine.onBlockConfirmed = { [unowned self] validator, block, simulation in
      self.blockConfirmed(block, at: validator, in: simulation)
    }
    runtime.onExecuted = { [unowned self] execution, validator, confirmedAt, simulation in
      self.executed(execution, at: validator, confirmedAt: confirmedAt, in: simulation)
    }
    engine.start(in: simulation)
    let clients = configuration.federation.clients
    for (index, node) in clients.enumerated() {
      let registration = ClientRegistration(
        client: ClientID(index), node: node, sampleCount: backend.sampleCounts[index],
        dataDigest: Digest256.zero)
      submit(
        .clientRegistration(registration), from: ClientID(index), label: "sign-registration",
        in: simulation, onSubmitted: nil)
    }
  }

  /// Signs `payload` as client `client`'s next transaction (work charged on its node), sends it
  /// to the client's gateway and hands it to the engine there; `onSubmitted` runs at that point.
  /// `onSent` runs when the transaction leaves the client, `onLoss` if a lossy link drops it.
  func submit(
    _ payload: TransactionPayload, from client: ClientID, label: String,
    in simulation: Simulation, onSent: Simulation.Action? = nil,
    onLoss: Simulation.Action? = nil, onSubmitted: ((Transaction, Simulation) -> Void)?
  ) {
    var work = Work.zero
    let transaction = Transaction.make(
      payload: payload, nonce: nonces[client.index], gasLimit: gasSchedule.gas(for: payload),
      signedBy: clientKeys[client.index], work: &work)
    nonces[client.index] += 1
    let node = configuration.federation.clients[client.index]
    let gateway = gateways[client.index]
    activity.run(work, on: node, label: label, in: simulation) { [unowned self] simulation in
      onSent?(simulation)
      self.activity.send(
        from: node, to: self.configuration.validators[gateway.index],
        size: ByteCount(bytes: Int64(transaction.encodedByteCount)), kind: "transaction",
        in: simulation, onLoss: onLoss
      ) { [unowned self] simulation in
        onSubmitted?(transaction, simulation)
        self.engine.submit(transaction, at: gateway, in: simulation)
      }
    }
  }
}

extension StreamPurpose {
  /// Client signing keys of blockchain schemes: client c's key comes from index c.
  public static let clientKeys = StreamPurpose("clientKeys")
}
