import SimCore
import SimKernel

extension FlowNetwork {
  /// The clock's last instant, where the end-of-time event waits.
  static let lastInstant = SimInstant(nanosecondsSinceStart: .max)

  /// Counts flow `index` in (or out of) `flowsBeyondClock` and keeps the end-of-time event filed
  /// exactly while something is beyond the clock.
  func setBeyondClock(_ index: Int, _ isBeyond: Bool, in simulation: Simulation) {
    guard flows[index].isBeyondClock != isBeyond else { return }
    flows[index].isBeyondClock = isBeyond
    flowsBeyondClock += isBeyond ? 1 : -1
    updateEndOfTime(in: simulation)
  }

  /// Notes that a re-solve fell at or after the clock's end: the flows waiting for it never get a
  /// rate, so the run must end there.
  func noteSolveBeyondClock(in simulation: Simulation) {
    isSolveBeyondClock = true
    updateEndOfTime(in: simulation)
  }

  /// Files the end-of-time event when something is beyond the clock, and cancels it when nothing
  /// is any more (a flow's completion can come back within range when its rate rises).
  private func updateEndOfTime(in simulation: Simulation) {
    let isNeeded = flowsBeyondClock > 0 || isSolveBeyondClock
    if isNeeded, !simulation.isPending(endOfTime) {
      endOfTime = simulation.schedule(
        at: Self.lastInstant, events, event: FlowEvents.code(.endOfTime))
    } else if !isNeeded {
      simulation.cancel(endOfTime)
    }
  }

  /// The clock has reached its end with messages that can never arrive: stops the run, and files
  /// the event again so that the run ends with work pending (which runners report) rather than
  /// as if everything had been delivered.
  func endOfTimeReached(in simulation: Simulation) {
    simulation.stop()
    endOfTime = simulation.schedule(
      at: Self.lastInstant, events, event: FlowEvents.code(.endOfTime))
  }
}
