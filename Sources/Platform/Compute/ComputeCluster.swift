import SimCore
import SimKernel

/// The compute side of every node: each node serves tasks first come, first served on its cores,
/// and a task occupies one core for `profile.duration(for: work)`.
///
/// The computation itself has already run for real by the time a task is submitted (its result and
/// its `Work` are known); this class decides only *when*, in simulated time, the result is ready.
///
/// Nodes can go down and come back, and can be slowed down (`ComputeCluster+Health.swift`): a
/// task on a node that goes down is lost, and a slowed node's tasks take `factor` times as long.
public final class ComputeCluster: ComputeService {
  /// One finished (or lost) task, for traces.
  public struct TaskRecord: Sendable, Hashable {
    public var node: NodeID
    public var label: String
    public var submitted: SimInstant
    /// When it got a core; for a task lost before it did, the instant it was lost.
    public var started: SimInstant
    /// When it finished, or when it was lost.
    public var finished: SimInstant
    public var work: Work
    /// True when its node went down before it finished (or was down when it was submitted): its
    /// `onDone` never ran.
    public var isLost = false
  }

  struct Pending {
    /// The task's place in the order of submission, over all nodes.
    var serial: Int
    var label: String
    var work: Work
    var submitted: SimInstant
    var onDone: Simulation.Action
    var onLost: Simulation.Action?
  }

  /// A task holding a core.
  struct Running {
    var task: Pending
    var started: SimInstant
    /// The work left as of `lastUpdate`, in nanoseconds at factor 1.
    var remainingBaseNanoseconds: Int64
    var lastUpdate: SimInstant
    /// When it finishes at the node's current factor; `completion` fires then.
    var finish: SimInstant
    var completion: EventHandle
  }

  public let topology: Topology
  var queues: [[Pending]]
  var queueHeads: [Int]
  /// Per node, the tasks holding its cores, in the order they started.
  var running: [[Running]]
  var isNodeDown: [Bool]
  var slowdowns: [SlowdownFactor]
  var nextSerial = 0
  /// Finished and lost tasks, in the order they ended (none kept when `keepsRecords` is false).
  public internal(set) var records: [TaskRecord] = []
  /// Whether ended tasks are kept in `records`; a run that streams its rows through `onRecord`
  /// turns it off.
  public var keepsRecords = true
  /// Called for every ended task, after its record is kept; lets traces stream rows.
  public var onRecord: ((TaskRecord) -> Void)?
  /// Simulated busy time per node (the time its cores were held by tasks), in nanoseconds.
  public internal(set) var busyNanoseconds: [Int64]

  public init(topology: Topology) {
    self.topology = topology
    let count = topology.nodes.count
    queues = Array(repeating: [], count: count)
    queueHeads = Array(repeating: 0, count: count)
    running = Array(repeating: [], count: count)
    isNodeDown = Array(repeating: false, count: count)
    slowdowns = Array(repeating: .none, count: count)
    busyNanoseconds = Array(repeating: 0, count: count)
  }

