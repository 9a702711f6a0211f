import SimCore

/// One event of the Chrome trace-event format, the JSON that Perfetto and `chrome://tracing`
/// open: a complete slice, an instant, or a metadata record naming or ordering a process or a
/// thread. `TraceEventWriter` writes it; `Timeline` makes it.
///
/// The format (Google's "Trace Event Format" document) keys every event by a process and a
/// thread; a viewer draws each thread as one track. Times are simulated, held as `SimInstant`
/// and `SimDuration`, and written in microseconds with the nanosecond digits exact.
struct TraceEvent {
  /// The event's `ph` field.
  enum Phase: String {
    /// `X`: a slice with a start and a duration.
    case complete = "X"
    /// `i`: a point in time, drawn on its thread's track (scope `t`).
    case instant = "i"
    /// `M`: a `process_name`, `process_sort_index`, `thread_name` or `thread_sort_index` record.
    case metadata = "M"
  }

  /// How a slice takes part in a flow arrow (the format's flow events, version 2): the slice
  /// that sends carries `flow_out`, the one that receives `flow_in`, both with the same
  /// `bind_id`. Perfetto draws the arrow from the end of the first to the start of the second.
  struct FlowBinding: Equatable {
    /// The flow's id, unique in the file.
    var id: UInt64
    /// True on the sending slice, false on the receiving one.
    var isOutgoing: Bool
  }

  var phase: Phase
  var name: String
  /// The `cat` field (viewers filter by it); none on metadata.
  var category: String?
  var pid: Int
  var tid: Int
  /// The `ts` field; zero on metadata.
  var time: SimInstant
  /// The `dur` field of a complete slice; nil otherwise.
  var duration: SimDuration?
  var flow: FlowBinding?
  /// The `args` object, members in this order; empty writes none.
  var args: [(String, JSONValue)]

  /// A metadata record `name` of thread `tid` of process `pid` (a process's own records name its
  /// main thread, `tid == pid`) whose `args` are `args`.
  static func metadata(_ name: String, pid: Int, tid: Int, args: [(String, JSONValue)])
    -> TraceEvent
  {
    TraceEvent(
      phase: .metadata, name: name, category: nil, pid: pid, tid: tid, time: .zero,
      duration: nil, flow: nil, args: args)
  }
}
