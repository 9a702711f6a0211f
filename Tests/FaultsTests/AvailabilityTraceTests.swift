import SimCore
import Testing

@testable import Faults

/// An availability trace's walk: only real changes, the last of several lines at one instant,
/// repetitions every period, and an end when a repetition changes nothing.
struct AvailabilityTraceTests {
  private func state(_ seconds: Double, _ isUp: Bool) -> FaultElement.Change {
    FaultElement.Change(time: SimDuration(seconds: seconds, rounding: .nearest), isUp: isUp)
  }

  /// The first `limit` changes of `trace`.
  private func changes(_ trace: AvailabilityTrace, limit: Int = 100) -> [FaultElement.Change] {
    var walk = trace.walk()
    var found: [FaultElement.Change] = []
    while found.count < limit, let change = walk.next() { found.append(change) }
    return found
  }

  /// `1 1`, `2 0`, `3.5 1`, `6 0`, `6 1`, `8 0`: the first line restates "up", and of the two
  /// lines at 6 s the last, "up", holds and restates it too.
  private var flapping: [FaultElement.Change] {
    [
      state(1, true), state(2, false), state(3.5, true), state(6, false), state(6, true),
      state(8, false),
    ]
  }

  @Test func aPeriodicTraceRepeatsItsChangesEveryPeriod() {
    let trace = AvailabilityTrace(
      element: .node(NodeID(3)), states: flapping, period: .seconds(10))
    // Repetition 0 starts up: down 2, up 3.5, down 8, and ends down. Repetition 1 (+10 s) starts
    // down, so its first line (1 s, up) is a change: up 11, down 12, up 13.5, down 18. Repetition
    // 2 (+20 s) does the same: up 21, down 22, up 23.5, down 28.
    #expect(
      changes(trace, limit: 11) == [
        state(2, false), state(3.5, true), state(8, false),
        state(11, true), state(12, false), state(13.5, true), state(18, false),
        state(21, true), state(22, false), state(23.5, true), state(28, false),
      ])
    #expect(trace.start == .seconds(1) && trace.end == nil)
  }

  @Test func aTracePlaysOnceWithoutAPeriod() {
    let trace = AvailabilityTrace(element: .link(LinkID(0)), states: flapping)
    #expect(changes(trace) == [state(2, false), state(3.5, true), state(8, false)])
    // It leaves the link down: no end.
    #expect(trace.end == nil)
    let healed = AvailabilityTrace(
      element: .link(LinkID(0)), states: [state(4, false), state(9, true)])
    #expect(healed.end == .seconds(9))
  }

  @Test func severalLinesAtOneInstantKeepTheLast() {
    let trace = AvailabilityTrace(
      element: .node(NodeID(0)), states: [state(5, false), state(5, true), state(5, false)])
    #expect(trace.states == [state(5, false)])
  }

  @Test func aPeriodicTraceThatChangesNothingEndsAtOnce() {
    // Always up: no repetition changes anything, so the walk ends instead of scanning forever.
    let up = AvailabilityTrace(
      element: .node(NodeID(0)), states: [state(0, true), state(4, true)], period: .seconds(5))
    #expect(changes(up).isEmpty)
    // Down from 5 s, every 10 s: the first line is the only change.
    let down = AvailabilityTrace(
      element: .node(NodeID(0)), states: [state(5, false)], period: .seconds(10))
    #expect(changes(down) == [state(5, false)])
  }

  @Test func aPeriodicTraceStopsAtTheHorizon() {
    // Down at 0 s and up at 1 s, every year (3.1536·10¹⁶ ns): repetition k starts at k years,
    // and the horizon, 9·10¹⁸ ns ≈ 285.4 years, lets repetitions 0 to 285 through (286 years is
    // 9.019·10¹⁸ ns), each with two changes.
    let year = SimDuration.seconds(365 * 86_400)
    let trace = AvailabilityTrace(
      element: .node(NodeID(0)), states: [state(0, false), state(1, true)], period: year)
    let found = changes(trace, limit: 1_000)
    #expect(found.count == 286 * 2)
    #expect(found.last?.time == year * 285 + .seconds(1))
  }
}