  /// Queues a task of `work` on `node`; `onDone` runs when it finishes.
  public func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onDone: @escaping Simulation.Action
  ) {
    submit(work, on: node, label: label, in: simulation, onLost: nil, onDone: onDone)
  }

  /// Queues a task of `work` on `node`; `onDone` runs when it finishes, or `onLost` (if given)
  /// if the node goes down first. A task submitted to a down node is lost at once: its record is
  /// appended now and `onLost` runs from a zero-delay event, never inside this call.
  ///
  /// (The overload above, without `onLost`, is the `ComputeService` requirement; a call without
  /// `onLost` picks it, and it forwards here.)
  public func submit(
    _ work: Work, on node: NodeID, label: String, in simulation: Simulation,
    onLost: Simulation.Action? = nil, onDone: @escaping Simulation.Action
  ) {
    let task = Pending(
      serial: nextSerial, label: label, work: work, submitted: simulation.now, onDone: onDone,
      onLost: onLost)
    nextSerial += 1
    guard !isNodeDown[node.index] else {
      lose(task, on: node, started: simulation.now, in: simulation)
      return
    }
    queues[node.index].append(task)
    startReadyTasks(on: node, in: simulation)
  }

  /// Tasks waiting for a core on `node`.
  public func queuedTaskCount(on node: NodeID) -> Int {
    queues[node.index].count - queueHeads[node.index]
  }

  /// Tasks holding a core of `node`.
  public func runningTaskCount(on node: NodeID) -> Int { running[node.index].count }

  // MARK: - Task life cycle

  func startReadyTasks(on node: NodeID, in simulation: Simulation) {
    let n = node.index
    let profile = topology.nodes[n].profile
    while running[n].count < topology.nodes[n].cores && queueHeads[n] < queues[n].count {
      let task = queues[n][queueHeads[n]]
      queueHeads[n] += 1
      if queueHeads[n] == queues[n].count {
        queues[n].removeAll(keepingCapacity: true)
        queueHeads[n] = 0
      }
      let base = profile.duration(for: task.work).nanoseconds
      let finish = finishInstant(
        afterWall: slowdowns[n].wallNanoseconds(forBase: base), in: simulation)
      busyNanoseconds[n] = Self.saturating(
        busyNanoseconds[n], plus: (finish - simulation.now).nanoseconds)
      running[n].append(
        Running(
          task: task, started: simulation.now, remainingBaseNanoseconds: base,
          lastUpdate: simulation.now, finish: finish,
          completion: scheduleCompletion(of: task.serial, on: node, at: finish, in: simulation)))
    }
  }

  /// Schedules the completion of running task `serial` on `node` at `instant`.
  /// The instant `wall` nanoseconds from now, or the clock's last instant when that lies beyond
  /// it: a task slowed past the clock never finishes, and the run stops at its horizon with a
  /// warning, as a message past the clock does.
  func finishInstant(afterWall wall: Int64, in simulation: Simulation) -> SimInstant {
    let now = simulation.now.nanosecondsSinceStart
    return SimInstant(nanosecondsSinceStart: wall > Int64.max - now ? Int64.max : now + wall)
  }

  /// `a + b`, held at `Int64`'s bounds instead of trapping.
  static func saturating(_ a: Int64, plus b: Int64) -> Int64 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : sum
  }

  func scheduleCompletion(
    of serial: Int, on node: NodeID, at instant: SimInstant, in simulation: Simulation
  ) -> EventHandle {
    simulation.schedule(at: instant) { [unowned self] simulation in
      self.complete(serial, on: node, in: simulation)
    }
  }

  private func complete(_ serial: Int, on node: NodeID, in simulation: Simulation) {
    let n = node.index
    guard let position = running[n].firstIndex(where: { $0.task.serial == serial }) else {
      preconditionFailure("ComputeCluster: task \(serial) completed but is not running on \(node)")
    }
    let done = running[n].remove(at: position)
    record(
      TaskRecord(
        node: node, label: done.task.label, submitted: done.task.submitted, started: done.started,
        finished: simulation.now, work: done.task.work))
    done.task.onDone(simulation)
    startReadyTasks(on: node, in: simulation)
  }

  /// Files `task` as lost now, having started at `started`; its `onLost` runs from a zero-delay
  /// event.
  func lose(_ task: Pending, on node: NodeID, started: SimInstant, in simulation: Simulation) {
    record(
      TaskRecord(
        node: node, label: task.label, submitted: task.submitted, started: started,
        finished: simulation.now, work: task.work, isLost: true))
    if let onLost = task.onLost { simulation.schedule(after: .zero, onLost) }
  }

  /// Keeps an ended task's record (if records are kept) and reports it to `onRecord`.
  private func record(_ record: TaskRecord) {
    if keepsRecords { records.append(record) }
    onRecord?(record)
  }
}
