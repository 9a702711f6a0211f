import SimCore
import SimKernel

/// Runs a contract on a chain's validators: each validator executes the blocks it confirms one
/// at a time, in the order it confirmed them (height order: engines confirm in height order),
/// after fetching the off-chain payloads each block's transactions read.
///
/// ```swift
/// let runtime = ContractRuntime(
///   contract: contract, validatorNodes: validatorNodes, storage: storageNode,
///   transport: network, compute: cluster)
/// runtime.onExecuted = { execution, validator, confirmedAt, simulation in … }
/// engine.onBlockConfirmed = { validator, block, simulation in
///   runtime.enqueue(block, confirmedAt: validator, in: simulation)
/// }
/// ```
///
/// **Once, charged to all.** Executing a block is a pure function of the contract's state and
/// the block, so the first validator to reach a height executes its block for real and keeps the
/// `BlockExecution`; every validator, that one included, is then charged its `work` as an
/// `execute-block` task on its compute, and `onExecuted` runs there when the task is done. A
/// validator that confirms a different block at a height already executed (a reorganisation
/// deeper than the confirmation depth) skips it and counts it in `divergentConfirmations`.
///
/// **Off-chain payloads.** With a `storage` node, a validator fetches every payload the block
/// reads (`Contract.offChainReferences(of:)`) from it over `transport`, all at once, and starts
/// executing when the last has arrived; a fetch a lossy link drops is sent again, since the
/// validator cannot execute the block without it. The bytes themselves are read from
/// `offChainStore`, the storage node's content.
public final class ContractRuntime<Hosted: Contract> {
  /// A confirmed block waiting at a validator, with the instant of its confirmation there.
  struct PendingBlock {
    var block: Block
    var confirmedAt: SimInstant
  }

  /// The contract's state as of the last block executed (by any validator).
  public private(set) var contract: Hosted
  /// Each executed block's outcome, by height − 1.
  public private(set) var executions: [BlockExecution<Hosted>] = []
  /// Confirmations of a block at a height that had already executed with a different block;
  /// they are not executed.
  public private(set) var divergentConfirmations = 0
  /// The storage node's content: off-chain payloads by content hash. Whoever uploads a payload
  /// to the storage node puts it here.
  public var offChainStore = OffChainStore()
  /// `validatorNodes[i]`: the platform node of the engine's validator i.
  public let validatorNodes: [NodeID]
  /// The node validators fetch off-chain payloads from, or nil when payloads are on chain.
  public let storage: NodeID?
  /// The message kind of a fetch, in traces.
  public let fetchKind: String
  let transport: any MessageTransport
  let compute: any ComputeService
  /// Called at `validator` when its `execute-block` task for `execution`'s block is done;
  /// `confirmedAt` is when the validator confirmed the block.
  public var onExecuted:
    (
      (
        _ execution: BlockExecution<Hosted>, _ validator: NodeID, _ confirmedAt: SimInstant,
        _ simulation: Simulation
      ) -> Void
    )?

  /// Per validator: the confirmed blocks waiting to execute from `heads[v]` on, and whether one
  /// is executing (fetching or charged).
  var queues: [[PendingBlock]]
  var heads: [Int]
  var isExecuting: [Bool]

  /// A runtime executing `contract` on validators 0..<`validatorNodes.count`, whose validator i
  /// runs on platform node `validatorNodes[i]` of `transport` and `compute`; off-chain payloads
  /// are fetched from `storage`, if any, as messages of kind `fetchKind`.
  /// - Precondition: at least one validator.
  public init(
    contract: Hosted, validatorNodes: [NodeID], storage: NodeID?,
    transport: any MessageTransport, compute: any ComputeService,
    fetchKind: String = "payload-fetch"
  ) {
    precondition(!validatorNodes.isEmpty, "ContractRuntime: no validators")
    self.contract = contract
    self.validatorNodes = validatorNodes
    self.storage = storage
    self.transport = transport
    self.compute = compute
    self.fetchKind = fetchKind
    queues = Array(repeating: [], count: validatorNodes.count)
    heads = Array(repeating: 0, count: validatorNodes.count)
    isExecuting = Array(repeating: false, count: validatorNodes.count)
  }

