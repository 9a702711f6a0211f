import SimCore
import Testing

@testable import SimKernel

struct EventQueueTests {
  @Test func eventsComeOutByTimeThenInSchedulingOrder() {
    var queue = EventQueue<String>()
    queue.schedule(at: 20, "late")
    queue.schedule(at: 10, "first at 10")
    queue.schedule(at: 10, "second at 10")
    queue.schedule(at: 5, "early")
    queue.schedule(at: 10, "third at 10")
    var order: [String] = []
    while let (_, payload) = queue.popNext() { order.append(payload) }
    #expect(order == ["early", "first at 10", "second at 10", "third at 10", "late"])
  }

  @Test func cancelledEventNeverFires() {
    var queue = EventQueue<Int>()
    let a = queue.schedule(at: 1, 1)
    queue.schedule(at: 2, 2)
    let first = queue.cancel(a)
    let second = queue.cancel(a)  // a no-op
    #expect(first && !second)
    let pending = queue.pendingCount
    #expect(pending == 1)
    let popped = queue.popNext()
    let none = queue.popNext()
    #expect(popped?.payload == 2)
    #expect(none == nil)
  }

  @Test func staleHandleCannotCancelTheEventThatReusesItsSlot() {
    var queue = EventQueue<Int>()
    let old = queue.schedule(at: 1, 1)
    _ = queue.popNext()  // fires; its slot is recycled
    let fresh = queue.schedule(at: 2, 2)
    let cancelledOld = queue.cancel(old)
    let cancelledDefault = queue.cancel(EventHandle())
    #expect(!cancelledOld && !cancelledDefault)
    let freshIsPending = queue.isPending(fresh)
    #expect(freshIsPending)
  }

  @Test func randomScheduleAndCancelKeepsOrderAndInvariants() {
    // A seeded mix of schedules, cancels and pops checked against a sorted reference list.
    var generator = Xoshiro256StarStar(seed: 2024)
    var queue = EventQueue<Int>()
    var reference: [(time: Int64, id: Int)] = []
    var handles: [(EventHandle, Int)] = []
    var nextID = 0
    var now: Int64 = 0
    for step in 0..<5_000 {
      switch generator.nextInt(below: 4) {
      case 0, 1:
        let time = now + Int64(generator.nextInt(below: 50))
        handles.append((queue.schedule(at: time, nextID), nextID))
        reference.append((time, nextID))
        nextID += 1
      case 2 where !handles.isEmpty:
        let (handle, id) = handles.remove(at: generator.nextInt(below: handles.count))
        let wasPending = reference.contains { $0.id == id }
        let cancelled = queue.cancel(handle)
        #expect(cancelled == wasPending, "step \(step)")
        reference.removeAll { $0.id == id }
      default:
        // Reference order: time, then scheduling order (ids grow with scheduling).
        let expected = reference.min { ($0.time, $0.id) < ($1.time, $1.id) }
        let popped = queue.popNext()
        #expect(popped?.payload == expected?.id, "step \(step)")
        if let expected {
          reference.removeAll { $0.id == expected.id }
          now = expected.time
        }
      }
      if step % 500 == 0 { queue.checkInvariants() }
    }
    queue.checkInvariants()
    let pending = queue.pendingCount
    #expect(pending == reference.count)
  }
}
