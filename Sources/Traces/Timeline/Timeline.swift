import SimCore

/// A timeline in simulated time, built up from slices, instants and flow arrows, and written as
/// a Chrome trace-event file (`TraceEventWriter`) for Perfetto or `chrome://tracing`.
///
/// ```swift
/// var timeline = Timeline(tracks: ["compute", "send", "receive"])
/// let server = timeline.addProcess(name: "cloud (server)", pid: 1)
/// let client = timeline.addProcess(name: "c0 (client)", pid: 2)
/// timeline.addSlice(
///   "model → c0", category: "message", in: server, track: "send", from: t0, to: t1,
///   flow: .outgoing(1))
/// timeline.addSlice(
///   "model ← cloud", category: "message", in: client, track: "receive", from: t1, to: t1,
///   flow: .incoming(1))
/// let json = timeline.rendered(otherData: [("scenario", .string("default"))])
/// ```
///
/// **Processes and tracks.** Each process (a node, in fedchain) is one group of rows in the
/// viewer; its pid is also its `process_sort_index`, which orders processes in
/// `chrome://tracing` (Perfetto orders them by rules of its own). Within a process, each kind of
/// track named in `init(tracks:)` becomes one thread, in that order; a kind whose slices overlap
/// in time becomes several lanes (`compute 1`, `compute 2`, …) by `LaneAllocator`, so that on
/// every thread slices are disjoint or, for an empty slice or an instant, inside another: the
/// nesting rule Perfetto enforces. Only kinds a process uses get a thread.
///
/// **Thread ids** are numbered from one past the largest pid, in order of process, kind and
/// lane, so no tid is used twice in the file and none equals a pid: Perfetto's JSON importer
/// names a thread by its tid alone, and a tid shared by two processes could take the other's name.
///
/// **Flows.** A message is an arrow between two slices that carry the same id, one
/// `.outgoing`, one `.incoming` (the format's version-2 flow events, `bind_id` with `flow_out` or
/// `flow_in`, which Perfetto and `chrome://tracing` both draw). An id that does not end up with
/// exactly one of each — its receiver filtered out, say — is written without its binding, so
/// every arrow in the file is whole.
///
/// **Order and bytes.** Metadata comes first, in process order; then every slice and instant in
/// order of start time, ties in the order they were added. The same calls give the same bytes.
public struct Timeline {
  /// A process of the timeline: one node of the run, a group of tracks in the viewer.
  public struct Process: Hashable, Sendable {
    fileprivate let index: Int
  }

  /// How a slice takes part in a flow arrow; the two ends of one arrow share an id that no other
  /// arrow of the timeline uses.
  public enum Flow: Hashable, Sendable {
    /// The slice the arrow leaves (drawn from its end).
    case outgoing(UInt64)
    /// The slice the arrow reaches (drawn to its start).
    case incoming(UInt64)
  }

  private struct Item {
    var process: Int
    var track: Int
    var name: String
    var category: String
    var start: SimInstant
    /// Nil for an instant.
    var end: SimInstant?
    var args: [(String, JSONValue)]
    var flow: Flow?
  }

  private let tracks: [String]
  private let trackIndex: [String: Int]
  private var processes: [(name: String, pid: Int)] = []
  private var items: [Item] = []

  /// An empty timeline whose processes may use the kinds of track `tracks`, shown in that order.
  /// - Precondition: the names are distinct.
  public init(tracks: [String]) {
    precondition(Set(tracks).count == tracks.count, "Timeline: repeated track kinds \(tracks)")
    self.tracks = tracks
    self.trackIndex = Dictionary(uniqueKeysWithValues: tracks.enumerated().map { ($1, $0) })
  }

  /// The number of slices and instants added so far.
  public var eventCount: Int { items.count }

  /// Adds a process named `name` (as the viewer shows it) with id `pid`.
  /// - Precondition: `pid ≥ 1`, not used by another process.
  public mutating func addProcess(name: String, pid: Int) -> Process {
    precondition(pid >= 1, "Timeline: pid \(pid) of \(name) is not positive")
    processes.append((name, pid))
    return Process(index: processes.count - 1)
  }

  /// Adds a slice from `start` to `end` on `process`'s track of kind `track`.
  /// - Precondition: `start ≤ end`; `track` is one of the kinds given to `init(tracks:)`.
  public mutating func addSlice(
    _ name: String, category: String, in process: Process, track: String,
    from start: SimInstant, to end: SimInstant, args: [(String, JSONValue)] = [],
    flow: Flow? = nil
  ) {
    precondition(start <= end, "Timeline: slice \(name) ends at \(end) before its start \(start)")
    items.append(
      Item(
        process: process.index, track: kind(track), name: name, category: category,
        start: start, end: end, args: args, flow: flow))
  }