  /// Queues `block`, just confirmed at `validator`, for execution there, and starts executing it
  /// unless the validator is busy with an earlier one.
  /// - Precondition: `validator` is one of the runtime's validators; the block's height is at
  ///   most one past the highest executed (engines confirm in height order).
  /// - Complexity: amortised O(1), plus the contract's `execute` when the block is the first at
  ///   its height and starts at once.
  public func enqueue(_ block: Block, confirmedAt validator: NodeID, in simulation: Simulation) {
    precondition(
      validator.index < queues.count,
      "ContractRuntime: validator \(validator) of \(queues.count)")
    queues[validator.index].append(PendingBlock(block: block, confirmedAt: simulation.now))
    executeNext(at: validator, in: simulation)
  }

  // MARK: - Execution

  /// Starts executing `validator`'s oldest confirmed block, unless one is executing: fetch any
  /// off-chain payloads it reads, then execute it.
  func executeNext(at validator: NodeID, in simulation: Simulation) {
    let v = validator.index
    guard !isExecuting[v], heads[v] < queues[v].count else { return }
    let pending = queues[v][heads[v]]
    heads[v] += 1
    if heads[v] == queues[v].count {
      queues[v].removeAll(keepingCapacity: true)
      heads[v] = 0
    }
    isExecuting[v] = true
    let references = pending.block.transactions.flatMap(contract.offChainReferences(of:))
    guard let storage, !references.isEmpty else {
      execute(pending, at: validator, in: simulation)
      return
    }
    var outstanding = references.count
    for reference in references {
      fetch(reference, from: storage, to: validator, in: simulation) { [unowned self] simulation in
        outstanding -= 1
        if outstanding == 0 { self.execute(pending, at: validator, in: simulation) }
      }
    }
  }

  /// Fetches an off-chain payload to `validator`, again if a lossy link drops it.
  func fetch(
    _ reference: ContentReference, from storage: NodeID, to validator: NodeID,
    in simulation: Simulation, then action: @escaping Simulation.Action
  ) {
    transport.send(
      from: storage, to: validatorNodes[validator.index], size: reference.byteCount,
      kind: fetchKind, in: simulation,
      onLoss: { [unowned self] simulation in
        self.fetch(reference, from: storage, to: validator, in: simulation, then: action)
      }, onDelivery: action)
  }

  /// Executes the pending block (for real the first time any validator reaches its height),
  /// charges its work on `validator`, then reports it through `onExecuted`.
  func execute(_ pending: PendingBlock, at validator: NodeID, in simulation: Simulation) {
    let block = pending.block
    let index = block.height - 1
    precondition(
      index <= executions.count,
      "ContractRuntime: block \(block.height) confirmed before block \(executions.count + 1)")
    let execution: BlockExecution<Hosted>
    if index == executions.count {
      let store = offChainStore
      // The store is content-addressed: it hashed each payload when it was put.
      execution = contract.execute(
        block, reading: FetchedContent(isContentAddressed: true) { store.get($0.hash) })
      executions.append(execution)
    } else if executions[index].blockHash == block.hash {
      execution = executions[index]
    } else {
      divergentConfirmations += 1
      finishExecution(at: validator, in: simulation)
      return
    }
    compute.submit(
      execution.work, on: validatorNodes[validator.index], label: "execute-block",
      in: simulation
    ) { [unowned self] simulation in
      self.onExecuted?(execution, validator, pending.confirmedAt, simulation)
      self.finishExecution(at: validator, in: simulation)
    }
  }

  /// Frees `validator` and starts its next confirmed block, if any.
  func finishExecution(at validator: NodeID, in simulation: Simulation) {
    isExecuting[validator.index] = false
    executeNext(at: validator, in: simulation)
  }
}
