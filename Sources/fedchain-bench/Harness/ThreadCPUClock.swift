#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The CPU time consumed by the calling thread, in seconds.
///
/// The benchmark machines are shared, so wall-clock figures swing with other people's load; the
/// thread's own CPU time does not (to first order), and `BENCHMARKS.md` quotes both.
enum ThreadCPUClock {
  static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
  }
}
