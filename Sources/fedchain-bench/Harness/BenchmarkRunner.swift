/// The measured outcome of one benchmark case.
struct BenchmarkResult {
  let name: String
  let summary: String
  /// Median and minimum wall time of the timed runs, in seconds.
  let medianSeconds: Double
  let minimumSeconds: Double
  /// Work per second at the median time.
  let medianRate: Double
  /// Median CPU time of the timed runs on the benchmark's thread, and the rate it gives. Cases
  /// that use other threads report only their main thread's share here.
  let medianCPUSeconds: Double
  let cpuRate: Double
  let unit: String
  let checksum: UInt64
  let repetitions: Int
}

/// Runs benchmark cases: one discarded warm-up, then `repetitions` timed runs on `ContinuousClock`.
enum BenchmarkRunner {
  /// Times `benchmark`; stops the process if two runs disagree on the checksum, since a benchmark
  /// whose result changes between runs measures a nondeterministic computation.
  static func measure(_ benchmark: BenchmarkCase) -> BenchmarkResult {
    let body = benchmark.prepare()
    let clock = ContinuousClock()
    let expected = body()  // warm-up, discarded
    var times: [Double] = []
    var cpuTimes: [Double] = []
    for _ in 0..<max(1, benchmark.repetitions) {
      var checksum: UInt64 = 0
      let cpuStart = ThreadCPUClock.now()
      let elapsed = clock.measure { checksum = body() }
      cpuTimes.append(ThreadCPUClock.now() - cpuStart)
      precondition(
        checksum == expected,
        "\(benchmark.name): checksum \(checksum) differs from the warm-up's \(expected)")
      times.append(
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    times.sort()
    let median = Self.median(times)
    let medianCPU = Self.median(cpuTimes.sorted())
    return BenchmarkResult(
      name: benchmark.name, summary: benchmark.summary, medianSeconds: median,
      minimumSeconds: times[0], medianRate: benchmark.workPerRun / median,
      medianCPUSeconds: medianCPU, cpuRate: benchmark.workPerRun / medianCPU, unit: benchmark.unit,
      checksum: expected, repetitions: times.count)
  }
}

extension BenchmarkRunner {
  static func median(_ sorted: [Double]) -> Double {
    sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
  }
}

/// Folds a value into a running checksum (FNV-1a style over 64-bit words).
func checksumMix(_ checksum: UInt64, _ value: UInt64) -> UInt64 {
  (checksum ^ value) &* 0x0000_0100_0000_01B3
}
