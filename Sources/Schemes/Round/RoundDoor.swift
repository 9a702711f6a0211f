import Platform
import SimCore
import SimKernel

/// A round driver's one door: every message a scheme sends and every task it runs for the
/// federation's progress goes through `send` and `run`, which count what is in flight and run
/// the stall watchdog. (A chain's execution of each block is not the federation's progress: it
/// goes on regardless, on the plain compute.)
///
/// While something is in flight, the federation is progressing; when nothing is, it waits only
/// for a timer (a server's round deadline) or for the chain, which includes, confirms and
/// executes within a bounded time — unless a lost message or a silent client left a round that
/// nothing can close. The watchdog covers exactly that case: it runs only while nothing is in
/// flight and, after `stallLimit` of such silence, sets `stalled` and runs `onStall` (a chain
/// stops its engine, which would otherwise seal empty blocks until the end of simulated time).
/// A `MessageTransport`, so that a `ContractRuntime`'s fetches count as in flight too.
///
/// A separate object from the driver, and holding nothing of it, so that the contract runtime
/// (which the driver owns through its coordinator) can hold the door without a reference cycle.
public final class RoundDoor: MessageTransport {
  let network: FlowNetwork
  let compute: ComputeCluster
  /// The silence after which the run is stalled.
  let stallLimit: SimDuration
  /// What happens when the run stalls, in the order added: a chain stops its engine, the run's
  /// owner stops its fault injector (whose timeline must not keep a run that can no longer
  /// progress alive).
  private var stallActions: [Simulation.Action] = []
  /// Messages sent and tasks started that have not finished.
  public private(set) var inFlight = 0
  /// True once the last round has closed: the watchdog is never armed again.
  private(set) var isDone = false
  /// True when the watchdog fired.
  public private(set) var stalled = false
  /// Armed while nothing is in flight: fires after `stallLimit` of that.
  private var watchdog = SimulationTimer()

  init(network: FlowNetwork, compute: ComputeCluster, stallLimit: SimDuration) {
    self.network = network
    self.compute = compute
    self.stallLimit = stallLimit
  }

  /// Sends a message; `onDelivery` runs on arrival, `onLoss` (when given) if a lossy link drops
  /// it.
  public func send(
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

  /// Runs a task of `work` on `node`; `then` runs when it is done, `onLost` (when given) if the
  /// node crashes first.
  public func run(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onLost: Simulation.Action? = nil, then action: @escaping Simulation.Action
  ) {
    inFlight += 1
    watchdog.disarm(in: simulation)
    compute.submit(
      work, on: node, label: label, in: simulation,
      onLost: { [unowned self] simulation in
        self.inFlight -= 1
        onLost?(simulation)
        self.checkForStall(in: simulation)
      }
    ) { [unowned self] simulation in
      self.inFlight -= 1
      action(simulation)
      self.checkForStall(in: simulation)
    }
  }

  /// Whether `node` is up (faults take nodes down and bring them back).
  public func isUp(_ node: NodeID) -> Bool { network.isUp(node) }

  /// Runs `action` when the run stalls, after the actions added before it.
  public func onStall(_ action: @escaping Simulation.Action) { stallActions.append(action) }

  /// Marks the federation done: the watchdog is disarmed for good.
  func finish(in simulation: Simulation) {
    isDone = true
    watchdog.disarm(in: simulation)
  }

  /// Arms the watchdog when nothing is in flight and the federation is not done.
  func checkForStall(in simulation: Simulation) {
    guard inFlight == 0, !isDone, !watchdog.isArmed(in: simulation) else { return }
    watchdog.arm(after: stallLimit, in: simulation) { [unowned self] simulation in
      self.stalled = true
      for action in self.stallActions { action(simulation) }
    }
  }
}
