import Platform
import SimCore
import SimKernel

/// The door a blockchain scheme's messages and tasks go through: it counts what is in flight and
/// declares the run stalled when nothing has been for too long.
///
/// Every message the scheme sends and every task it runs for the federation's progress (not the
/// validators' execution of each block, which goes on regardless) goes through `send` and
/// `run`. While something is in flight, the federation is progressing; when nothing is, it
/// waits only for the chain, which includes, confirms and executes within a bounded time —
/// unless a lost message left a round that nothing can close. The watchdog covers exactly that
/// case: it runs only while nothing is in flight and, after `stallLimit` of such silence, sets
/// `hasStalled` and runs `onStall` (which stops the chain, where it would otherwise seal empty
/// blocks until the end of simulated time). A `MessageTransport`, so that a `ContractRuntime`'s
/// fetches count as in flight too.
final class ActivityMonitor: MessageTransport {
  let network: FlowNetwork
  let compute: ComputeCluster
  /// The silence after which the run is stalled.
  let stallLimit: SimDuration
  let onStall: Simulation.Action
  /// Messages sent and tasks started that have not finished.
  private(set) var inFlight = 0
  /// True once `finish` has been called: the watchdog is never armed again.
  private(set) var isDone = false
  /// True when the watchdog fired.
  private(set) var hasStalled = false
  /// Armed while nothing is in flight: fires after `stallLimit` of that.
  private var watchdog = SimulationTimer()

  /// A monitor of messages on `network` and tasks on `compute` that runs `onStall` after
  /// `stallLimit` with nothing in flight.
  init(
    network: FlowNetwork, compute: ComputeCluster, stallLimit: SimDuration,
    onStall: @escaping Simulation.Action
  ) {
    self.network = network
    self.compute = compute
    self.stallLimit = stallLimit
    self.onStall = onStall
  }

  /// Sends a message; `onDelivery` runs on arrival, `onLoss` (when given) if a lossy link drops
  /// it (a validator's fetch retries; without `onLoss` a lost message is gone, as in vanilla
  /// FedAvg).
  func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action?,
    onDelivery: @escaping Simulation.Action
  ) {
    inFlight += 1
    watchdog.disarm(in: simulation)
    network.send(
      from: source, to: destination, size: size, kind: kind, in: simulation,
      onDelivery: { [unowned self] simulation in
        self.inFlight -= 1
        onDelivery(simulation)
        self.checkForStall(in: simulation)
      },
      onLoss: { [unowned self] simulation in
        self.inFlight -= 1
        onLoss?(simulation)
        self.checkForStall(in: simulation)
      })
  }

  /// Runs a task of `work` on `node`; `then` runs when it is done.
  func run(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    then action: @escaping Simulation.Action
  ) {
    inFlight += 1
    watchdog.disarm(in: simulation)
    compute.submit(work, on: node, label: label, in: simulation) { [unowned self] simulation in
      self.inFlight -= 1
      action(simulation)
      self.checkForStall(in: simulation)
    }
  }

  /// Marks the federation done: the watchdog is disarmed for good.
  func finish(in simulation: Simulation) {
    isDone = true
    watchdog.disarm(in: simulation)
  }

  /// Arms the watchdog when nothing is in flight and the federation is not done.
  func checkForStall(in simulation: Simulation) {
    guard inFlight == 0, !isDone, !watchdog.isArmed(in: simulation) else { return }
    watchdog.arm(after: stallLimit, in: simulation) { [unowned self] simulation in
      self.hasStalled = true
      self.onStall(simulation)
    }
  }
}
