import SimCore
import Testing

@testable import Traces

struct LaneAllocatorTests {
  @Test func workedExampleUsesTwoLanes() {
    // The type's example: [0,10) lane 0; [2,5) finds lane 0 busy and opens lane 1; [5,12)
    // starts as lane 1 frees; [10,10) starts as lane 0 frees.
    let result = LaneAllocator.lanes(for: [(0, 10), (2, 5), (5, 12), (10, 10)])
    #expect(result.lanes == [0, 1, 1, 0])
    #expect(result.count == 2)
  }

  @Test func touchingAndEmptyIntervalsShareALane() {
    // [0,5) then [5,9) touch; the empty [3,3) finds no free lane and lies inside [0,5) on lane 0
    // rather than opening a lane; the empty [9,9)s find lane 0 free.
    let result = LaneAllocator.lanes(for: [(0, 5), (5, 9), (3, 3), (9, 9), (9, 9)])
    #expect(result.lanes == [0, 0, 0, 0, 0])
    #expect(result.count == 1)
    // An empty interval alone still needs a lane to be drawn on, and leaves it free.
    #expect(LaneAllocator.lanes(for: [(4, 4)]).count == 1)
    let emptyFirst = LaneAllocator.lanes(for: [(3, 3), (5, 9)])
    #expect(emptyFirst.lanes == [0, 0] && emptyFirst.count == 1)
  }

  @Test func noIntervalsNoLanes() {
    let result = LaneAllocator.lanes(for: [])
    #expect(result.lanes.isEmpty && result.count == 0)
  }

  @Test(arguments: 0..<20)
  func lanesAreDisjointAndAsFewAsTheMostOpenAtOnce(seed: UInt64) {
    var random = SplitMix64(seed: seed)
    let intervals: [(start: Int64, end: Int64)] = (0..<200).map { _ in
      let start = Int64(random.next() % 1_000)
      return (start, start + Int64(random.next() % 60))
    }
    let result = LaneAllocator.lanes(for: intervals)
    // Empty intervals overlap nothing (on a busy lane they nest), so only the others are
    // checked for overlaps.
    for lane in 0..<result.count {
      let mine = intervals.indices.filter { result.lanes[$0] == lane }
        .map { intervals[$0] }.filter { $0.start < $0.end }.sorted { $0.start < $1.start }
      for (a, b) in zip(mine, mine.dropFirst()) {
        #expect(a.end <= b.start, "seed \(seed): lane \(lane) overlaps \(a) and \(b)")
      }
    }
    // The most intervals open at one instant (half-open, so an end at t frees before a start
    // at t), the least number of lanes any assignment needs.
    let points =
      intervals.filter { $0.start < $0.end }.flatMap { [($0.start, 1), ($0.end, -1)] }
      .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    var open = 0
    var most = 0
    for point in points {
      open += point.1
      most = max(most, open)
    }
    #expect(result.count == max(most, intervals.isEmpty ? 0 : 1), "seed \(seed)")
  }
}
