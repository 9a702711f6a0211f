import Cryptography
import Ledger
import Platform
import SimCore
import SimKernel

/// The first blockchain FL scheme's coordinator: a federation contract replaces FedAvg's server.
///
/// **A run.** Every client signs a registration and sends it to its *gateway* (the validator
/// with the shortest route from it; ties to the lower index), which admits it to the chain. The
/// block that completes the registry opens round 1: the contract selects the round's clients
/// with the composition's selection, exactly as the vanilla server would. Each validator executes
/// confirmed blocks in height order (`execute-block` on its compute, after fetching any off-chain
/// payload the block references); when a client's gateway has executed the opening block, the
/// client downloads the global model (from the gateway, or from the storage node when payloads
/// are off chain), trains, signs its update as a transaction (bytes on chain, or uploaded to the
/// storage node with only the hash on chain), and sends it to its gateway. The contract
/// aggregates the round in the end-of-block step of the block that holds the last selected
/// update, or of the first block past the deadline, and opens the next round. The round ends
/// when the first validator has executed that block (and, off chain, uploaded the new model to
/// the storage node); the run ends with the last round, when the engine is stopped.
///
/// **Real work.** Training, signatures, hashes, Merkle roots and the on-chain aggregation are all
/// computed for real; each is charged to the node that would do it. The `ContractRuntime` runs
/// the `FederationContract` on the validators: it computes each confirmed block's execution once
/// and charges its work to every validator.
///
/// **Pairing.** The contract selects with the `clientSampling` stream and the same selection
/// value as `ServerCoordinator`, and aggregates with the same rule value in the same order; with
/// the same backend seed, a round in which every selected client is counted yields a global
/// model identical, bit for bit, to the vanilla run's.
public final class ChainCoordinator: RoundCoordinator {
  unowned let driver: RoundDriver
  /// Where the validators and the storage node are.
  public let deployment: ChainDeployment
  /// The consensus engine carrying the transactions.
  public let engine: any ConsensusEngine
  let gasSchedule: GasSchedule
  /// The validators' execution of the federation contract, and the storage node's content
  /// (used when `deployment.storage` is set).
  public let runtime: ContractRuntime<FederationContract>
  let clientKeys: [Ed25519.PrivateKey]
  var nonces: [UInt64]
  /// The last round each client was told of (0: none), so that it is told once.
  var notifiedRound: [Int]
  /// `gateways[c]`: the engine-local validator client c talks to.
  public let gateways: [NodeID]
  /// Update transactions in flight: transaction → (client, round).
  var pendingUpdates: [TransactionID: (client: ClientID, round: Int)] = [:]
  /// Off chain: whether the latest model has reached the storage node (the initial model is
  /// there from deployment), and the clients waiting for it.
  var modelUploadDone = true
  var waitingForModel: [ClientID] = []
  /// The round and client of each update transaction sent.
  var updateTransactions: [TransactionID: (client: ClientID, round: Int)] = [:]

  /// A coordinator over `engine`, whose validator i runs on `deployment.validators[i]`.
  /// - Precondition: the engine has as many validators as the deployment lists.
  init(
    driver: RoundDriver, deployment: ChainDeployment, engine: any ConsensusEngine,
    streams: RandomStreams, gasSchedule: GasSchedule
  ) {
    let federation = driver.composition.federation
    precondition(
      engine.validatorCount == deployment.validators.count,
      "\(driver.name): engine has \(engine.validatorCount) validators, deployment \(deployment.validators.count)"
    )
    self.driver = driver
    self.deployment = deployment
    self.engine = engine
    self.gasSchedule = gasSchedule
    let contract = FederationContract(
      rules: FederationRules(
        clientCount: federation.clients.count, rounds: federation.rounds,
        clientsPerRound: federation.clientsPerRound, roundDeadline: federation.roundDeadline,
        keepsModelOnChain: deployment.keepsPayloadsOnChain,
        noticeDepth: deployment.confirmationDepth,
        registrationDeadline: deployment.registrationDeadline),
      initialModel: driver.backend.globalPayload(), selection: driver.composition.selection,
      aggregation: driver.composition.aggregation, validation: driver.composition.validation,
      reputationBook: driver.composition.initialReputation,
      sampler: streams.make(.clientSampling))
    // Fetches go through the driver's door: a validator waiting for a payload is progress.
    // Executing blocks is not: it is the chain's own steady work, which goes on whether or not
    // the federation progresses, so it is charged on the plain compute, where it cannot keep
    // the stall watchdog from firing.
    runtime = ContractRuntime(
      contract: contract, validatorNodes: deployment.validators, storage: deployment.storage,
      transport: driver.door, compute: driver.compute, fetchKind: "update-fetch")
    var keyWork = Work.zero
    clientKeys = federation.clients.indices.map { index in
      var generator = streams.make(.clientKeys, index: index)
      return Ed25519.PrivateKey(using: &generator, work: &keyWork)
    }
    nonces = Array(repeating: 0, count: federation.clients.count)
    notifiedRound = Array(repeating: 0, count: federation.clients.count)
    gateways = federation.clients.map { client in
      Self.nearestValidator(to: client, among: deployment.validators, network: driver.network)
    }
    driver.door.onStall { [engine] simulation in engine.stop(in: simulation) }
  }

  /// The contract's state as of the last block executed (by any validator).
  public var contract: FederationContract { runtime.contract }

  /// The contract's reputation book.
  var reputation: ReputationBook { contract.reputationBook }

  /// Update transactions the contract refused, with the reason, in execution order.
  /// - Complexity: O(transactions executed).
  public var rejections: [FederationRejection] {
    runtime.executions.flatMap { execution in
      execution.receipts.compactMap { receipt in
        receipt.payloadKind == .modelUpdate ? receipt.rejection : nil
      }
    }
  }

  /// The validator `client` talks to now: its gateway, or while that validator's node is down,
  /// the nearest validator that is up (a client whose connection fails tries the next one; the
  /// crash is taken as known at once, as a refused connection would make it). Its gateway when
  /// every validator is down (whatever it sends is then lost).
  func gateway(of client: ClientID) -> NodeID {
    let gateway = gateways[client.index]
    guard !driver.door.isUp(deployment.validators[gateway.index]) else { return gateway }
    let node = driver.clientNodes[client.index]
    var best: NodeID?
    var bestLatency = SimDuration.nanoseconds(Int64.max)
    for (index, validator) in deployment.validators.enumerated() where driver.door.isUp(validator) {
      guard let route = driver.network.route(from: node, to: validator) else { continue }
      if route.latency < bestLatency {
        best = NodeID(index)
        bestLatency = route.latency
      }
    }
    return best ?? gateway
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
  func start(in simulation: Simulation) {
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
    let clients = driver.clientNodes
    for (index, node) in clients.enumerated() {
      let registration = ClientRegistration(
        client: ClientID(index), node: node, sampleCount: driver.backend.sampleCounts[index],
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
    let node = driver.clientNodes[client.index]
    let gateway = gateway(of: client)
    driver.run(work, on: node, label: label, in: simulation, onLost: onLoss) {
      [unowned self] simulation in
      onSent?(simulation)
      self.driver.send(
        from: node, to: self.deployment.validators[gateway.index],
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
