import SimCore
import SimKernel

/// Event-kernel benchmarks: the hold model of the discrete-event literature (Vaucher and Duval
/// 1975), as `shared/anchors/bench_simpy_hold.py` and `hold_heap.cpp` run it: P events pending;
/// each firing schedules one more at now + Exp(1) (here Exp with mean 1 ms on the ns grid).
func kernelBenchmarkCases() -> [BenchmarkCase] {
  let firings = 2_000_000
  var cases: [BenchmarkCase] = []
  for pending in [1_000, 100_000] {
    cases.append(
      BenchmarkCase(
        name: "kernel.holdHandler.P\(pending)",
        summary:
          "Simulation run loop, handler events (no allocation), \(pending) pending, \(firings) firings",
        repetitions: 5, workPerRun: Double(firings), unit: "events",
        prepare: { { HoldModel.runHandler(pending: pending, firings: firings) } }))
    cases.append(
      BenchmarkCase(
        name: "kernel.hold.P\(pending)",
        summary: "Simulation run loop, closure events, \(pending) pending, \(firings) firings",
        repetitions: 5, workPerRun: Double(firings), unit: "events",
        prepare: { { HoldModel.run(pending: pending, firings: firings) } }))
    cases.append(
      BenchmarkCase(
        name: "kernel.holdQueue.P\(pending)",
        summary: "bare EventQueue with integer payloads, \(pending) pending, \(firings) firings",
        repetitions: 5, workPerRun: Double(firings), unit: "events",
        prepare: { { HoldModel.runBareQueue(pending: pending, firings: firings) } }))
  }
  cases.append(
    BenchmarkCase(
      name: "kernel.expDraws",
      summary: "the hold model's delay draws alone (xoshiro256** + Exp), \(firings) draws",
      repetitions: 5, workPerRun: Double(firings), unit: "draws",
      prepare: { { HoldModel.runDrawsOnly(firings: firings) } }))
  return cases
}

/// The hold model on the full `Simulation` (closures) and on the bare queue (typed payloads).
final class HoldModel: EventHandler {
  var generator: Xoshiro256StarStar
  var remaining: Int
  var checksum: UInt64 = 0

  init(firings: Int) {
    generator = RandomStreams(seed: 42).make(StreamPurpose("benchmark"))
    remaining = firings
  }

  /// Mean delay of 10⁶ ns: Exp(1) in milliseconds on the nanosecond grid.
  @inline(__always) func nextDelay() -> SimDuration {
    SimDuration(nanoseconds: Int64(generator.nextExponential(mean: 1e6)))
  }

  func fire(_ simulation: Simulation) {
    checksum = checksumMix(checksum, UInt64(simulation.now.nanosecondsSinceStart))
    remaining -= 1
    if remaining <= 0 { simulation.stop(); return }
    simulation.schedule(after: nextDelay()) { [unowned self] in self.fire($0) }
  }

  static func run(pending: Int, firings: Int) -> UInt64 {
    let model = HoldModel(firings: firings)
    let simulation = Simulation(streams: RandomStreams(seed: 42))
    for _ in 0..<pending {
      simulation.schedule(after: model.nextDelay()) { [unowned model] in model.fire($0) }
    }
    simulation.run()
    return model.checksum
  }

  func handle(_ event: UInt64, in simulation: Simulation) {
    checksum = checksumMix(checksum, UInt64(simulation.now.nanosecondsSinceStart))
    remaining -= 1
    if remaining <= 0 { simulation.stop(); return }
    simulation.schedule(after: nextDelay(), self, event: event)
  }

  static func runHandler(pending: Int, firings: Int) -> UInt64 {
    let model = HoldModel(firings: firings)
    let simulation = Simulation(streams: RandomStreams(seed: 42))
    for i in 0..<pending { simulation.schedule(after: model.nextDelay(), model, event: UInt64(i)) }
    simulation.run()
    return model.checksum
  }

  /// The delay draws of `firings` events without any queue: the part of every hold case that is
  /// not the kernel's (`hold_heap.cpp` prints the same for C++).
  static func runDrawsOnly(firings: Int) -> UInt64 {
    let model = HoldModel(firings: firings)
    var checksum: UInt64 = 0
    for _ in 0..<firings { checksum = checksumMix(checksum, UInt64(model.nextDelay().nanoseconds)) }
    return checksum
  }

  static func runBareQueue(pending: Int, firings: Int) -> UInt64 {
    let model = HoldModel(firings: firings)
    var queue = EventQueue<Int32>()
    for i in 0..<pending { queue.schedule(at: model.nextDelay().nanoseconds, Int32(i)) }
    var checksum: UInt64 = 0
    for _ in 0..<firings {
      let (time, payload) = queue.popNext()!
      checksum = checksumMix(checksum, UInt64(time) ^ UInt64(payload))
      queue.schedule(at: time + model.nextDelay().nanoseconds, payload)
    }
    return checksum
  }
}
