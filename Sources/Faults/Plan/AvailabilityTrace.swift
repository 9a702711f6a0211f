import SimCore

/// The availability of one node or link as a SimGrid state file gives it (`{"availability":
/// "traces/c3.txt", "node": "c3"}`): at each listed instant the element is up or down from then
/// on, and with a period the list repeats.
///
/// The element starts up. A `period` P repeats the list every P: line i's state applies at
/// `states[i].time + k·P` for k = 0, 1, 2, …; P is after the last line, so repetitions never
/// interleave. (SimGrid's `PERIODICITY P` is that period; its `LOOPAFTER D` restarts the list D
/// after its last line, a period of last time + D: the decoder turns it into that period.)
public struct AvailabilityTrace: Sendable, Hashable {
  /// The node or link the trace takes down and brings up.
  public var element: FaultElement
  /// The state from each instant on, in strictly increasing time order.
  public private(set) var states: [FaultElement.Change]
  /// How often the list repeats, or nil when it plays once.
  public private(set) var period: SimDuration?

  /// The trace of `element` over `states` (as a file lists them: times non-decreasing; of several
  /// lines at one instant the last one holds, since a zero-length outage is no outage), repeated
  /// every `period`.
  /// - Precondition: at least one state, times non-decreasing and not negative, and `period`
  ///   after the last time.
  public init(element: FaultElement, states: [FaultElement.Change], period: SimDuration? = nil) {
    precondition(!states.isEmpty, "AvailabilityTrace: no states")
    var merged: [FaultElement.Change] = []
    merged.reserveCapacity(states.count)
    for state in states {
      precondition(state.time >= .zero, "AvailabilityTrace: negative time \(state.time)")
      if let last = merged.last {
        precondition(
          last.time <= state.time,
          "AvailabilityTrace: time \(state.time) comes after \(last.time)")
        if last.time == state.time { merged.removeLast() }
      }
      merged.append(state)
    }
    if let period {
      precondition(
        period > merged[merged.count - 1].time,
        "AvailabilityTrace: period \(period) is not after the last time \(merged.last!.time)")
    }
    self.element = element
    self.states = merged
    self.period = period
  }

  /// The first listed instant.
  public var start: SimDuration { states[0].time }

  /// The instant the element's state last changes, or nil when the trace repeats or leaves the
  /// element down.
  public var end: SimDuration? {
    guard period == nil, states[states.count - 1].isUp else { return nil }
    return states[states.count - 1].time
  }

  /// The element's changes of state, in time order, from the start of the run.
  public func walk() -> Walk { Walk(trace: self) }
}

extension AvailabilityTrace {
  /// The changes a trace makes, lazily: lines that restate the current state are skipped, and a
  /// periodic trace goes on until its next change would lie past `FaultElement.horizon`, or until
  /// one whole repetition changes nothing (each repetition starts where the last one ended, so none
  /// after it would change anything either).
  ///
  /// - Complexity: O(lines) per change at worst (a repetition that changes nothing ends the walk).
  public struct Walk: IteratorProtocol, Sendable {
    private let trace: AvailabilityTrace
    private var line = 0
    private var repetition: Int64 = 0
    private var offset = SimDuration.zero
    private var isUp = true
    private var hasChanged = false
    private var isFinished = false

    init(trace: AvailabilityTrace) { self.trace = trace }

    public mutating func next() -> FaultElement.Change? {
      let states = trace.states
      while !isFinished {
        if line == states.count {
          guard let period = trace.period, hasChanged else { break }
          repetition += 1
          let (nanoseconds, overflow) = period.nanoseconds.multipliedReportingOverflow(
            by: repetition)
          guard !overflow, nanoseconds <= FaultElement.horizon.nanoseconds else { break }
          offset = SimDuration(nanoseconds: nanoseconds)
          line = 0
          hasChanged = false
        }
        let state = states[line]
        line += 1
        guard state.isUp != isUp else { continue }
        // Both terms are at most the horizon, so the sum fits in `Int64`.
        let time = offset + state.time
        guard time <= FaultElement.horizon else { break }
        isUp = state.isUp
        hasChanged = true
        return FaultElement.Change(time: time, isUp: isUp)
      }
      isFinished = true
      return nil
    }
  }
}