  /// Adds an instant at `time` on `process`'s track of kind `track`.
  /// - Precondition: `track` is one of the kinds given to `init(tracks:)`.
  public mutating func addInstant(
    _ name: String, category: String, in process: Process, track: String, at time: SimInstant,
    args: [(String, JSONValue)] = []
  ) {
    items.append(
      Item(
        process: process.index, track: kind(track), name: name, category: category,
        start: time, end: nil, args: args, flow: nil))
  }

  private func kind(_ track: String) -> Int {
    guard let index = trackIndex[track] else {
      preconditionFailure("Timeline: track kind \(track) is not one of \(tracks)")
    }
    return index
  }

  // MARK: - Rendering

  /// The timeline as a trace-event JSON file, with `otherData` as its metadata object.
  /// - Complexity: O(n log n) for n slices and instants, plus the size of the output.
  public func rendered(otherData: [(String, JSONValue)]) -> String {
    let pids = processes.map(\.pid)
    precondition(Set(pids).count == pids.count, "Timeline: repeated pids")
    // The slices and instants of each (process, kind), and each one's lane in it.
    var groups = [[Int]](repeating: [], count: processes.count * tracks.count)
    for (index, item) in items.enumerated() {
      groups[item.process * tracks.count + item.track].append(index)
    }
    var lanes = [Int](repeating: 0, count: items.count)
    var laneCounts = [Int](repeating: 0, count: groups.count)
    for (group, members) in groups.enumerated() where !members.isEmpty {
      let slices = members.filter { items[$0].end != nil }
      let assignment = LaneAllocator.lanes(
        for: slices.map {
          (items[$0].start.nanosecondsSinceStart, items[$0].end!.nanosecondsSinceStart)
        })
      for (member, lane) in zip(slices, assignment.lanes) { lanes[member] = lane }
      // Instants stay on the first lane, which they never overlap in the viewer's sense.
      laneCounts[group] = max(assignment.count, 1)
    }
    var events: [TraceEvent] = []
    var firstTID = [Int](repeating: 0, count: groups.count)
    var nextTID = (pids.max() ?? 0) + 1
    for (process, (name, pid)) in processes.enumerated() {
      // A process's own records go to its main thread, whose tid is its pid.
      events.append(.metadata("process_name", pid: pid, tid: pid, args: [("name", .string(name))]))
      events.append(
        .metadata("process_sort_index", pid: pid, tid: pid, args: [("sort_index", .integer(pid))]))
      for (track, kind) in tracks.enumerated() {
        let group = process * tracks.count + track
        firstTID[group] = nextTID
        for lane in 0..<laneCounts[group] {
          let threadName = laneCounts[group] == 1 ? kind : "\(kind) \(lane + 1)"
          events.append(
            .metadata("thread_name", pid: pid, tid: nextTID, args: [("name", .string(threadName))]))
          events.append(
            .metadata(
              "thread_sort_index", pid: pid, tid: nextTID, args: [("sort_index", .integer(nextTID))]
            ))
          nextTID += 1
        }
      }
    }
    let wholeFlows = Self.wholeFlows(items.compactMap(\.flow))
    let order = items.indices.sorted { (items[$0].start, $0) < (items[$1].start, $1) }
    for index in order {
      let item = items[index]
      let group = item.process * tracks.count + item.track
      var binding: TraceEvent.FlowBinding?
      switch item.flow {
      case .outgoing(let id)? where wholeFlows.contains(id):
        binding = TraceEvent.FlowBinding(id: id, isOutgoing: true)
      case .incoming(let id)? where wholeFlows.contains(id):
        binding = TraceEvent.FlowBinding(id: id, isOutgoing: false)
      default: binding = nil
      }
      events.append(
        TraceEvent(
          phase: item.end == nil ? .instant : .complete, name: item.name,
          category: item.category, pid: processes[item.process].pid,
          tid: firstTID[group] + lanes[index], time: item.start,
          duration: item.end.map { $0 - item.start }, flow: binding, args: item.args))
    }
    return TraceEventWriter.write(events, otherData: otherData)
  }

  /// The ids that have exactly one outgoing and one incoming end.
  private static func wholeFlows(_ flows: [Flow]) -> Set<UInt64> {
    var ends: [UInt64: (outgoing: Int, incoming: Int)] = [:]
    for flow in flows {
      switch flow {
      case .outgoing(let id): ends[id, default: (0, 0)].outgoing += 1
      case .incoming(let id): ends[id, default: (0, 0)].incoming += 1
      }
    }
    return Set(ends.filter { $0.value == (1, 1) }.keys)
  }
}
