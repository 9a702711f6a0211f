import SimCore
import SimKernel

/// The compute side of every node: each node serves tasks first come, first served on its cores,
/// and a task occupies one core for `profile.duration(for: work)`.
///
/// The computation itself has already run for real by the time a task is submitted (its result and
/// its `Work` are known); this class decides only *when*, in simulated time, the result is ready.
public final class ComputeCluster: ComputeService {
  /// One finished task, for traces.
  public struct TaskRecord: Sendable, Hashable {
    public var node: NodeID
    public var label: String
    public var submitted: SimInstant
    public var started: SimInstant
    public var finished: SimInstant
    public var work: Work
  }

  private struct Pending {
    var label: String
    var work: Work
    var submitted: SimInstant
    var onDone: Simulation.Action
  }

  public let topology: Topology
  private var busyCores: [Int]
  private var queues: [[Pending]]
  private var queueHeads: [Int]
  /// Finished tasks in order of completion.
  public private(set) var records: [TaskRecord] = []
  /// Simulated busy time per node (sum of task durations), in nanoseconds.
  public private(set) var busyNanoseconds: [Int64]

  public init(topology: Topology) {
    self.topology = topology
    busyCores = Array(repeating: 0, count: topology.nodes.count)
    queues = Array(repeating: [], count: topology.nodes.count)
    queueHeads = Array(repeating: 0, count: topology.nodes.count)
    busyNanoseconds = Array(repeating: 0, count: topology.nodes.count)
  }

  /// Queues a task of `work` on `node`; `onDone` runs when it finishes.
  public func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onDone: @escaping Simulation.Action
  ) {
    queues[node.index].append(
      Pending(label: label, work: work, submitted: simulation.now, onDone: onDone))
    startReadyTasks(on: node, in: simulation)
  }

  /// Tasks waiting for a core on `node`.
  public func queuedTaskCount(on node: NodeID) -> Int {
    queues[node.index].count - queueHeads[node.index]
  }

  private func startReadyTasks(on node: NodeID, in simulation: Simulation) {
    let n = node.index
    let profile = topology.nodes[n].profile
    while busyCores[n] < topology.nodes[n].cores && queueHeads[n] < queues[n].count {
      let task = queues[n][queueHeads[n]]
      queueHeads[n] += 1
      if queueHeads[n] == queues[n].count {
        queues[n].removeAll(keepingCapacity: true)
        queueHeads[n] = 0
      }
      busyCores[n] += 1
      let duration = profile.duration(for: task.work)
      busyNanoseconds[n] += duration.nanoseconds
      let started = simulation.now
      simulation.schedule(after: duration) { [unowned self] simulation in
        self.busyCores[n] -= 1
        self.records.append(
          TaskRecord(
            node: node, label: task.label, submitted: task.submitted, started: started,
            finished: simulation.now, work: task.work))
        task.onDone(simulation)
        self.startReadyTasks(on: node, in: simulation)
      }
    }
  }
}
