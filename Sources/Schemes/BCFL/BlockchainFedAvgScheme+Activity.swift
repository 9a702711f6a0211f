import Platform
import SimCore
import SimKernel

extension BlockchainFedAvgScheme {
  // Every message the scheme sends and every task it runs for the federation's progress (not the
  // validators' execution of each block, which goes on regardless) goes through these two, which
  // count what is in flight. While something is, the federation is progressing; when nothing is, it
  // waits only for the chain, which includes, confirms and executes within a bounded time —
  // unless a lost message left a round that nothing can close. The watchdog covers exactly that
  // case: it runs only while nothing is in flight and stops the chain after `stallLimit` (plus
  // the round deadline) of such silence, where the chain would otherwise seal empty blocks
  // until the end of simulated time.

  /// Sends a message on behalf of the scheme; `onDelivery` runs on arrival. A lost message runs
  /// `onLoss` when given (a validator's fetch retries), else it is gone, as in vanilla FedAvg.
  func send(
    from source: NodeID, to destination: NodeID, size: ByteCount, kind: String,
    in simulation: Simulation, onLoss: Simulation.Action? = nil,
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

  /// Runs a task of `work` on `node` on behalf of the scheme; `then` runs when it is done.
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

  /// Arms the watchdog when nothing the scheme started is in flight and the federation is not
  /// done; it fires after `stallLimit` plus the round deadline of that silence.
  func checkForStall(in simulation: Simulation) {
    guard inFlight == 0, !isDone, !watchdog.isArmed(in: simulation) else { return }
    let limit = configuration.stallLimit + (configuration.federation.roundDeadline ?? .zero)
    watchdog.arm(after: limit, in: simulation) { [unowned self] simulation in
      self.stalled = true
      self.engine.stop(in: simulation)
    }
  }
}
