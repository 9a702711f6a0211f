import SimCore
import Testing

@testable import Faults

/// A fault's window, as the scenario states it: its start, and its end when it has one.
struct FaultTests {
  @Test func windowsStartAndEndWhereTheScenarioSays() {
    // "at": "30s", "for": "20s" → from 30 s to 50 s.
    let crash = Fault.crash(node: NodeID(3), at: .seconds(30), duration: .seconds(20))
    #expect(crash.start == .seconds(30) && crash.end == .seconds(50) && crash.kind == "crash")
    // No "for": down to the end of the run.
    let down = Fault.linkDown(link: LinkID(1), at: .seconds(5), duration: nil)
    #expect(down.end == nil && down.kind == "link-down")
    // "from"/"until" windows keep their own bounds.
    let slow = Fault.straggler(
      node: NodeID(2), from: .seconds(10), until: .seconds(70), slowdown: 5)
    #expect(slow.start == .seconds(10) && slow.end == .seconds(70) && slow.kind == "straggler")
    let lossy = Fault.loss(links: [LinkID(0)], from: .seconds(1), until: nil, rate: 0.1)
    #expect(lossy.start == .seconds(1) && lossy.end == nil && lossy.kind == "loss")
  }
}
