import SimCore
import Testing

@testable import SimKernel

/// Seeded random sequences of schedules, cancels, pops and `nextTime` on `EventQueue` and on the
/// simulation's `CodedEventQueue`, run in lockstep and checked step by step against a sorted array.
/// The queues must match it exactly: the order is the total order `(time, sequence)`, so any
/// correct queue pops the same events in the same order.
struct EventQueueDifferentialTests {
  /// How event times are drawn relative to the last popped time `now`.
  enum Delays: String, CaseIterable, Sendable {
    /// now + Exp(mean 1000 ns): the hold model.
    case exponential
    /// now + 0, 10 or 20 ns: long runs of equal times (FIFO).
    case fewDistinctTimes
    /// Half within 4 ns of now, half up to 1 ms later: floods the ladder's bottom.
    case bursts
    /// Mostly now + 0, sometimes later: zero-delay chains.
    case zeroDelays
    /// Anywhere in `Int64` (negative, `Int64.max`, before now): a general priority queue.
    case anywhere
  }

  /// The reference: pending events sorted by `(time, sequence)` in descending order, so the
  /// earliest is last; cancelled events are skipped lazily.
  struct Reference {
    var events: [(time: Int64, sequence: Int)] = []
    var cancelled: [Bool] = []
    var pending = 0

    mutating func schedule(at time: Int64) -> Int {
      let sequence = cancelled.count
      cancelled.append(false)
      // Descending order: the new pair goes before the first smaller pair; its sequence is the
      // largest yet, so that is the first pair whose time is not greater.
      var low = 0
      var high = events.count
      while low < high {
        let middle = (low + high) / 2
        if events[middle].time > time { low = middle + 1 } else { high = middle }
      }
      events.insert((time, sequence), at: low)
      pending += 1
      return sequence
    }

    mutating func dropCancelled() {
      while let last = events.last, cancelled[last.sequence] { events.removeLast() }
    }

    mutating func pop() -> (time: Int64, sequence: Int)? {
      dropCancelled()
      guard let last = events.popLast() else { return nil }
      cancelled[last.sequence] = true  // fired: no longer pending
      pending -= 1
      return last
    }

    mutating func nextTime() -> Int64? {
      dropCancelled()
      return events.last?.time
    }

    mutating func cancel(_ sequence: Int) -> Bool {
      guard !cancelled[sequence] else { return false }
      cancelled[sequence] = true
      pending -= 1
      return true
    }
  }

  static func draw(_ delays: Delays, now: Int64, using generator: inout Xoshiro256StarStar)
    -> Int64
  {
    switch delays {
    case .exponential:
      return now + Int64(generator.nextExponential(mean: 1000))
    case .fewDistinctTimes:
      return now + 10 * Int64(generator.nextInt(below: 3))
    case .bursts:
      return now
        + Int64(
          generator.nextInt(below: 2) == 0
            ? generator.nextInt(below: 4) : generator.nextInt(below: 1_000_000))
    case .zeroDelays:
      return now + (generator.nextInt(below: 4) == 0 ? Int64(generator.nextInt(below: 100)) : 0)
    case .anywhere:
      switch generator.nextInt(below: 4) {
      case 0: return Int64(bitPattern: generator.next())
      case 1: return [Int64.max, .max - 1, .min, .min + 1, 0, -1][generator.nextInt(below: 6)]
      default: return now &+ (Int64(generator.nextInt(below: 2000)) - 1000)
      }
    }
  }

  static let scenarios: [(Delays, Int)] =
    Delays.allCases.flatMap { delays in
      [1, 12, 300, 4_000].map { (delays, $0) }
    } + [(.exponential, 20_000), (.bursts, 20_000)]

