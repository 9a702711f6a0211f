import SimCore

/// Puts intervals on numbered lanes so that the intervals of one lane never overlap: the rule a
/// trace viewer imposes on the slices of one track (they must nest or be disjoint), which the
/// concurrent tasks of a multi-core node, or the concurrent messages of a sender, would break on
/// a single track.
///
/// **Rule.** Intervals are half-open, `[start, end)`: one ending at t and one starting at t may
/// share a lane. In order of start (ties by end, then by position in the input), each interval
/// takes the lowest-numbered lane whose intervals have all ended by its start, or opens the next
/// lane. Taken in order of start, this greedy colouring of an interval graph uses the fewest lanes
/// possible: as many as the most intervals open at one instant (so a node with k cores busy at
/// once gets k lanes, never more). An empty interval (`start == end`, a lost task, an arrival)
/// overlaps nothing: it takes the first free lane too, but when none is free it goes on lane 0
/// instead of opening one, where it lies inside a slice (a viewer draws it nested), and it never
/// keeps a lane busy.
///
/// **Worked example.** `[0, 10)`, `[2, 5)`, `[5, 12)`, `[10, 10)`: the first takes lane 0; the
/// second finds lane 0 busy until 10 and opens lane 1; the third starts at 5, when lane 1 is free
/// again, and takes it; the fourth starts at 10, when lane 0 is free. Two lanes: `[0, 1, 1, 0]`.
///
/// - Complexity: O(n log n) for n intervals: a sort, then a heap of busy lanes keyed by the end
///   of their last interval and a heap of free lane numbers.
enum LaneAllocator {
  /// Each interval's lane, in the order given, and the number of lanes used.
  /// - Precondition: `start ≤ end` for every interval.
  static func lanes(for intervals: [(start: Int64, end: Int64)]) -> (lanes: [Int], count: Int) {
    for (index, interval) in intervals.enumerated() {
      precondition(
        interval.start <= interval.end,
        "LaneAllocator: interval \(index) ends at \(interval.end) before it starts at "
          + "\(interval.start)")
    }
    let order = intervals.indices.sorted {
      (intervals[$0].start, intervals[$0].end, $0) < (intervals[$1].start, intervals[$1].end, $1)
    }
    var lanes = [Int](repeating: 0, count: intervals.count)
    var busy = MinHeap<LaneEnd>()
    var free = MinHeap<Int>()
    var count = 0
    for index in order {
      let interval = intervals[index]
      while let first = busy.minimum, first.end <= interval.start {
        free.push(busy.pop()!.lane)
      }
      if interval.start == interval.end {
        if count == 0 {
          // Lane 0 opens for it, and stays free for what comes next.
          count = 1
          free.push(0)
        }
        lanes[index] = free.minimum ?? 0
        continue
      }
      let lane: Int
      if free.minimum != nil {
        lane = free.pop()!
      } else {
        lane = count
        count += 1
      }
      lanes[index] = lane
      busy.push(LaneEnd(end: interval.end, lane: lane))
    }
    return (lanes, count)
  }

  /// A busy lane and the end of its last interval, ordered by end, then lane.
  private struct LaneEnd: Comparable {
    var end: Int64
    var lane: Int
    static func < (a: LaneEnd, b: LaneEnd) -> Bool { (a.end, a.lane) < (b.end, b.lane) }
  }
}
