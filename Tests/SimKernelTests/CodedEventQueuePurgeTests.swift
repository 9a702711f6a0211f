import SimCore
import Testing

@testable import SimKernel

/// The coded queue's purge of cancelled entries, under heavy cancellation: the queue must still
/// pop exactly what the sorted-array reference pops (time, then FIFO among equal times), and right
/// after any cancellation must file at most 2 × pending + `purgeMinimum` entries.
struct CodedEventQueuePurgeTests {
  @Test(arguments: [0, 3, 64])
  func purgingCancelledEntriesKeepsTheFiringOrder(purgeMinimum: Int) {
    var generator = Xoshiro256StarStar(seed: UInt64(purgeMinimum) &+ 17)
    var coded = CodedEventQueue(capacity: 16, purgeMinimum: purgeMinimum)
    defer { coded.deallocate() }
    var reference = EventQueueDifferentialTests.Reference()
    var handles: [EventHandle] = []
    var now: Int64 = 0
    var purges = 0
    func schedule() {
      // Half the times repeat one of three instants, so FIFO among equal keys is exercised.
      let time =
        generator.nextInt(below: 2) == 0
        ? now + 10 * Int64(generator.nextInt(below: 3))
        : now + Int64(generator.nextExponential(mean: 5_000))
      let sequence = reference.schedule(at: time)
      handles.append(coded.schedule(at: time, target: 1, code: UInt64(sequence)))
    }
    for step in 0..<30_000 {
      let filedBefore = coded.filedCount
      switch generator.nextInt(below: 10) {
      case 0...5 where !handles.isEmpty:
        // Move one of the last 200 scheduled (as a flow network re-times a flow): cancel it and
        // schedule a replacement, so cancellations pile up while the pending count stays level.
        let sequence = handles.count - 1 - generator.nextInt(below: min(200, handles.count))
        let expected = reference.cancel(sequence)
        #expect(
          (coded.cancel(handles[sequence]) != nil) == expected, "step \(step): cancel #\(sequence)")
        guard expected else { break }
        if coded.filedCount < filedBefore { purges += 1 }
        // Right after a cancellation, cancelled entries number at most max(minimum, pending).
        #expect(
          coded.filedCount <= 2 * coded.pendingCount + purgeMinimum,
          "step \(step): \(coded.filedCount) filed for \(coded.pendingCount) pending")
        schedule()
      case 6, 7:
        let expected = reference.pop()
        let fired = coded.popNext()
        #expect(
          fired?.time == expected?.time && fired?.code == expected.map { UInt64($0.sequence) },
          "step \(step): fired \(String(describing: fired)), expected \(String(describing: expected))"
        )
        if let expected { now = expected.time }
      default:
        schedule()
      }
      #expect(coded.pendingCount == reference.pending, "step \(step): pendingCount")
      if step % 97 == 0 { _ = coded.checkInvariants() }
    }
    #expect(purges > 10, "the test purged only \(purges) times")
    while let expected = reference.pop() {
      #expect(coded.popNext()?.code == UInt64(expected.sequence), "draining")
    }
    #expect(coded.popNext() == nil && coded.filedCount == 0)
    _ = coded.checkInvariants()
  }

  @Test func rescheduledEventsDoNotAccumulateInTheSimulation() {
    // 100 closure events, each moved 200 times (cancel, then schedule 1 ns later than before):
    // 20,000 cancellations, but the simulation files at most 2 × 100 + 4,096 (+ the one being
    // scheduled) entries at any time. The survivors fire in time order: event i last moved to
    // 1,000 × i + 200 ns... plus its 200 moves, so in order of i.
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var fired: [Int] = []
    var handles = (0..<100).map { i in
      simulation.schedule(at: SimInstant(nanosecondsSinceStart: 1_000 * Int64(i))) { _ in
        fired.append(-1)
      }
    }
    var mostFiled = 0
    for move in 1...200 {
      for i in 0..<100 {
        simulation.cancel(handles[i])
        handles[i] = simulation.schedule(
          at: SimInstant(nanosecondsSinceStart: 1_000 * Int64(i) + Int64(move))
        ) { _ in fired.append(i) }
        mostFiled = max(mostFiled, simulation.filedEventCount)
      }
    }
    #expect(mostFiled <= 2 * 100 + 4_096 + 1, "filed \(mostFiled)")
    simulation.checkInvariants()
    simulation.run()
    #expect(fired == Array(0..<100))
  }
}