  @Test(arguments: scenarios)
  func queueMatchesASortedArray(delays: Delays, pending: Int) {
    let seed = UInt64(pending) &* 31 &+ UInt64(delays.rawValue.count)
    var generator = Xoshiro256StarStar(seed: seed)
    var queue = EventQueue<Int>()
    var coded = CodedEventQueue()
    defer { coded.deallocate() }
    var codedHandles: [EventHandle] = []
    // The coded queue's events: target and code derived from the sequence number.
    func target(_ sequence: Int) -> UInt32 { UInt32(sequence % 7) }
    func code(_ sequence: Int) -> UInt64 { UInt64(sequence) &* 0x9E37_79B9_7F4A_7C15 }
    var reference = Reference()
    var handles: [EventHandle] = []
    var now: Int64 = 0
    var deepestLadder = 0
    let steps = pending + max(3 * pending, 3_000)
    for step in 0..<steps {
      let filling = reference.pending < pending
      switch generator.nextInt(below: 20) {
      case 0:  // cancel a random event, possibly fired or already cancelled
        guard !handles.isEmpty else { break }
        let sequence = generator.nextInt(below: handles.count)
        let expected = reference.cancel(sequence)
        let cancelled = queue.cancel(handles[sequence])
        #expect(cancelled == expected, "seed \(seed) step \(step): cancel #\(sequence)")
        let codedTarget = coded.cancel(codedHandles[sequence])
        #expect(
          codedTarget == (expected ? target(sequence) : nil),
          "seed \(seed) step \(step): coded cancel #\(sequence)")
      case 1:
        let expected = reference.nextTime()
        let time = queue.nextTime()
        let codedTime = coded.nextTime()
        #expect(time == expected && codedTime == expected, "seed \(seed) step \(step): nextTime")
      case 2 where !handles.isEmpty:
        let sequence = generator.nextInt(below: handles.count)
        let expected = !reference.cancelled[sequence]
        let isPending = queue.isPending(handles[sequence])
        let codedIsPending = coded.isPending(codedHandles[sequence])
        #expect(
          isPending == expected && codedIsPending == expected,
          "seed \(seed) step \(step): isPending #\(sequence)")
      case 3...11 where !filling, 3...5:
        let expected = reference.pop()
        let popped = queue.popNext()
        #expect(
          popped?.payload == expected?.sequence && popped?.time == expected?.time,
          "seed \(seed) step \(step): popped \(String(describing: popped)), expected \(String(describing: expected))"
        )
        let fired = coded.popNext()
        #expect(
          fired?.time == expected?.time && fired?.code == expected.map { code($0.sequence) }
            && fired?.target == expected.map { target($0.sequence) },
          "seed \(seed) step \(step): coded queue fired \(String(describing: fired))")
        if let expected { now = expected.time }
      default:
        let time = Self.draw(delays, now: now, using: &generator)
        let sequence = reference.schedule(at: time)
        handles.append(queue.schedule(at: time, sequence))
        codedHandles.append(
          coded.schedule(at: time, target: target(sequence), code: code(sequence)))
      }
      deepestLadder = max(deepestLadder, queue.ladder.rungCount)
      #expect(
        queue.pendingCount == reference.pending && coded.pendingCount == reference.pending,
        "seed \(seed) step \(step): pendingCount")
      if step % 997 == 0 {
        queue.checkInvariants()
        _ = coded.checkInvariants()
      }
    }
    queue.checkInvariants()
    _ = coded.checkInvariants()
    while let expected = reference.pop() {
      let popped = queue.popNext()
      let fired = coded.popNext()
      #expect(
        popped?.payload == expected.sequence && fired?.code == code(expected.sequence),
        "seed \(seed): draining")
    }
    #expect(queue.popNext() == nil && queue.isEmpty)
    #expect(coded.popNext() == nil && coded.pendingCount == 0)
    queue.checkInvariants()
    _ = coded.checkInvariants()
    if pending >= 4_000, delays != .fewDistinctTimes, delays != .zeroDelays {
      // Large spread-out queues must have split buckets into more rungs (or this test would not
      // exercise the ladder).
      #expect(deepestLadder >= 2, "seed \(seed): ladder never deeper than \(deepestLadder)")
    }
  }
}
