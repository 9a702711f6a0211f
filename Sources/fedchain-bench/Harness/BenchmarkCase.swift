/// One benchmark: a named piece of work that is timed over several runs.
///
/// `run` does the whole measured work once and returns a checksum of its results, which stops the
/// optimiser from discarding the work and cross-checks determinism (every run must return the same
/// checksum). `workPerRun` and `unit` turn a time into a rate: 2,000,000 `events` per run at a
/// median of 0.1 s is reported as 2e7 events/s.
struct BenchmarkCase {
  /// A dotted name, e.g. `kernel.hold.P1000`; selecting `kernel` runs every case under it.
  let name: String
  /// What the figure means, in one line, for the report.
  let summary: String
  /// Timed runs after the discarded warm-up.
  let repetitions: Int
  /// Units of work one run does, for the rate column.
  let workPerRun: Double
  /// The unit of `workPerRun`, e.g. `events`, `bytes`, `flop`, `ops`.
  let unit: String
  /// Prepares inputs (not timed) and returns the timed body.
  let prepare: () -> () -> UInt64
  /// False for cases too slow for a run of every case (a published iterated test vector, say):
  /// they run only when named.
  var runsByDefault = true
}
