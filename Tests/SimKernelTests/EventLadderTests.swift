import SimCore
import Testing

@testable import SimKernel

/// The ladder's less travelled paths, each driven on purpose and checked against a stable sort:
/// turning an oversized bottom back into rungs, and the merge sort used for buckets too large to
/// split.
struct EventLadderTests {
  @Test func oversizedBottomBecomesRungsAgainAndKeepsTheOrder() {
    var queue = EventQueue<Int>()
    var reference: [(time: Int64, id: Int)] = []
    func schedule(_ time: Int64) {
      reference.append((time, reference.count))
      queue.schedule(at: time, reference.count - 1)
    }
    // 1,000 events 1 µs apart: rung 0 gets buckets about 2 µs wide.
    for index in 0..<1_000 { schedule(1_000_000 + 1_000 * Int64(index)) }
    let first = queue.popNext()
    #expect(first?.payload == 0)
    let rungsBefore = queue.ladder.rungCount
    // 400 events inside the first bucket's window, below the rung: they all go to the bottom,
    // which passes `bottomLimit` (200) and must be split into rungs again.
    var generator = Xoshiro256StarStar(seed: 11)
    for _ in 0..<400 { schedule(1_000_000 + Int64(generator.nextInt(below: 1_500))) }
    #expect(queue.ladder.rungCount > rungsBefore)
    #expect(queue.ladder.bottomEnd - queue.ladder.bottomHead <= EventLadder<UInt32>.bottomLimit)
    queue.checkInvariants()
    // Everything still comes out by time, then scheduling order.
    let expected = reference.dropFirst().sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    var popped: [Int] = []
    while let (_, id) = queue.popNext() { popped.append(id) }
    #expect(popped == expected.map(\.id))
    queue.checkInvariants()
  }

  @Test(arguments: [2, 16, 17, 100, 1_000])
  func mergeSortOfTheBottomIsStable(count: Int) {
    var ladder = EventLadder<UInt32>(capacity: 16)
    defer { ladder.deallocate() }
    var generator = Xoshiro256StarStar(seed: UInt64(count))
    ladder.reserveBottom(count)
    for index in 0..<count {
      // Few distinct keys, so most have equal neighbours whose order must survive.
      let key = UInt64(generator.nextInt(below: max(2, count / 8)))
      ladder.bottom[index] = EventLadder<UInt32>.Entry(key: key, value: UInt32(index))
    }
    ladder.bottomHead = 0
    ladder.bottomEnd = count
    let expected = (0..<count).map { ladder.bottom[$0] }
      .sorted { ($0.key, $0.value) < ($1.key, $1.value) }
    ladder.sortBottom()
    let sorted = (0..<count).map { ladder.bottom[$0] }
    #expect(sorted.map(\.key) == expected.map(\.key))
    #expect(sorted.map(\.value) == expected.map(\.value))
  }
}
