import SimCore
import Testing

@testable import SimKernel

struct SimulationTests {
  @Test func actionsSeeTheirOwnInstantAndCanScheduleMore() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var log: [String] = []
    simulation.schedule(after: .milliseconds(10)) { sim in
      log.append("a@\(sim.now.nanosecondsSinceStart)")
      sim.schedule(after: .milliseconds(5)) { sim in
        log.append("b@\(sim.now.nanosecondsSinceStart)")
      }
    }
    simulation.schedule(after: .milliseconds(12)) { sim in
      log.append("c@\(sim.now.nanosecondsSinceStart)")
    }
    simulation.run()
    #expect(log == ["a@10000000", "c@12000000", "b@15000000"])
    #expect(simulation.firedEventCount == 3)
  }

  @Test func runUntilStopsAtTheLimitAndLeavesLaterEventsPending() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var fired: [Int64] = []
    for ms: Int64 in [1, 5, 10, 20] {
      simulation.schedule(after: .milliseconds(ms)) {
        fired.append($0.now.nanosecondsSinceStart / 1_000_000)
      }
    }
    simulation.run(until: SimInstant(nanosecondsSinceStart: 10_000_000))
    #expect(fired == [1, 5, 10])  // an event exactly at the limit runs
    #expect(simulation.now == SimInstant(nanosecondsSinceStart: 10_000_000))
    #expect(simulation.pendingEventCount == 1)
  }

  @Test func runWhileStopsWhenTheConditionFails() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var count = 0
    for ms: Int64 in 1...10 { simulation.schedule(after: .milliseconds(ms)) { _ in count += 1 } }
    simulation.run { _ in count < 4 }
    #expect(count == 4)
    #expect(simulation.pendingEventCount == 6)
  }

  @Test func stopEndsTheRunAfterTheCurrentEvent() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var count = 0
    for ms: Int64 in 1...10 {
      simulation.schedule(after: .milliseconds(ms)) { sim in
        count += 1
        if count == 3 { sim.stop() }
      }
    }
    simulation.run()
    #expect(count == 3)
  }

  @Test func timerRearmingCancelsThePreviousDeadline() {
    let simulation = Simulation(streams: RandomStreams(seed: 1))
    var timer = SimulationTimer()
    var firedAt: [Int64] = []
    timer.arm(after: .seconds(1), in: simulation) { firedAt.append($0.now.nanosecondsSinceStart) }
    simulation.run(until: SimInstant(nanosecondsSinceStart: 500_000_000))
    timer.arm(after: .seconds(1), in: simulation) { firedAt.append($0.now.nanosecondsSinceStart) }
    simulation.run()
    #expect(firedAt == [1_500_000_000])
  }
}
