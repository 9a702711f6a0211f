import SimCore
import SimKernel

/// Health: nodes that go down and come back, and slowdowns.
///
/// Everything happens at the simulation's current instant. A node that goes down loses every task
/// it holds, running or queued: each gets its record (`isLost`, `finished` = now) and its
/// `onLost` runs from a zero-delay event, in submission order; `onDone` never runs. A node that
/// comes back up starts empty, at the slowdown it had.
///
/// A run that never calls these methods, or calls them only with the state a node already has,
/// behaves and records exactly as if they did not exist.
extension ComputeCluster {
  // MARK: - Nodes

  /// True unless `node` is down.
  public func isUp(_ node: NodeID) -> Bool { !isNodeDown[node.index] }

  /// Sets `node` up or down now. Going down loses its running and queued tasks (see the
  /// extension's overview); setting a node to the state it has is a no-op.
  /// - Complexity: O(T) for the tasks the node holds.
  public func setNode(_ node: NodeID, up: Bool, in simulation: Simulation) {
    let n = node.index
    guard isNodeDown[n] == up else { return }
    isNodeDown[n] = !up
    guard !up else { return }
    // Running tasks started in submission order, and before every queued one (first come, first
    // served), so this order is submission order.
    let held = running[n]
    running[n].removeAll()
    for task in held {
      simulation.cancel(task.completion)
      busyNanoseconds[n] -= (task.finish - simulation.now).nanoseconds
      lose(task.task, on: node, started: task.started, in: simulation)
    }
    let queued = queues[n][queueHeads[n]...]
    queues[n].removeAll()
    queueHeads[n] = 0
    for task in queued { lose(task, on: node, started: simulation.now, in: simulation) }
  }

  // MARK: - Slowdown

  /// How many times slower than its profile `node` computes now (1 = normal).
  public func slowdown(on node: NodeID) -> Double { slowdowns[node.index].value }

  /// Makes `node` compute `factor` times slower than its profile from now on (1 restores normal
  /// speed). A task that starts later takes `factor` × its profile duration; a task running now
  /// keeps the work it has done and is re-timed for the rest:
  ///
  ///     done      = ⌊(now − last change) ÷ old factor⌋   (nanoseconds of work at factor 1)
  ///     remaining = remaining − done
  ///     finish    = now + ⌈remaining × factor⌉
  ///
  /// in exact integer arithmetic, with the factor counted in billionths (`SlowdownFactor`).
  /// Setting the factor a node has is a no-op.
  /// - Precondition: `factor` is in [1, 10⁹].
  /// - Complexity: O(C) for the node's running tasks.
  public func setSlowdown(_ factor: Double, on node: NodeID, in simulation: Simulation) {
    let n = node.index
    let new = SlowdownFactor(factor)
    let old = slowdowns[n]
    guard new != old else { return }
    slowdowns[n] = new
    for i in running[n].indices {
      var task = running[n][i]
      let elapsed = (simulation.now - task.lastUpdate).nanoseconds
      task.remainingBaseNanoseconds = max(
        0, task.remainingBaseNanoseconds - old.baseNanoseconds(inWall: elapsed))
      task.lastUpdate = simulation.now
      let finish = finishInstant(
        afterWall: new.wallNanoseconds(forBase: task.remainingBaseNanoseconds), in: simulation)
      busyNanoseconds[n] = Self.saturating(
        busyNanoseconds[n], plus: (finish - task.finish).nanoseconds)
      simulation.cancel(task.completion)
      task.finish = finish
      task.completion = scheduleCompletion(
        of: task.task.serial, on: node, at: finish, in: simulation)
      running[n][i] = task
    }
  }
}
